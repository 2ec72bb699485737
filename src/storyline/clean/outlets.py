"""Canonical outlet names, from the table in ``clean/data/outlets.toml``.

``canonical_outlet("NYT")`` and ``outlet_for_url("https://www.nytimes.com/...")`` both give
"The New York Times". Unknown names are returned tidied but unchanged, never guessed;
unknown domains give ``None``.

Users extend the table with their own files in the same format, named in the environment
variable ``STORYLINE_OUTLETS`` (several separated by ``os.pathsep``); their entries come
after the shipped ones, so they add outlets and names but do not rename known ones.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "OUTLETS_ENV",
    "Outlet",
    "OutletTable",
    "canonical_outlet",
    "outlet_for_url",
    "outlets",
]

#: Environment variable naming extra outlet tables (TOML files, os.pathsep-separated).
OUTLETS_ENV = "STORYLINE_OUTLETS"

_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_NOISE = re.compile(r"[.\s]+")


def alias_key(name: str) -> str:
    """The form names are compared in: lower case, no leading "the", no possessive, no dots."""
    name = _POSSESSIVE.sub("", name.strip())
    name = _THE.sub("", name)
    return _NOISE.sub(" ", name).strip().lower()


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet of the table: its canonical name and how else it appears."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    kind: str = "online"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


class OutletTable:
    """Look-ups by name and by domain over a list of :class:`Outlet`."""

    def __init__(self, entries: list[Outlet]):
        self.entries = entries
        self._by_key: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in entries:
            for name in outlet.names:
                self._by_key.setdefault(alias_key(name), outlet)
            for domain in outlet.domains:
                self._by_domain[domain.lower()] = outlet

    @classmethod
    def from_toml(cls, *texts: str) -> OutletTable:
        """A table of every ``[[outlet]]`` in the given TOML texts, in order."""
        items = [item for text in texts for item in tomllib.loads(text).get("outlet", [])]
        entries = [
            Outlet(
                name=item["name"],
                aliases=tuple(item.get("aliases", ())),
                domains=tuple(item.get("domains", ())),
                ambiguous=tuple(item.get("ambiguous", ())),
                kind=item.get("kind", "online"),
            )
            for item in items
        ]
        return cls(entries)

    def by_name(self, name: str) -> Outlet | None:
        """The outlet a name (canonical, alias, or domain) stands for, if known."""
        outlet = self._by_key.get(alias_key(name))
        if outlet is None and "." in name and " " not in name.strip():
            outlet = self.by_domain(name)
        return outlet

    def by_domain(self, host_or_url: str) -> Outlet | None:
        """The outlet of a host name or URL: the longest known domain it ends with."""
        host = host_or_url.strip().lower()
        if "//" in host:
            host = urlsplit(host).hostname or ""
        elif "/" in host:
            host = host.split("/", 1)[0]
        host = host.split(":", 1)[0].rstrip(".")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            outlet = self._by_domain.get(".".join(parts[i:]))
            if outlet is not None:
                return outlet
        return None


@cache
def outlets() -> OutletTable:
    """The table shipped with storyline plus the files named in ``STORYLINE_OUTLETS`` (read
    once per process). A named file that cannot be read or parsed raises ValueError saying
    which."""
    texts = [resources.files("storyline.clean").joinpath("data/outlets.toml").read_text("utf-8")]
    for name in filter(None, os.environ.get(OUTLETS_ENV, "").split(os.pathsep)):
        try:
            text = Path(name).read_text("utf-8")
            tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ValueError(f"{OUTLETS_ENV}: cannot read outlet table {name}: {error}") from error
        texts.append(text)
    return OutletTable.from_toml(*texts)


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name of an outlet; an unknown name comes back tidied, not guessed."""
    if name is None or not name.strip():
        return None
    outlet = outlets().by_name(name)
    if outlet is not None:
        return outlet.name
    return " ".join(name.split())


def outlet_for_url(url: str | None) -> str | None:
    """The canonical outlet of a URL's domain, or ``None`` when the domain is not known."""
    if not url:
        return None
    outlet = outlets().by_domain(url)
    return outlet.name if outlet else None
