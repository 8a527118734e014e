"""Open an HTML report in headless Chromium and save a screenshot, to see it renders as a page.

Usage: python scripts/check_html.py REPORT.html SCREENSHOT.png
Exit 0 when Chromium wrote a non-empty PNG; 2 when no Chromium is installed
(`apt-get install -y chromium`); 1 when it failed. tests/reporters/ runs this
on a fresh report when Chromium is present and skips otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMEOUT_SECONDS = 60


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def screenshot(browser: str, page: Path, image: Path) -> bool:
    """True when the browser rendered `page` into a PNG at `image`."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1000,1800",
            f"--screenshot={image.resolve()}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    return image.is_file() and image.read_bytes()[:8] == PNG_MAGIC and image.stat().st_size > 1000


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    browser = find_browser()
    if browser is None:
        sys.stderr.write("no Chromium found: apt-get install -y chromium\n")
        return 2
    ok = screenshot(browser, Path(argv[0]), Path(argv[1]))
    sys.stdout.write(f"{'wrote' if ok else 'FAILED to write'} {argv[1]}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
