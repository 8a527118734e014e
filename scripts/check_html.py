"""Open an HTML report in headless Chromium, save a screenshot, and check its Chinese is legible.

Usage: python scripts/check_html.py REPORT.html SCREENSHOT.png
Exit 0 when Chromium wrote a non-empty PNG and, if the report has Chinese text,
that text is drawn with real glyphs (a CJK font), not tofu boxes; 2 when no
Chromium is installed (`apt-get install -y chromium fonts-noto-cjk`); 1 when it
failed. tests/reporters/ runs this on a fresh report; .ci/run installs Chromium
and a CJK font so that it runs in CI.

The glyph check draws a few of the report's own Chinese characters, in the
report's own stylesheet, one per square, beside a character no font has (its
box is tofu), and reads the screenshot's pixels: every character must leave ink,
differ from the tofu box and from the others. Without a CJK font each square
shows the same box.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMEOUT_SECONDS = 60
CJK = re.compile(r"[\u4e00-\u9fff]")
TOFU = "\U00031350"
"""A CJK ideograph of Unicode 15 (Extension H) that no Debian font draws."""
SQUARE = 80
"""Pixels per probe square; glyphs are drawn at 64px inside it."""
PROBE_CHARACTERS = 6


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def screenshot(browser: str, page: Path, image: Path, size: tuple[int, int] = (1000, 1800)) -> bool:
    """True when the browser rendered `page` into a PNG at `image`."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={image.resolve()}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    return image.is_file() and image.read_bytes()[:8] == PNG_MAGIC and image.stat().st_size > 1000


def chinese_sample(html: str) -> str:
    """The first distinct Chinese characters of the report's text (not of its stylesheet)."""
    text = re.sub(r"<style.*?</style>|<[^>]*>", " ", html, flags=re.DOTALL)
    seen = dict.fromkeys(CJK.findall(text))
    return "".join(list(seen)[:PROBE_CHARACTERS])


def probe_page(html: str, sample: str) -> str:
    """The report with a strip on top: each sample character, then the tofu one, in squares."""
    squares = "".join(
        f'<span style="display:inline-block;width:{SQUARE}px;height:{SQUARE}px;'
        f'overflow:hidden">{char}</span>'
        for char in [*sample, TOFU]
    )
    strip = (
        '<div style="position:fixed;top:0;left:0;z-index:99;margin:0;padding:0;'
        f'background:#fff;color:#000;font-size:64px;line-height:{SQUARE}px;white-space:nowrap">'
        f"{squares}</div>"
    )
    return html.replace("</body>", f"{strip}</body>", 1)


def glyphs_drawn(browser: str, report: Path, workdir: Path) -> bool:
    """True when the report's Chinese characters render as distinct glyphs, not tofu."""
    html = report.read_text(encoding="utf-8")
    sample = chinese_sample(html)
    page, image = workdir / "probe.html", workdir / "probe.png"
    page.write_text(probe_page(html, sample), encoding="utf-8")
    width = SQUARE * (len(sample) + 1)
    if not sample or not screenshot(browser, page, image, (max(width, 500), 400)):
        return False
    pixels = read_png(image.read_bytes())
    squares = [_ink(pixels, index) for index in range(len(sample) + 1)]
    *characters, tofu = squares
    inked = all(any(square) for square in characters)
    return inked and tofu not in characters and len(set(characters)) == len(characters)


def _ink(pixels: list[list[int]], index: int) -> tuple[bool, ...]:
    """Which pixels of square `index` (in the top row of squares) are dark."""
    left = index * SQUARE
    return tuple(value < 128 for row in pixels[:SQUARE] for value in row[left : left + SQUARE])


def read_png(data: bytes) -> list[list[int]]:
    """A PNG (8 bits, grey, RGB or RGBA, not interlaced: Chromium's) as rows of grey levels."""
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    if depth != 8 or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, interlace {interlace}")
    raw = zlib.decompress(b"".join(_chunks(data, b"IDAT")))
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = bytearray(raw[start + 1 : start + 1 + stride])
        rows.append(_unfilter(raw[start], row, previous, channels))
        previous = row
    grey = 3 if channels >= 3 else 1
    return [
        [sum(row[x * channels : x * channels + grey]) // grey for x in range(width)] for row in rows
    ]


def _chunks(data: bytes, kind: bytes) -> list[bytes]:
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == kind:
            found.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return found


def _unfilter(kind: int, row: bytearray, above: bytearray, step: int) -> bytearray:
    """Undo one row's PNG filter (None, Sub, Up, Average, Paeth), in place."""
    for i, value in enumerate(row):
        left = row[i - step] if i >= step else 0
        up = above[i]
        corner = above[i - step] if i >= step else 0
        if kind == 1:
            value += left
        elif kind == 2:
            value += up
        elif kind == 3:
            value += (left + up) // 2
        elif kind == 4:
            guess = left + up - corner
            distances = (abs(guess - left), abs(guess - up), abs(guess - corner))
            value += (left, up, corner)[distances.index(min(distances))]
        row[i] = value & 0xFF
    return row


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    browser = find_browser()
    if browser is None:
        sys.stderr.write("no Chromium found: apt-get install -y chromium fonts-noto-cjk\n")
        return 2
    report, image = Path(argv[0]), Path(argv[1])
    if not screenshot(browser, report, image):
        sys.stdout.write(f"FAILED to write {image}\n")
        return 1
    sys.stdout.write(f"wrote {image}\n")
    if not CJK.search(report.read_text(encoding="utf-8")):
        return 0
    with tempfile.TemporaryDirectory() as workdir:
        legible = glyphs_drawn(browser, report, Path(workdir))
    verdict = "drawn with a CJK font" if legible else "tofu: no CJK font"
    sys.stdout.write(f"Chinese text {verdict}\n")
    return 0 if legible else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
