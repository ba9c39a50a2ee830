"""The fonts of certificates and module PDFs beyond Debian's Noto (Latin, Cyrillic, Arabic):
"PATIT Serif SC", Noto Serif CJK SC cut down to the GB2312 characters (the 6,763 Chinese
characters of everyday Simplified Chinese, with their punctuation and full-width forms).

Why a font of our own: Noto Serif CJK is a 26 MB collection whose CFF subroutines WeasyPrint
keeps whole in the subset it embeds, so a Chinese certificate weighed 374 KB and took four
times the English render. Cut and desubroutinised once, the embedded subset is a few tens of
kilobytes (budgets in docs/languages.md: certificate <= 150 KB, module PDF <= 400 KB, render <= 1.5x
English). Characters outside GB2312 (a rare character in a name) still print: fontconfig falls
back to the full Noto CJK for them.

The cut is converted from CFF to TrueType outlines: Noto CJK's CFF is CID-keyed, and a PDF
reader selects its glyphs by CID through the font's charset, while WeasyPrint writes glyph
ids, so every Chinese character pointed at .notdef (veraPDF rules 6.2.11.4.1 and 6.2.11.8;
blank boxes in strict readers). TrueType glyphs are selected by glyph id.

The files are generated, not committed (about 5 MB): `make fonts` (`manage.py build_fonts`)
builds them under FONTS_DIR, and the first render builds them when they are missing. A
cut is kept in the machine's cache (`cache_dir()`, keyed by the source font and this
module's code), so a fresh clone or CI run copies it instead of cutting for a minute.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from django.conf import settings

FAMILY = "PATIT Serif SC"
SOURCES = {  # weight -> (the Debian collection, fonts-noto-cjk)
    "normal": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    "bold": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"),
}
SOURCE_FACE = "Noto Serif CJK SC"
_lock = threading.Lock()


def fonts_dir() -> Path:
    return Path(getattr(settings, "FONTS_DIR", "") or Path(settings.BASE_DIR) / "var" / "fonts")


def font_path(weight: str) -> Path:
    return fonts_dir() / f"PATITSerifSC-{weight}.ttf"


def characters() -> set[int]:
    """ASCII, the GB2312 repertoire (every two-byte code that decodes), CJK punctuation and
    full-width forms."""
    points = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    points |= set(range(0x2010, 0x2070))  # dashes, quotes, ellipsis
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return points


def cache_dir() -> Path:
    """The machine's cache of built fonts, shared by every clone (as pip's cache is):
    $PATIT_CACHE_DIR, else $XDG_CACHE_HOME/patit, else ~/.cache/patit."""
    import os

    base = os.environ.get("PATIT_CACHE_DIR") or (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "patit"
    )
    return Path(base) / "fonts"


def cache_key(weight: str) -> str:
    """What a built font depends on: the source collection's bytes, this module's code (the
    cut, the names, the conversion) and fontTools' version. A change to any of them is a
    new key, so a stale font is never taken from the cache."""
    import hashlib

    import fontTools

    digest = hashlib.sha256()
    with SOURCES[weight].open("rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{weight} {fontTools.version}".encode())
    return digest.hexdigest()[:32]


def build(weight: str) -> Path:
    """The font of one weight under FONTS_DIR: copied from the machine's cache when a clone
    built the same one before (cutting takes about a minute), else cut and cached."""
    import shutil

    source = SOURCES[weight]
    if not source.is_file():
        raise FileNotFoundError(
            f"{source} is missing: install Debian's fonts-noto-cjk (scripts/system-deps.sh)."
        )
    target = font_path(weight)
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir() / f"PATITSerifSC-{weight}-{cache_key(weight)}.ttf"
    if not cached.is_file():
        cut(weight, cached)
    partial = target.with_suffix(".partial")
    shutil.copyfile(cached, partial)
    partial.replace(target)  # atomic: a concurrent render never reads half a font
    return target


def cut(weight: str, target: Path) -> None:
    """Cut one weight of Noto Serif CJK SC to `characters()`, renamed to FAMILY, to `target`."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it lists every glyph at INFO
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(SOURCES[weight]))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == SOURCE_FACE)
    options = subset.Options()
    # Horizontal text only: no vertical metrics, baselines or positioning tables.
    options.drop_tables += ["vmtx", "vhea", "VORG", "BASE", "GPOS"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    style = "Bold" if weight == "bold" else "Regular"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(
                f"{FAMILY} {style}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            names.setName(
                f"PATITSerifSC-{style}", 6, record.platformID, record.platEncID, record.langID
            )
    to_truetype(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A name of this process's own, then an atomic rename: two clones building at once
    # never read each other's half-written file.
    partial = target.with_suffix(f".{os.getpid()}.partial")
    font.save(str(partial))
    partial.replace(target)


def to_truetype(font) -> None:
    """Replace the font's CFF outlines by TrueType ones (cubic curves approximated by
    quadratic ones within one font unit), in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\0\1\0\0"
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}  # no glyph names needed


def ensure() -> list[Path]:
    """The font files, built now when missing (once per process, under a lock)."""
    with _lock:
        return [font_path(w) if font_path(w).is_file() else build(w) for w in SOURCES]


def font_face_css() -> str:
    """@font-face rules naming the generated files, for WeasyPrint's stylesheets."""
    ensure()
    return "".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
        f'src: url("{font_path(weight).as_uri()}"); }}\n'
        for weight in SOURCES
    )
