"""``python -m storyline``: the same as the ``storyline`` command."""

from storyline.cli import main

if __name__ == "__main__":
    main()
