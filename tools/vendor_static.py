#!/usr/bin/env python3
"""Refresh static/vendor/ from the npm packages pinned in package.json.

The application never runs npm: this script copies the few files it serves
(Bootstrap, Bootstrap Icons, htmx, ECharts, and subsets of the Noto Sans SC /
Noto Serif SC fonts) into static/vendor/, which is committed.

    npm ci --ignore-scripts        # or let this script run it (default)
    .venv/bin/python tools/vendor_static.py [--skip-npm]

Then review `git diff --stat static/vendor` and commit. The script needs
fontTools (requirements-dev.txt) and Node/npm; it refuses to finish if any CSS
file under static/ would load something from outside the site.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
STATIC = ROOT / "static"
EXTRA_CHARS_FILE = ROOT / "tools" / "font_extra_chars.txt"

# (source inside node_modules, destination inside static/vendor)
FILES = [
    ("bootstrap/dist/css/bootstrap.min.css", "bootstrap/css/bootstrap.min.css"),
    (
        "bootstrap/dist/js/bootstrap.bundle.min.js",
        "bootstrap/js/bootstrap.bundle.min.js",
    ),
    ("bootstrap/LICENSE", "bootstrap/LICENSE"),
    (
        "bootstrap-icons/font/bootstrap-icons.min.css",
        "bootstrap-icons/bootstrap-icons.min.css",
    ),
    (
        "bootstrap-icons/font/fonts/bootstrap-icons.woff2",
        "bootstrap-icons/fonts/bootstrap-icons.woff2",
    ),
    (
        "bootstrap-icons/font/fonts/bootstrap-icons.woff",
        "bootstrap-icons/fonts/bootstrap-icons.woff",
    ),
    ("bootstrap-icons/LICENSE", "bootstrap-icons/LICENSE"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("htmx.org/LICENSE", "htmx/LICENSE"),
    ("echarts/dist/echarts.min.js", "echarts/echarts.min.js"),
    ("echarts/LICENSE", "echarts/LICENSE"),
    ("echarts/NOTICE", "echarts/NOTICE"),
    ("@expo-google-fonts/noto-sans-sc/LICENSE_FONT", "fonts/OFL.txt"),
]

# (npm package, weight folder, file stem, output file)
FONTS = [
    ("noto-sans-sc", "400Regular", "NotoSansSC_400Regular", "NotoSansSC-Regular.ttf"),
    ("noto-sans-sc", "700Bold", "NotoSansSC_700Bold", "NotoSansSC-Bold.ttf"),
    (
        "noto-serif-sc",
        "400Regular",
        "NotoSerifSC_400Regular",
        "NotoSerifSC-Regular.ttf",
    ),
    ("noto-serif-sc", "700Bold", "NotoSerifSC_700Bold", "NotoSerifSC-Bold.ttf"),
]

# Unicode blocks kept whole (where the font has the glyph), beside GB2312.
KEPT_BLOCKS = [
    (0x0020, 0x007E, "Basic Latin (ASCII)"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (× ÷ · ° § ±)"),
    (0x2000, 0x206F, "General Punctuation (— … ‘ ’ “ ” ‰ ※ ‖)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ № ™)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ–Ⅻ ⅰ–ⅻ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (≤ ≥ ≠ ∑)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ▲ ○ ● ◎ ◆)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆ ☑)"),
    (0x2700, 0x27BF, "Dingbats (✓ ✔ ✕ ❶)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation (、 。 〇 《 》 【 】)"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊀ ㊣)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏ ㎞)"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE50, 0xFE6F, "Small Form Variants"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]

CDN_MARKERS = ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com")
SOURCE_MAP = re.compile(r"\n?/[/*]# sourceMappingURL=[^\n]*?(\*/)?\s*$")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def run_npm():
    subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=ROOT,
        check=True,
    )


def package_info(name):
    data = json.loads((NODE / name / "package.json").read_text(encoding="utf-8"))
    return data["version"], data.get("license", "")


def copy_files():
    for source, dest in FILES:
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / source, target)
        if target.suffix in {".css", ".js"}:
            # The .map files are not vendored; drop the pointer to them, or
            # collectstatic's manifest storage fails looking for them.
            text = target.read_text(encoding="utf-8")
            target.write_text(SOURCE_MAP.sub("\n", text), encoding="utf-8")


def gb2312_codepoints():
    """Every character of GB2312: 6763 hanzi (levels 1 and 2) and 682 symbols."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                char = bytes([row, cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            found.add(ord(char))
    return found


