"""The exceptions proxygraph raises: one base class, and a DataError that carries every problem."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a dataset, with where it is and what to do."""

    file: str
    line: int
    code: str
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" fails validation, "warning" does not

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.code}: {self.message}"
        if self.severity == "warning":
            text = f"{self.file}:{self.line}: warning: {self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class ProxygraphError(Exception):
    """Base class of every error proxygraph raises on purpose."""

    exit_code = 1


class DataError(ProxygraphError):
    """A dataset has errors; ``problems`` lists every one found (warnings included). ``advice`` is
    what the command line says to do next."""

    def __init__(self, problems: list[Problem], *, advice: str = "run 'proxygraph validate' on it for details") -> None:
        self.problems = problems
        self.advice = advice
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the dataset")


class UsageError(ProxygraphError):
    """The user asked for something that does not exist or cannot be (an unknown actor, a bad value).

    The message speaks the library's words. ``argument`` names the parameter of the function called
    whose value is wrong, when one is: a caller that takes that value under another name (the CLI
    and its options) catches the error by it and says it in its own words.

    >>> UsageError("the start date 2020 must end before the end date 2016 begins", argument="start").argument
    'start'
    """

    exit_code = 2

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument


class UnknownActor(UsageError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" - did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown actor {name!r}{hint}")


class NotAnActor(UnknownActor):
    """A place named where an actor is expected; the message says what to run instead."""

    def __init__(self, name: str, place: str) -> None:
        UsageError.__init__(self, f"{name!r} is a place, not an actor - try 'proxygraph show {place}'")
        self.name = name
        self.suggestions = [place]
        self.place = place


class StoreError(ProxygraphError):
    """Neo4j could not be reached or refused the request; the message says what to do."""

    exit_code = 3


class WriteError(ProxygraphError):
    """A file could not be written (no such folder, not allowed, or not ours to replace)."""

    exit_code = 1
