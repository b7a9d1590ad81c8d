"""One loaded model behind one generation thread, so requests never race on it and never block
the event loop.

Every generation (a batch of a non-streamed request, or the choices of a streamed one) is a job
on a single-thread executor: jobs run one at a time in arrival order, while the event loop keeps
accepting requests, answering ``/v1/models`` and sending streamed pieces. Requests are not
batched together; a request's own prompts and choices are (``generate.generate``).

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
        """One output per rendered prompt in ``rows`` (a prompt repeated for n choices), in order."""

        def job() -> list[generate.Generation]:
            return generate.generate(
                self.loaded,
                rows,
                batch_size=self.batch_size,
                max_new_tokens=ask.max_tokens,
                sampling=ask.sampling(),
                stop=ask.stop,
            )

        return await asyncio.get_running_loop().run_in_executor(self._thread, job)

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
