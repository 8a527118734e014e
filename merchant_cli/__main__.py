"""The console script and `python -m merchant_cli`: `cli.main` in a process of its own.

Two start-up costs are skipped here, and only here (tests call `cli.main`, which
returns): the garbage collector is off while modules and the pack load (they make
many long-lived objects and little garbage; `cli` freezes them and turns it back
on before the command runs), and once the output is flushed the process ends with
`os._exit`, without tearing every module down one by one (10-15 ms that change
nothing). This module imports nothing of merchant-cli until the collector is off.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn


def run() -> NoReturn:
    gc.disable()
    from merchant_cli.app.cli import main

    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away before the last of the output
        code = 141
    except OSError:  # stderr gone (a closed terminal): the exit code still says how it went
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
