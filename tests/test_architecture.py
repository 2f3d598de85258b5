"""The dependency direction of DESIGN.md, checked on the source.

Shared mechanisms import no business app (import-linter checks that too, see
pyproject.toml); business apps reach each other only through the other app's
public `services` and `selectors` modules.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = {"core", "audit", "workdays", "todos", "reports", "comments"}
BUSINESS = {
    "publicity", "appraisal", "meetings", "disclosure",
    "supervision", "prevention", "integrity", "dashboard",
}  # fmt: skip
PUBLIC = {"services", "selectors"}


def imports_of(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def app_sources(app):
    return sorted((ROOT / "apps" / app).rglob("*.py"))


def test_shared_mechanisms_import_no_business_app():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for app in SHARED
        for path in app_sources(app)
        for name in imports_of(path)
        if name.startswith("apps.") and name.split(".")[1] in BUSINESS
    ]
    assert not wrong, wrong


def test_business_apps_use_each_other_only_through_services_and_selectors():
    wrong = []
    for app in BUSINESS - {"dashboard"}:
        for path in app_sources(app):
            for name in imports_of(path):
                parts = name.split(".")
                if len(parts) < 3 or parts[0] != "apps" or parts[1] == app:
                    continue
                if parts[1] in BUSINESS - {"dashboard"} and parts[2] not in PUBLIC:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, wrong
