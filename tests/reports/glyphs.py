"""Compare what a PDF page shows with what a font draws, character by character.

A PDF's text layer can read right while the page shows other characters (as
WeasyPrint does with unicode-range-split webfonts), so reading the text proves
nothing. These helpers find a string through the text layer, cut each of its
characters out of the rasterised page (pypdfium2), cut the same character out
of a Pillow drawing made with the bundled TTF, and score how well the ink
overlaps (intersection over union of the two normalised shapes).
"""

from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFont

SCALE = 6  # 432 dpi: a 10.5pt character is about 60 pixels high
SIZE = 48  # characters are compared as SIZE x SIZE ink masks


@dataclass
class Rendered:
    page_image: Image.Image
    glyphs: list  # one ink mask per character of the searched string


def ink_mask(image):
    """Black-on-white grey image -> SIZE x SIZE mask of its ink bounding box."""
    ink = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    box = ink.getbbox()
    if box is None:
        return None
    resized = ink.crop(box).resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    return resized.point(lambda v: 255 if v >= 128 else 0)


def overlap(a, b):
    """Intersection over union of two masks; 0 when either is empty."""
    if a is None or b is None:
        return 0.0
    inter = ImageChops.multiply(a, b).histogram()[255]
    union = ImageChops.lighter(a, b).histogram()[255]
    return inter / union if union else 0.0


def reference_mask(char, font_path, px=200):
    font = ImageFont.truetype(str(font_path), px)
    image = Image.new("L", (px * 2, px * 2), 255)
    ImageDraw.Draw(image).text((px // 2, px // 2), char, font=font, fill=0)
    return ink_mask(image)


def render_and_find(pdf_bytes, text, *, page_index=0, largest=True):
    """Rasterise a page and cut out each character of `text` where it is drawn.

    When `text` occurs on several lines, take the occurrence in the largest
    type (the title) if `largest`, else the first.
    """
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        page = pdf[page_index]
        textpage = page.get_textpage()
        searcher = textpage.search(text, match_case=True)
        hits = []
        while (hit := searcher.get_next()) is not None:
            hits.append(hit)
        # Horizontal lines only: a rotated watermark may repeat the same text.
        hits = [hit for hit in hits if _is_horizontal(textpage, *hit)]
        assert hits, f"{text!r} is not on a line of page {page_index + 1}"

        def char_height(hit):
            _left, bottom, _right, top = textpage.get_charbox(hit[0])
            return top - bottom

        start, count = max(hits, key=char_height) if largest else hits[0]
        height = page.get_height()
        image = page.render(scale=SCALE).to_pil().convert("L")
        glyphs = []
        for index in range(start, start + count):
            left, bottom, right, top = textpage.get_charbox(index)
            crop = image.crop(
                (
                    int(left * SCALE) - 2,
                    int((height - top) * SCALE) - 2,
                    int(right * SCALE) + 2,
                    int((height - bottom) * SCALE) + 2,
                )
            )
            glyphs.append(ink_mask(crop))
        return Rendered(image, glyphs)
    finally:
        pdf.close()


def _is_horizontal(textpage, start, count):
    bottoms = [textpage.get_charbox(i)[1] for i in range(start, start + count)]
    return max(bottoms) - min(bottoms) < 1.0


def scores(glyphs, text, font_path):
    """Overlap of each drawn glyph with the font's drawing of `text`'s characters."""
    return [
        overlap(glyph, reference_mask(char, font_path))
        for glyph, char in zip(glyphs, text, strict=True)
    ]
