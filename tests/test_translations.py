"""Every UI text has a zh_Hans translation: no untranslated and no fuzzy entries.

The catalogues are re-extracted from the current sources in a scratch copy of
the tree, so a new text that nobody added to a catalogue fails here too.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["apps", "templates", "locale", "procuratorate", "manage.py"]


def catalogues(root):
    return sorted(root.glob("locale/zh_Hans/LC_MESSAGES/django.po")) + sorted(
        root.glob("apps/*/locale/zh_Hans/LC_MESSAGES/django.po")
    )


def problems(path):
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif entry.previous_msgid or entry.previous_msgid_plural:
            # A fuzzy guess whose flag was dropped without checking the text.
            found.append(f"unchecked fuzzy guess: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                found.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def test_committed_catalogues_are_complete():
    assert catalogues(ROOT), "no zh_Hans catalogues found"
    report = {str(p.relative_to(ROOT)): problems(p) for p in catalogues(ROOT)}
    assert not any(report.values()), {k: v for k, v in report.items() if v}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext not installed")
def test_catalogues_cover_every_text_in_the_sources(tmp_path):
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                tmp_path / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
            )
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    report = {str(p.relative_to(tmp_path)): problems(p) for p in catalogues(tmp_path)}
    assert not any(report.values()), {k: v for k, v in report.items() if v}


def test_interface_speaks_chinese_by_default(client):
    response = client.get("/accounts/login/")
    assert "登录办公系统" in response.content.decode()


def test_an_english_browser_still_gets_chinese(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录办公系统" in response.content.decode()


def test_english_is_available_by_choice(client):
    client.cookies["django_language"] = "en"
    response = client.get("/accounts/login/")
    assert "Sign in to the office system" in response.content.decode()


def test_one_text_has_one_translation_across_catalogues():
    """Django merges every catalogue: the first loaded wins for a shared msgid.

    So the same English text translated differently in two apps would show the
    wrong Chinese in one of them. Use a msgctxt (pgettext) where the meaning
    really differs.
    """
    seen = {}
    clashes = []
    for path in catalogues(ROOT):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr:
                continue
            key = (entry.msgctxt, entry.msgid)
            where = str(path.relative_to(ROOT)).split("/locale/")[0]
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(
                    f"{entry.msgid!r}: {seen[key][0]} says {seen[key][1]!r}, "
                    f"{where} says {entry.msgstr!r}"
                )
            seen.setdefault(key, (where, entry.msgstr))
    assert not clashes, "\n".join(clashes)
