"""SIGTERM and SIGHUP end a run like Ctrl-C does: by unwinding, so nothing is half-written.

Python's default for these signals kills the process at once, leaving temporary
files behind; raising an exception instead lets every `finally` clean up, and the
CLI's one error handler turns it into exit 128 + the signal's number.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

from merchant_cli.core.errors import MerchantCliError


class Stopped(MerchantCliError):
    """SIGTERM, or SIGHUP (the terminal closed): exit 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.exit_code = 128 + signum


STOP_SIGNALS = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]


def _stop(signum: int, _frame: object) -> None:
    for sig in STOP_SIGNALS:  # a second signal (a terminal sends several) must not cut the unwind
        signal.signal(sig, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception, so `finally` blocks remove temporary files."""
    previous = {}
    with contextlib.suppress(ValueError):  # signals can only be caught in the main thread
        previous = {sig: signal.signal(sig, _stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            if signal.getsignal(sig) is _stop:  # after a signal, stay deaf to more until exit
                signal.signal(sig, handler)
