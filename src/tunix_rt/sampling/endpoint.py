"""One completion from an OpenAI-compatible chat endpoint, with bounded retries and a rate limit.

Written on httpx rather than the ``openai`` client (a dev dependency only), so every retry is
ours to bound and explain: connection errors, timeouts, 429, 5xx and answers that are not the
JSON OpenAI documents are retried ``max_retries`` times with exponential backoff (a 429's
``Retry-After`` is honoured when longer); any other 4xx is final at once. When the retries run
out the error names the URL, the model and the last failure, so a run that stops says why.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from tunix_rt.errors import TunixError
from tunix_rt.sampling.config import Endpoint, SampleParams

BACKOFF_S = 0.5
"""First retry's wait; doubled at each further retry."""
MAX_BACKOFF_S = 30.0


class EndpointError(TunixError):
    """The endpoint did not answer usefully within the retries."""


@dataclass(frozen=True)
class Completion:
    """One choice's text and the tokens the endpoint billed for it."""

    text: str
    prompt_tokens: int
    completion_tokens: int


class RateLimit:
    """At most ``per_second`` request starts per second, shared by all threads (None: no limit)."""

    def __init__(self, per_second: float | None) -> None:
        self.interval = 0.0 if per_second is None else 1.0 / per_second
        self.lock = threading.Lock()
        self.next_start = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.interval
        time.sleep(max(0.0, start - now))


class Client:
    """Chat completions from ``endpoint``; the key is read from its environment variable here."""

    def __init__(self, endpoint: Endpoint, *, max_retries: int, rate: RateLimit) -> None:
        self.endpoint = endpoint
        self.url = endpoint.base_url.rstrip("/") + "/chat/completions"
        self.max_retries = max_retries
        self.rate = rate
        headers = {}
        if endpoint.api_key_env is not None:
            key = os.environ.get(endpoint.api_key_env)
            if not key:
                raise EndpointError(f"the environment variable {endpoint.api_key_env} (api_key_env) is not set")
            headers["Authorization"] = f"Bearer {key}"
        self.http = httpx.Client(headers=headers, timeout=endpoint.timeout_s)

    def close(self) -> None:
        self.http.close()

    def complete(self, prompt: str, params: SampleParams, seed: int) -> Completion:
        """One completion of ``prompt``, retried as the module docstring says."""
        body = {
            "model": self.endpoint.model,
            "messages": [{"role": "user", "content": prompt}],
            "temperature": params.temperature,
            "top_p": params.top_p,
            "max_tokens": params.max_tokens,
            "seed": seed,
            "n": 1,
        }
        failure, retry_after = "", None
        for attempt in range(self.max_retries + 1):
            if attempt:
                time.sleep(backoff(attempt, retry_after))
            self.rate.wait()
            try:
                response = self.http.post(self.url, json=body)
            except httpx.TimeoutException:
                failure = f"timed out after {self.endpoint.timeout_s:g}s"
                continue
            except httpx.TransportError as exc:
                failure = f"unreachable ({type(exc).__name__}: {exc})"
                continue
            if response.status_code == 429 or response.status_code >= 500:
                failure = f"HTTP {response.status_code}"
                retry_after = response.headers.get("retry-after") if response.status_code == 429 else None
                continue
            if response.status_code >= 400:
                raise EndpointError(self._message(f"HTTP {response.status_code}: {response.text[:300]}", attempt))
            parsed = _parse(response)
            if isinstance(parsed, str):
                failure = parsed
                continue
            return parsed
        raise EndpointError(self._message(failure, self.max_retries, gave_up=True))

    def _message(self, failure: str, retries: int, *, gave_up: bool = False) -> str:
        after = f" after {retries} retries" if gave_up else ""
        return f"endpoint {self.url} (model {self.endpoint.model}) failed{after}: {failure}"


def backoff(attempt: int, retry_after: str | None) -> float:
    """Seconds before retry ``attempt`` (1-based): doubling from ``BACKOFF_S``, or a 429's
    ``Retry-After`` in seconds when that is longer, never more than ``MAX_BACKOFF_S``.

    >>> backoff(1, None), backoff(3, None), backoff(1, "2")
    (0.5, 2.0, 2.0)
    """
    wait = BACKOFF_S * 2 ** (attempt - 1)
    if retry_after is not None:
        with contextlib.suppress(ValueError):
            wait = max(wait, float(retry_after))
    return float(min(MAX_BACKOFF_S, wait))


def _parse(response: httpx.Response) -> Completion | str:
    """The first choice's text and the usage, or why the answer is not an OpenAI chat completion."""
    try:
        data: Any = response.json()
        text = data["choices"][0]["message"]["content"]
        usage = data.get("usage") or {}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return f"the answer is not an OpenAI chat completion: {response.text[:200]!r}"
    if not isinstance(text, str):
        return f"the answer's message content is not text: {text!r:.200}"
    return Completion(text, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0))
