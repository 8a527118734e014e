"""Score a batch's chunks on every core: worker processes, results in input order.

Each worker has a pipe of its own and one chunk at a time: chunk n goes to worker
n mod N and results are read back in the same turn, so order needs no bookkeeping,
memory holds N chunks whatever the input's length, and no lock is shared between
processes (a `multiprocessing.Pool` can hang in `terminate` after Ctrl-C when a
worker holds its result queue's lock). Each worker loads the pack once (from the
pack cache, so cheaply). An input of one chunk is scored in this process:
starting workers would cost more than it saves.

A worker ends when this process does, however it ends (even by SIGKILL): only this
process holds the other end of the worker's pipe, so the worker reads end of file.
A forked worker starts with copies of this process's ends of its own pipe and of the
pipes of the workers made before it; it closes them first thing.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from merchant_cli.app.batch.chunks import Chunk
from merchant_cli.app.batch.work import ChunkScorer, Done, Settings
from merchant_cli.app.interrupts import STOP_SIGNALS
from merchant_cli.core.errors import MerchantCliError
from merchant_cli.core.pack import RulePack
from merchant_cli.core.said import say

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

    Context = ForkContext | ForkServerContext | SpawnContext
    from multiprocessing.process import BaseProcess


ENDING_GRACE = 5.0
"""Seconds a worker has to end after SIGTERM before it is killed."""


class PackSource(NamedTuple):
    """Where a worker loads the pack from: the run's `--rules`, overlays and `--follow-links`."""

    directory: Path | None
    overlays: tuple[Path, ...]
    follow_links: bool


class Worker(NamedTuple):
    """A worker process and this process's end of its pipe."""

    process: BaseProcess
    pipe: Connection


@contextmanager
def scored_chunks(
    chunks: Iterator[Chunk], jobs: int, pack: RulePack, source: PackSource, settings: Settings
) -> Iterator[Iterator[Done]]:
    """Each chunk's results, in input order; every worker is ended on the way out."""
    first = list(islice(chunks, 2)) if jobs > 1 else []
    rest = chain(first, chunks)
    if len(first) < 2:
        yield map(ChunkScorer(pack, settings), rest)
        return
    workers: list[Worker] = []
    try:
        context = _context()
        for _ in range(jobs):
            workers.append(_start(context, source, settings, [w.pipe for w in workers]))
        yield _in_turn(workers, rest)
    finally:  # done, stopped early (--fail-fast, a bad file) or interrupted
        for worker in workers:
            worker.process.terminate()
        for worker in workers:
            _end(worker.process)
            worker.pipe.close()


def _end(process: BaseProcess) -> None:
    """Wait for a terminated worker; one that outlives `ENDING_GRACE` seconds is killed, so
    a lost SIGTERM can never leave the run waiting for ever."""
    process.join(ENDING_GRACE)
    if process.exitcode is None:
        process.kill()
        process.join()


@contextmanager
def _stops_held() -> Iterator[None]:
    """SIGTERM and SIGHUP wait while a worker is made. A forked worker runs this process's
    handlers (which raise, to unwind) until `_serve` sets the defaults, and such an
    exception raised inside multiprocessing's start-up is caught and logged there: the
    worker would live on, deaf to the signal, while this process waited for it to end.
    Held, the signal reaches the worker once `_serve` can take it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no fork, no inherited handlers
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start(
    context: Context, source: PackSource, settings: Settings, others: list[Connection]
) -> Worker:
    """A worker; `others` are this process's ends of the pipes of the workers before it."""
    mine, theirs = context.Pipe()
    forked = context.get_start_method() == "fork"  # else nothing is inherited (or pickled)
    inherited = [mine, *others] if forked else []
    process = context.Process(
        target=_serve, args=(theirs, source, settings, inherited), daemon=True
    )
    with _stops_held():
        process.start()
    theirs.close()  # only the worker holds its end: its exit is seen as end of file here
    return Worker(process, mine)


def _context() -> Context:
    """`fork` when this process runs no other thread: a worker then starts at once, sharing
    the loaded modules' memory. With other threads (a library's, a test runner's), a fork
    would copy locks they may hold and could hang the worker; the fork server starts
    clean, imports this module once, and each worker is forked from it."""
    import multiprocessing  # only a batch that needs workers pays for it
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload([__name__])
        return server
    return multiprocessing.get_context("spawn")


def _in_turn(workers: list[Worker], chunks: Iterator[Chunk]) -> Iterator[Done]:
    """Give each worker a chunk; then, in turn, take a worker's result and give it the
    next chunk before handing the result on, so it scores while the result is written."""
    pending: deque[Worker] = deque()
    for worker, chunk in zip(workers, chunks, strict=False):
        worker.pipe.send(chunk)
        pending.append(worker)
    while pending:
        worker = pending.popleft()
        done = _result(worker)
        following = next(chunks, None)
        if following is not None:
            worker.pipe.send(following)
            pending.append(worker)
        yield done


def _result(worker: Worker) -> Done:
    try:
        done: Done = worker.pipe.recv()
    except EOFError:
        worker.process.join()
        raise MerchantCliError(say("batch.worker_died", code=worker.process.exitcode)) from None
    return done


def _serve(
    pipe: Connection, source: PackSource, settings: Settings, inherited: list[Connection]
) -> None:
    """A worker: score chunks until the main process ends it or goes away.

    Ctrl-C reaches every process of the terminal's group: the main process alone
    handles it (and ends the workers). A forked worker inherits the main process's
    SIGTERM handler, which would raise here; the default just ends the worker.
    """
    from merchant_cli.packs.loader import load_pack

    for end in inherited:  # the main process's ends: its exit must close the pipe
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held by `_stops_held`
    try:
        pack = load_pack(source.directory, source.overlays, follow_links=source.follow_links)
        score = ChunkScorer(pack, settings)
        while True:
            pipe.send(score(pipe.recv()))
    except (MerchantCliError, EOFError, BrokenPipeError):
        return  # the pack changed since the main process loaded it, or the main process left