def extra_codepoints():
    found = set()
    for line in EXTRA_CHARS_FILE.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        found.update(ord(c) for c in line if not c.isspace())
    return found


def wanted_codepoints():
    wanted = gb2312_codepoints() | extra_codepoints()
    for start, end, _label in KEPT_BLOCKS:
        wanted.update(range(start, end + 1))
    return wanted


def subset_fonts():
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = wanted_codepoints()
    extras = extra_codepoints()
    report = []
    for package, weight, stem, out in FONTS:
        source = NODE / "@expo-google-fonts" / package / weight / f"{stem}.ttf"
        # Keep the upstream timestamp, so a refresh without changes is no diff.
        font = TTFont(source, recalcTimestamp=False)
        cmap = font.getBestCmap()
        kept = sorted(c for c in wanted if c in cmap)
        missing_extras = sorted(chr(c) for c in extras if c not in cmap)
        options = subset.Options()
        options.layout_features = ["*"]  # vert, fwid, halt... for CJK layout
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=kept)
        subsetter.subset(font)
        target = VENDOR / "fonts" / out
        target.parent.mkdir(parents=True, exist_ok=True)
        font.save(target)
        report.append((out, len(kept), target.stat().st_size, missing_extras))
    return report


FONT_CSS = """\
/* {family} ({licence}), subset by tools/vendor_static.py; served by this site. */
@font-face {{
  font-family: "{family}";
  font-style: normal;
  font-weight: 400;
  font-display: swap;
  src: url("{regular}") format("truetype");
}}
@font-face {{
  font-family: "{family}";
  font-style: normal;
  font-weight: 700;
  font-display: swap;
  src: url("{bold}") format("truetype");
}}
"""


def write_font_css():
    for family, stem, css in [
        ("Noto Sans SC", "NotoSansSC", "noto-sans-sc.css"),
        ("Noto Serif SC", "NotoSerifSC", "noto-serif-sc.css"),
    ]:
        (VENDOR / "fonts" / css).write_text(
            FONT_CSS.format(
                family=family,
                licence="SIL Open Font License 1.1, see OFL.txt",
                regular=f"{stem}-Regular.ttf",
                bold=f"{stem}-Bold.ttf",
            ),
            encoding="utf-8",
        )


def offsite_references():
    """Return (file, reference) for every CSS url()/@import that leaves the site."""
    problems = []
    for path in sorted(STATIC.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text):
            url = url.strip()
            if url.startswith("data:"):
                continue
            if re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE):
                problems.append((path.relative_to(ROOT), url))
        if CSS_IMPORT.search(text):
            problems.append((path.relative_to(ROOT), "@import"))
    for path in sorted(STATIC.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in CDN_MARKERS:
            if marker in text:
                problems.append((path.relative_to(ROOT), marker))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-npm", action="store_true", help="use node_modules as it is"
    )
    args = parser.parse_args()
    if not args.skip_npm:
        run_npm()
    for sub in ("bootstrap", "bootstrap-icons", "htmx", "echarts", "fonts"):
        shutil.rmtree(VENDOR / sub, ignore_errors=True)
    copy_files()
    fonts = subset_fonts()
    write_font_css()

    for name in (
        "bootstrap",
        "bootstrap-icons",
        "htmx.org",
        "echarts",
        "@expo-google-fonts/noto-sans-sc",
        "@expo-google-fonts/noto-serif-sc",
    ):
        version, licence = package_info(name)
        print(f"{name:36} {version:10} {licence}")
    for out, count, size, missing in fonts:
        print(f"fonts/{out:30} {count:6} characters {size / 1e6:6.2f} MB")
        if missing:
            print("  not in the font, skipped:", "".join(missing))
    problems = offsite_references()
    for path, ref in problems:
        print(f"OFF-SITE REFERENCE {path}: {ref}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
