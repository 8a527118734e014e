"""Score a batch's chunks on every core: worker processes, results in input order.

Each worker loads the pack once (from the pack cache, so cheaply) and keeps its
own memos. At most `IN_FLIGHT_PER_JOB` chunks per worker are queued or waiting
to be written, so memory stays flat for any input length. An input of one chunk
is scored in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from merchant_cli.batchchunks import Chunk
from merchant_cli.batchwork import ChunkScorer, Done, Settings
from merchant_cli.pack import RulePack

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

IN_FLIGHT_PER_JOB = 2
"""Chunks per worker sent ahead: enough to keep it busy while the main process writes."""


class PackSource(NamedTuple):
    """Where a worker loads the pack from: the run's `--rules` and overlays."""

    directory: Path | None
    overlays: tuple[Path, ...]


@contextmanager
def scored_chunks(
    chunks: Iterator[Chunk], jobs: int, pack: RulePack, source: PackSource, settings: Settings
) -> Iterator[Iterator[Done]]:
    """Each chunk's results, in input order; any worker left is ended on the way out."""
    first = list(islice(chunks, 2))
    rest = chain(first, chunks)
    if jobs <= 1 or len(first) < 2:
        yield map(ChunkScorer(pack, settings), rest)
        return
    import multiprocessing  # only a batch that needs workers pays for it

    pool = multiprocessing.get_context().Pool(jobs, _start_worker, (source, settings))
    try:
        yield _in_order(pool, rest, jobs * IN_FLIGHT_PER_JOB)
    finally:
        pool.terminate()  # done, stopped early (--fail-fast) or interrupted: no worker outlives us
        pool.join()


def _in_order(pool: Pool, chunks: Iterator[Chunk], limit: int) -> Iterator[Done]:
    pending: deque[AsyncResult[Done]] = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_score, (chunk,)))
        if len(pending) >= limit:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


_worker: ChunkScorer | None = None
"""This worker's scorer, built once by `_start_worker`."""


def _start_worker(source: PackSource, settings: Settings) -> None:
    """Leave interrupts to the main process, then load the pack and compile the scorer.

    Ctrl-C reaches every process of the terminal's group: the main process alone
    handles it (and ends the workers). A forked worker inherits the main process's
    SIGTERM handler, which would raise here; the default just ends the worker.
    """
    from merchant_cli.loader import load_pack

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _worker = ChunkScorer(load_pack(source.directory, source.overlays), settings)


def _score(chunk: Chunk) -> Done:
    assert _worker is not None, "the pool's initializer builds the scorer"
    return _worker(chunk)
