"""Every command and option of the CLI is documented in the README, and the README opens
with the two commands."""

from pathlib import Path

import click

from storyline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_readme_opens_with_the_two_commands():
    first = [line.strip() for line in README.splitlines()[1:6] if line.strip()]
    assert first[0].startswith("make run") and first[1].startswith("make test")


def test_every_command_and_option_is_in_the_readme():
    context = click.Context(main)
    for name in main.list_commands(context):
        assert f"storyline {name}" in README, f"command {name} is not in the README"
        command = main.get_command(context, name)
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option} is not in the README"
