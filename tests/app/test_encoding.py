"""The report is written whatever stdout's encoding: a GBK console (Windows' cp936), ASCII,
Latin-1, or `LANG=C`. Characters the encoding lacks degrade; nothing fails, JSON stays JSON.

Run as a subprocess, as the encoding of stdout is fixed when Python starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from merchant_cli.reporters import FORMATS
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "merchant-shoe-factory.yaml"
SETTINGS = {
    "gbk": {"PYTHONIOENCODING": "gbk"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "LANG=C": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
"""`LANG=C` without Python's UTF-8 coercion: stdout is ASCII, as on a minimal system."""


def _run(setting: str, fmt: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "80", "LANG": "C.UTF-8", **SETTINGS[setting]})
    command = [sys.executable, "-m", "merchant_cli", "evaluate", "--answers", str(EXAMPLE)]
    return subprocess.run(
        [*command, "--no-input", "--lang", "zh", "--format", fmt],
        capture_output=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_every_format_is_written_in_any_encoding(setting: str, fmt: str) -> None:
    result = _run(setting, fmt)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode(SETTINGS[setting].get("PYTHONIOENCODING", "ascii"))
    if fmt == "json":
        assert json.loads(text)["ranking"][0]["platform"] == "douyin"
    if fmt == "table" and setting in ("ascii", "latin-1"):
        assert "#####" in text and "█" not in text  # ASCII bars, not question marks
