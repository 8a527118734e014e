"""merchant-cli: where should a merchant sell? Evidence-based platform fit scoring.

The public API is imported lazily so that `import merchant_cli` stays cheap for
the command line, which pays for every import at start-up::

    from merchant_cli import build_profile, evaluate, load_pack, score_batch

    pack = load_pack()  # the built-in rule pack
    result = evaluate(build_profile(pack, {"category": "shoes", "price": 24.9}), pack)
    for outcome in score_batch(pack, rows):  # rows: an iterable of answer mappings
        ...  # a Scored (row, id, ranking) or a Rejected (row, id, reason: worded(reason, lang))
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Evaluation",
    "Rejected",
    "RulePack",
    "Scored",
    "__version__",
    "build_profile",
    "evaluate",
    "load_pack",
    "score_batch",
    "worded",
]

if TYPE_CHECKING:
    from merchant_cli.core.batch import Rejected, Scored, score_batch
    from merchant_cli.core.engine import evaluate
    from merchant_cli.core.pack import RulePack
    from merchant_cli.core.profile import build_profile
    from merchant_cli.core.result import Evaluation
    from merchant_cli.packs.loader import load_pack
    from merchant_cli.reporters.messages import worded

_HOME = {
    "evaluate": "core.engine",
    "load_pack": "packs.loader",
    "build_profile": "core.profile",
    "score_batch": "core.batch",
    "Scored": "core.batch",
    "Rejected": "core.batch",
    "RulePack": "core.pack",
    "Evaluation": "core.result",
    "worded": "reporters.messages",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'merchant_cli' has no attribute {name!r}")
    return getattr(import_module(f"merchant_cli.{home}"), name)
