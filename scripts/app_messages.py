#!/usr/bin/env python3
"""Re-extract the zh_Hans catalogue of ONE app, leaving every other one untouched.

    .venv/bin/python scripts/app_messages.py publicity

then `scripts/fill_translations.py`, translate what it lists, and compile
(`make messages` re-extracts every catalogue at once). Django is set up
first, from the project root, and only then does makemessages walk the app's
folder: run from inside the folder, the app's own `apps.py` and `rules.py`
would hide the packages of the same names.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(app):
    folder = ROOT / "apps" / app
    if not (folder / "locale").is_dir():
        sys.exit(f"apps/{app} has no locale folder")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procuratorate.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    os.chdir(folder)
    call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1])
