#!/usr/bin/env python3
"""Compile every translation catalogue (.po) of the project into a .mo beside it.

Pure Python (polib), so a machine without GNU gettext can still run the project.
A catalogue that cannot be parsed stops the build with its name and the error.
polib silently reads an unterminated string as empty, and does not check
placeholders, so both are checked here as `msgfmt --check-format` would.
"""

import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ("locale/**/*.po", "apps/*/locale/**/*.po")
STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"'
)
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")


def catalogues(root: Path) -> list[Path]:
    """Return the project's .po files, in a stable order."""
    found = {path for pattern in PATTERNS for path in root.glob(pattern)}
    return sorted(found)


def check_syntax(po_path: Path) -> None:
    """Refuse a line polib would misread, such as an unterminated string."""
    lines = po_path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if line and not line.startswith("#") and not STRING_LINE.fullmatch(line):
            raise ValueError(f"line {number}: cannot read {line[:60]!r}")


def placeholders(text: str) -> tuple[set[str], int]:
    """Return the named placeholders of a format string and its count of others."""
    found = [m.group(1) for m in PLACEHOLDER.finditer(text) if m.group() != "%%"]
    return {name for name in found if name}, sum(1 for name in found if not name)


def check_formats(catalogue: polib.POFile) -> None:
    """Refuse a translation whose placeholders would break formatting at run time."""
    for entry in catalogue.translated_entries():
        if "python-format" not in entry.flags:
            continue
        source = entry.msgid_plural or entry.msgid
        names, unnamed = placeholders(source)
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            their_names, their_unnamed = placeholders(text)
            if not their_names <= names or their_unnamed != unnamed:
                raise ValueError(f"placeholders of {text!r} do not match {source!r}")


def compile_catalogue(po_path: Path) -> bool:
    """Write the .mo for one .po; return False if it was already up to date."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    check_syntax(po_path)
    catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
    check_formats(catalogue)
    # Write beside, then rename: a half-written .mo would crash gettext at import.
    partial = mo_path.with_suffix(".mo.partial")
    catalogue.save_as_mofile(str(partial))
    partial.replace(mo_path)
    return True


def main() -> int:
    paths = catalogues(ROOT)
    failed = []
    compiled = 0
    for po_path in paths:
        try:
            compiled += compile_catalogue(po_path)
        except (OSError, ValueError) as error:
            failed.append(po_path)
            print(f"ERROR {po_path.relative_to(ROOT)}: {error}", file=sys.stderr)
    print(
        f"translations: {len(paths)} catalogue(s), {compiled} compiled, "
        f"{len(paths) - compiled - len(failed)} up to date"
    )
    if failed:
        print(
            f"translations: {len(failed)} catalogue(s) could not be compiled",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
