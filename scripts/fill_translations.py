#!/usr/bin/env python3
"""Fill untranslated catalogue entries from translations the project already has.

After `make messages`, a text that moved from one app to another arrives
untranslated in its new app's catalogue. This copies the translation of the
same msgid (and context) from any other catalogue of the project, including
the versions at git HEAD, and lists what is still untranslated: those need a
translator. It never overwrites a translation.

    scripts/fill_translations.py            # fill, then list what is left
    scripts/fill_translations.py --check    # only list
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = (
    "locale/zh_Hans/LC_MESSAGES/django.po",
    "apps/*/locale/zh_Hans/LC_MESSAGES/django.po",
)


def catalogues():
    return sorted(p for pattern in PATTERNS for p in ROOT.glob(pattern))


def known_translations():
    known = {}
    sources = [polib.pofile(str(p)) for p in catalogues()]
    listed = subprocess.run(
        ["git", "ls-files", "*.po"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    for name in listed:
        text = subprocess.run(
            ["git", "show", f"HEAD:{name}"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        if text:
            sources.append(polib.pofile(text))
    for po in sources:
        for entry in po:
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            if entry.msgid_plural and all(entry.msgstr_plural.values()):
                known.setdefault(key, dict(entry.msgstr_plural))
            elif entry.msgstr:
                known.setdefault(key, entry.msgstr)
    return known


def main(check_only):
    known = {} if check_only else known_translations()
    missing = []
    for path in catalogues():
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgctxt = None
                entry.previous_msgid_plural = None
                if entry.msgid_plural:
                    entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                else:
                    entry.msgstr = ""
                changed = True
            done = (
                all(entry.msgstr_plural.values())
                if entry.msgid_plural
                else entry.msgstr
            )
            if done:
                continue
            found = known.get((entry.msgctxt, entry.msgid, entry.msgid_plural))
            if found is None:
                missing.append(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = dict(found)
            else:
                entry.msgstr = found
            changed = True
        if changed and not check_only:
            po.save(str(path))
    for line in missing:
        print(line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
