"""merchant-cli: where should a merchant sell? Evidence-based platform fit scoring.

The public API is imported lazily so that `import merchant_cli` stays cheap for
the command line, which pays for every import at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "evaluate", "load_pack", "build_profile"]

if TYPE_CHECKING:
    from merchant_cli.engine import evaluate
    from merchant_cli.loader import load_pack
    from merchant_cli.profile import build_profile


def __getattr__(name: str) -> Any:
    if name == "evaluate":
        from merchant_cli.engine import evaluate

        return evaluate
    if name == "load_pack":
        from merchant_cli.loader import load_pack

        return load_pack
    if name == "build_profile":
        from merchant_cli.profile import build_profile

        return build_profile
    raise AttributeError(name)
