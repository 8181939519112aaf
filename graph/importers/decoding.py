"""Read an input file's text as its authors meant it: the encoding, mis-decoded text, controls.

Files are UTF-8 (a byte-order mark is dropped). A line that is not UTF-8 is read as
Windows-1252 (cp1252, what spreadsheets on Windows save), and the import says which lines.
Text that was mis-decoded on its way here (mojibake: ``â\x80\x99`` for U+2019, the right
single quotation mark, or the C1 control ``\x92`` where cp1252 meant it) is repaired with
ftfy, and every value it changed is listed. Nothing is dropped: a control character ftfy
cannot place stays, and the import warns about it. Line breaks inside quoted cells stay.

>>> repairs = Repairs("links.csv")
>>> repairs.cell("Kata\x92ib Sayyid al-Shuhada", 2, "group1_name") == "Kata\u2019ib Sayyid al-Shuhada"
True
>>> [(n.line, n.code) for n in repairs.notes()]
[(2, 'repaired-text')]
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Container
from pathlib import Path

import ftfy
import ftfy.bad_codecs

from graph.errors import Problem, UsageError

# Only what mis-decoding does is undone: no curly quotes straightened, no HTML unescaped, no
# ligatures or widths folded, no control characters removed: the source's own text stays.
FIXES = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_KEPT_CONTROLS = {"\n", "\r", "\t"}


def read_text(path: Path) -> tuple[str, list[Problem]]:
    """The text of ``path`` (UTF-8, else cp1252 line by line) and a warning naming any line read as cp1252.

    Raises
    ------
    UsageError
        When the file cannot be read.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    parts, fallback = [], []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode("sloppy-windows-1252"))
            fallback.append(number)
    shown = _lines(fallback)
    note = Problem(
        str(path), fallback[0], "not-utf8",
        f"{'line' if len(fallback) == 1 else 'lines'} {shown} not UTF-8: read as Windows-1252 (cp1252)",
        "save the file as UTF-8 to be sure of its text", "warning",
    )  # fmt: skip
    return "".join(parts), [note]


class Repairs:
    """Repairs the cells of one file and keeps a note of every value it changed: one note per
    column and value, at its first line, naming the other lines where the same value stood."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._fixed: dict[str, str] = {}
        self._seen: dict[tuple[str, str, str], list[int]] = {}  # (code, column, text) -> lines

    def cell(self, text: str, line: int, column: str) -> str:
        """``text`` with mis-decoded characters repaired (noted); controls kept (noted)."""
        if text.isascii() and text.isprintable():
            return text
        fixed = self._fixed.get(text)
        if fixed is None:
            fixed = self._fixed[text] = ftfy.fix_text(text, FIXES)
        if fixed != text:
            self._seen.setdefault(("repaired-text", column, text), []).append(line)
        if any(unicodedata.category(c) == "Cc" and c not in _KEPT_CONTROLS for c in fixed):
            self._seen.setdefault(("control-character", column, fixed), []).append(line)
        return fixed

    def notes(self, lines: Container[int] | None = None) -> list[Problem]:
        """A warning for every value changed, and every control character kept (of ``lines`` only, if given)."""
        found = []
        for (code, column, text), seen in self._seen.items():
            kept = [n for n in seen if lines is None or n in lines]
            if not kept:
                continue
            more = f" (also on line{'s' if len(kept) > 2 else ''} {_lines(kept[1:])})" if len(kept) > 1 else ""
            if code == "repaired-text":
                message = f"{column}: {text!r} -> {self._fixed[text]!r}{more}"
                hint = "mis-decoded text (mojibake) repaired by ftfy: check it"
            else:
                names = ", ".join(sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc"} -
                                         {f"U+{ord(c):04X}" for c in _KEPT_CONTROLS}))  # fmt: skip
                message = f"{column}: {text!r} holds {names}{more}"
                hint = "kept as it is: fix the cell if it is a stray byte"
            found.append(Problem(self.file, kept[0], code, message, hint, "warning"))
        return sorted(found, key=lambda p: p.line)


def _lines(numbers: list[int], shown: int = 10) -> str:
    text = ", ".join(map(str, numbers[:shown]))
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")
