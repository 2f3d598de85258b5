#!/usr/bin/env bash
# Re-extract the zh_Hans catalogue of ONE app (or core's base `locale/` with
# `.`), leaving every other catalogue untouched:
#     scripts/app_messages.sh publicity
# then scripts/fill_translations.py, translate what it lists, and compile.
set -euo pipefail
cd "$(dirname "$0")/.."
app=$1
ignores=(--ignore=./var --ignore=node_modules --ignore=./static --ignore=./.venv --ignore=./tests)
for dir in apps/*/; do
    name=$(basename "$dir")
    [[ "$name" == "$app" ]] || ignores+=("--ignore=./apps/$name")
done
if [[ "$app" != "." ]]; then
    ignores+=(--ignore=./templates --ignore=./procuratorate --ignore=./manage.py)
fi
.venv/bin/python manage.py makemessages -l zh_Hans --no-obsolete "${ignores[@]}"
