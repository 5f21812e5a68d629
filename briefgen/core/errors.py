"""Errors a user can fix: each names the file, line and key, and the CLI prints it without a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    path: Path
    """The file the problem is in."""
    line: int | None
    """1-based line number, when known."""
    key: str
    """Dotted key path inside the file (``facts[2].actors[0]``); empty for the whole file."""
    message: str
    """What is wrong and, where possible, what would be right."""

    def __str__(self) -> str:
        where = str(self.path) + (f":{self.line}" if self.line else "")
        key = f" '{self.key}'" if self.key else ""
        return f"{where}:{key} {self.message}" if key else f"{where}: {self.message}"


class BriefgenError(Exception):
    """A user error: bad input, bad config, nothing to build. Exit code 1, no traceback."""


class ConfigError(BriefgenError):
    """One or more problems in YAML inputs, all reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
