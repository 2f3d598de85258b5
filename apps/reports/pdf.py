"""PDF from a Django template with WeasyPrint, Chinese drawn with the bundled fonts.

Templates extend "reports/pdf_base.html" (A4, page numbers 第 N 页 共 M 页,
optional watermark). The fonts are whole TTF subsets in
settings.REPORT_FONT_DIR, loaded by file:// URL: WeasyPrint draws wrong
characters from unicode-range-split webfonts, and a server need not have any
system CJK font to fall back on.

The page may show text users typed; WeasyPrint is therefore allowed to read
only data: URLs and files under the font and static folders, never the
network or the rest of the disk.
"""

import re
from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .templatetags.report_jobs import css_string_literal

FONT_FILES = {
    "sans_regular": "NotoSansSC-Regular.ttf",
    "sans_bold": "NotoSansSC-Bold.ttf",
    "serif_regular": "NotoSerifSC-Regular.ttf",
    "serif_bold": "NotoSerifSC-Bold.ttf",
}


# Copies of the watermark text laid over each page (a rotated grid).
WATERMARK_TILES = 24


def _allowed_roots():
    roots = [Path(settings.REPORT_FONT_DIR)]
    roots += [Path(d) for d in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _url_fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        """Fetch data: URLs and files under the allowed folders; refuse the rest."""

        def __init__(self, roots):
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self._roots = roots

        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(url2pathname(url.split("?")[0].removeprefix("file:")))
                path = path.resolve()
                if not any(path.is_relative_to(root) for root in self._roots):
                    raise ValueError(f"Refused to read {url} for a PDF")
            return super().fetch(url, headers)

    return LocalOnlyURLFetcher


def font_urls():
    """file:// URLs of the bundled CJK fonts, for @font-face in PDF templates."""
    font_dir = Path(settings.REPORT_FONT_DIR).resolve()
    return {key: (font_dir / name).as_uri() for key, name in FONT_FILES.items()}


def page_counter_css():
    """The CSS `content` value of the footer: 第 N 页 共 M 页 (translated)."""
    # Translators: the PDF footer; keep {page} and {pages}.
    text = gettext("Page {page} of {pages}")
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string_literal(piece))
    return mark_safe(" ".join(parts))


def render_pdf(template_name, context, *, request=None):
    """Render `template_name` with `context` to PDF bytes.

    The context gains `pdf_fonts` (see font_urls) and `pdf_page_counter`. Pass
    `watermark` (e.g. the viewer's name and the time) to print it faintly
    across every page, and `pdf_header` / `classification` for the page head.
    """
    # WeasyPrint loads Pango and friends: import it only when a PDF is made.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    extra = {
        "pdf_fonts": font_urls(),
        "pdf_page_counter": page_counter_css(),
        "watermark_tiles": range(WATERMARK_TILES) if context.get("watermark") else (),
    }
    html = render_to_string(template_name, {**context, **extra}, request=request)
    font_config = FontConfiguration()
    fetcher = _url_fetcher_class()(_allowed_roots())
    document = HTML(
        string=html,
        base_url=Path(settings.REPORT_FONT_DIR).resolve().as_uri() + "/",
        url_fetcher=fetcher,
    )
    return document.write_pdf(font_config=font_config)
