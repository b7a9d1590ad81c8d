"""One loaded model behind one generation thread, so requests never race on it and never block
the event loop.

Every generation (the rows of non-streamed requests, or the choices of a streamed one) is a job
on a single-thread executor: jobs run one at a time in arrival order, while the event loop keeps
accepting requests, answering ``/v1/models`` and sending streamed pieces.

Non-streamed requests asking alike (same ``Ask``) are batched together: while the thread is busy
they wait in one group, and the next job generates the whole group at once. A teacher asked by
many concurrent clients (a ``sample`` run's ``concurrency``) then runs one batched forward pass
per token instead of one per request, which on a CPU is several times faster. A batch's greedy
outputs equal the solo ones (``generate.generate`` cuts each row at its own end), but sampled
draws depend on the rows beside them, so a *seeded* sampling request runs alone and stays
reproducible, as OpenAI's ``seed`` promises.

A streamed job hands each piece of text to the event loop as it is generated
(``generate.stream``); when the client goes away, the job stops generating at the next token.
"""

from __future__ import annotations

import asyncio
import copy
import secrets
import threading
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from tunix_rt.evaluation import generate
from tunix_rt.evaluation.config import SamplingSettings


@dataclass(frozen=True)
class Ask:
    """How to generate: up to ``max_tokens`` per choice, sampled so, cut at ``stop``."""

    max_tokens: int
    temperature: float
    top_p: float
    seed: int | None
    stop: Sequence[str]

    def sampling(self, offset: int = 0) -> SamplingSettings:
        """Greedy at temperature 0; else seeded by ``seed`` (a random one when unset) plus
        ``offset``, so the streamed choices of one request differ from each other."""
        seed = secrets.randbelow(2**31) if self.seed is None else self.seed
        if self.temperature == 0:
            return SamplingSettings()
        return SamplingSettings(temperature=self.temperature, top_p=self.top_p, seed=(seed + offset) % 2**63)


@dataclass
class _Waiting:
    """A request's rows waiting for its group's job, and where its outputs go."""

    rows: Sequence[str]
    future: asyncio.Future[list[generate.Generation]]


def _settle(
    future: asyncio.Future[list[generate.Generation]],
    outputs: list[generate.Generation] | None,
    error: BaseException | None,
) -> None:
    if future.done():  # the request was cancelled (its client left)
        return
    if error is not None:
        future.set_exception(error)
    else:
        assert outputs is not None
        future.set_result(outputs)


@dataclass(frozen=True)
class Piece:
    """A streamed piece of choice ``index``'s text."""

    index: int
    text: str


@dataclass(frozen=True)
class Done:
    """Choice ``index`` has ended: its whole output."""

    index: int
    output: generate.Generation


class Engine:
    """The served model, its name, and the thread that generates with it."""

    def __init__(self, loaded: generate.Evaluated, name: str, *, batch_size: int) -> None:
        self.loaded = loaded
        self.name = name
        self.batch_size = batch_size
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="generate")
        self._groups: dict[tuple[Any, ...], list[_Waiting]] = {}
        self._lock = threading.Lock()
        # A fast tokenizer is not safe across threads ("Already borrowed"): the event loop counts
        # tokens with its own copy while the generation thread encodes and decodes with the model's.
        self._counter = copy.deepcopy(loaded.tokenizer)

    def close(self) -> None:
        """Stop taking jobs; the one running finishes (a stream's is cancelled by its request)."""
        self._thread.shutdown(wait=False, cancel_futures=True)

    def chat_prompt(self, turns: Sequence[dict[str, str]]) -> str:
        """The conversation as the model was trained to read it (``generate.render_messages``)."""
        return generate.render_messages(self.loaded.tokenizer, turns, self.loaded.template)

    def count(self, text: str) -> int:
        """Tokens of ``text`` as the model reads a prompt (no special tokens added)."""
        return len(self._counter.encode(text, add_special_tokens=False))

    async def complete(self, rows: Sequence[str], ask: Ask) -> list[generate.Generation]:
        """One output per rendered prompt in ``rows`` (a prompt repeated for n choices), in order;
        generated with the other requests that ask alike and arrive while the thread is busy."""
        loop = asyncio.get_running_loop()
        if ask.temperature > 0 and ask.seed is not None:
            return await loop.run_in_executor(self._thread, self._generate, rows, ask)
        key = (ask.max_tokens, ask.temperature, ask.top_p, ask.seed, tuple(ask.stop))
        waiting = _Waiting(rows, loop.create_future())
        with self._lock:
            group = self._groups.setdefault(key, [])
            group.append(waiting)
            first = len(group) == 1
        if first:
            job = loop.run_in_executor(self._thread, self._drain, loop, key, ask)
            job.add_done_callback(lambda done: self._abandon(key) if done.cancelled() else None)
        return await waiting.future

    def _generate(self, rows: Sequence[str], ask: Ask) -> list[generate.Generation]:
        return generate.generate(
            self.loaded,
            rows,
            batch_size=self.batch_size,
            max_new_tokens=ask.max_tokens,
            sampling=ask.sampling(),
            stop=ask.stop,
        )

    def _drain(self, loop: asyncio.AbstractEventLoop, key: tuple[Any, ...], ask: Ask) -> None:
        """In the generation thread: the group waiting under ``key``, generated as one batch.
        Requests arriving from now on form the next group (and schedule its job)."""
        with self._lock:
            group = [waiting for waiting in self._groups.pop(key, []) if not waiting.future.done()]
        try:
            outputs = self._generate([row for waiting in group for row in waiting.rows], ask) if group else []
        except Exception as exc:  # each request of the group raises it
            for waiting in group:
                loop.call_soon_threadsafe(_settle, waiting.future, None, exc)
            return
        start = 0
        for waiting in group:
            part = outputs[start : start + len(waiting.rows)]
            start += len(waiting.rows)
            loop.call_soon_threadsafe(_settle, waiting.future, part, None)

    def _abandon(self, key: tuple[Any, ...]) -> None:
        """A group whose job was cancelled before it started (the engine closed): its requests fail."""
        with self._lock:
            group = self._groups.pop(key, [])
        for waiting in group:
            _settle(waiting.future, None, RuntimeError("the server is shutting down"))

    async def stream(self, rows: Sequence[str], ask: Ask) -> AsyncIterator[Piece | Done]:
        """Each row's output, one row after the other, as ``Piece``s while it is generated and a
        ``Done`` when it ends. Closing the iterator early (a client that left) stops the job."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Piece | Done | BaseException] = asyncio.Queue()
        cancelled = threading.Event()

        def hand(item: Any) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, item)

        def job() -> None:
            try:
                for index, row in enumerate(rows):
                    if cancelled.is_set():
                        return

                    def piece(text: str, index: int = index) -> None:
                        hand(Piece(index, text))

                    output = generate.stream(
                        self.loaded,
                        row,
                        max_new_tokens=ask.max_tokens,
                        sampling=ask.sampling(index),
                        stop=ask.stop,
                        on_text=piece,
                        cancelled=cancelled.is_set,
                    )
                    hand(Done(index, output))
            except BaseException as exc:  # handed to the request, which raises it
                hand(exc)

        running = loop.run_in_executor(self._thread, job)
        try:
            for _ in rows:
                while True:
                    item = await queue.get()
                    if isinstance(item, BaseException):
                        raise item
                    yield item
                    if isinstance(item, Done):
                        break
        finally:
            cancelled.set()
            running.cancel()  # still queued behind another job: never starts
