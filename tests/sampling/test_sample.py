"""The ``sample`` run kind against real servers: our own OpenAI-compatible serve app (the trained
tiny run of the serving fixtures, ``arith:v1``), and, for failures, a small real HTTP proxy in
front of it that misbehaves on purpose (429, 500, garbage, slowness) before or instead of
forwarding. Requests are counted on the server side, so "never paid twice" is asserted by what
the endpoint saw."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import wait_for, worker_running
from tests.serving.conftest import VERSION, WRITE, Home, running
from tests.training.conftest import KEY, arithmetic_records
from tunix_rt import db
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir
from tunix_rt.runs.events import LogEvent, MemorySink, MetricEvent, StatusEvent
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.sampling.config import SampleConfig
from tunix_rt.sampling.endpoint import EndpointError
from tunix_rt.sampling.kind import store_traces
from tunix_rt.sampling.sample import CACHE, SUMMARY, TRACES, sample
from tunix_rt.serving import source
from tunix_rt.serving.engine import Engine
from tunix_rt.serving.openai_api import create_app
from tunix_rt.settings import Settings
from tunix_rt.traces import store

pytestmark = pytest.mark.slow

KEY_ENV = "TEST_TEACHER_API_KEY"
RUN = "00000000-0000-4000-8000-000000000015"
K = 2
TIMEOUT_S = 3.0
"""Long enough for the served tiny model to answer; the slow proxy waits longer."""
SLOW_S = 4.0
PROMPTS = 4


class Counted:
    """The serve app's chat completions, counted as they arrive."""

    def __init__(self) -> None:
        self.requests = 0


@pytest.fixture(scope="module")
def served(home: Home) -> Iterator[tuple[str, Counted]]:
    engine = Engine(source.load(VERSION, home.settings, device="cpu", seed=0), VERSION, batch_size=4)
    app: FastAPI = create_app(engine, home.settings, max_tokens=64, max_choices=4)
    counted = Counted()

    @app.middleware("http")
    async def count(request: Request, call_next: Any) -> Response:
        if request.url.path.endswith("/chat/completions"):
            counted.requests += 1
        response: Response = await call_next(request)
        return response

    with running(app) as url:
        yield f"{url}/v1", counted


@pytest.fixture(scope="module")
def prompts_file(served: tuple[str, Counted], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four sums; the first two expect what the model answers greedily (asked here, outside the
    run), the last two an answer it never gives: so both verdicts occur whatever the model learnt."""
    url, _counted = served
    template = RenderTemplate()
    lines = []
    for n, record in enumerate(arithmetic_records(PROMPTS, seed=1)):
        reply = httpx.post(
            f"{url}/chat/completions",
            headers={"Authorization": f"Bearer {WRITE}"},
            json={"model": VERSION, "messages": [{"role": "user", "content": record["prompt"]}], "temperature": 0},
        ).json()["choices"][0]["message"]["content"]
        answer = template.extract_answer(reply)
        assert answer is not None, f"the trained run writes answer tags: {reply!r}"
        expected = answer if n < 2 else "not a number"
        lines.append(json.dumps({"id": f"q{n}", "prompt": record["prompt"], "expected_answer": expected}))
    path = tmp_path_factory.mktemp("prompts") / "prompts.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def config(base_url: str, prompts: Path, **overrides: Any) -> SampleConfig:
    return SampleConfig.model_validate(
        {
            "source": {"prompts_file": str(prompts)},
            "model": {"endpoint": {"base_url": base_url, "model": VERSION, "api_key_env": KEY_ENV}},
            "k": K,
            "params": {"temperature": 0.0, "max_tokens": 48},
            "policy": "verified",
            "concurrency": 2,
            **overrides,
        }
    )


class Proxy:
    """A real HTTP server in front of the serve app that fails on purpose: ``mode`` is
    forward, 429-once, 500, garbage or slow; ``forward_first`` requests are forwarded before it
    starts failing."""

    def __init__(self, upstream: str) -> None:
        self.upstream, self.mode, self.forward_first, self.requests = upstream, "forward", 0, 0
        self.lock = threading.Lock()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers["Content-Length"]))
        with self.lock:
            self.requests += 1
            failing = self.mode != "forward" and self.requests > self.forward_first
            mode = self.mode
            if mode == "429-once" and failing:
                self.mode = "forward"
        if failing and mode in ("429-once", "500"):
            handler.send_response(429 if mode == "429-once" else 500)
            handler.send_header("Retry-After", "0")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if failing and mode == "slow":
            threading.Event().wait(SLOW_S)
        if failing and mode == "garbage":
            payload, status = b"<html>upstream trouble</html>", 200
        else:
            reply = httpx.post(
                f"{self.upstream}/chat/completions",
                content=body,
                headers={"Authorization": handler.headers["Authorization"], "Content-Type": "application/json"},
            )
            payload, status = reply.content, reply.status_code
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up on a slow answer


@pytest.fixture
def proxy(served: tuple[str, Counted]) -> Iterator[tuple[str, Proxy]]:
    state = Proxy(served[0])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            state.answer(self)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, WRITE)


def lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def messages(events: MemorySink) -> str:
    return "\n".join(getattr(event, "message", "") for event in events.of(LogEvent) + events.of(StatusEvent))


@pytest.mark.usefixtures("key")
def test_rejection_sampling_keeps_verified_traces_and_resume_uses_the_cache(
    served: tuple[str, Counted],
    prompts_file: Path,
    home: Home,
    tmp_path: Path,
) -> None:
    url, counted = served
    before = counted.requests
    events = MemorySink()
    price = {"prompt_per_million": 1.0, "completion_per_million": 4.0, "currency": "EUR"}
    summary = sample(config(url, prompts_file, price=price), tmp_path, events, home.settings, RUN)
    assert counted.requests - before == PROMPTS * K
    assert summary["completions"] == PROMPTS * K
    assert summary["kept"] == 2 * K  # greedy: both samples of the two answerable prompts
    assert summary["dropped"] == {"not_verified": 2 * K}
    assert summary["pass_at_1"] == summary["pass_at_k"] == 0.5
    assert summary["completion_tokens"] > 0
    tokens_cost = (summary["prompt_tokens"] * 1.0 + summary["completion_tokens"] * 4.0) / 1e6
    assert (summary["cost"], summary["currency"]) == (pytest.approx(tokens_cost), "EUR")
    assert events.of(MetricEvent)[-1].values["cost"] == pytest.approx(tokens_cost)
    assert f"{tokens_cost:.4f} EUR spent, about 0.0000 to go" in messages(events)
    traces = lines(tmp_path / TRACES)
    assert len(traces) == 2 * K
    for trace in traces:
        provenance = trace["meta"]["provenance"]
        assert trace["source"] == f"sample:{RUN}"
        assert provenance["source"] == f"sample:{RUN}"
        assert provenance["model"] == f"{url}#{VERSION}"
        assert provenance["verdict"]["strict"] is True
        assert provenance["reward"] == 1.0
        assert provenance["item_id"] in ("q0", "q1")
        assert provenance["params"]["temperature"] == 0.0
    assert sorted(trace["meta"]["provenance"]["sample_index"] for trace in traces) == [0, 0, 1, 1]
    assert f"sampled {PROMPTS * K}/{PROMPTS * K}" in messages(events)
    # the key is read from the environment and written nowhere
    for written in (CACHE, TRACES, SUMMARY):
        assert WRITE not in (tmp_path / written).read_text()
    assert WRITE not in messages(events)
    assert KEY_ENV in json.dumps(summary["config"])

    again = sample(config(url, prompts_file, price=price), tmp_path, MemorySink(), home.settings, RUN)
    assert counted.requests - before == PROMPTS * K, "a resumed run asks the endpoint nothing it has"
    assert again["kept"] == summary["kept"]
    assert again["cost"] == summary["cost"], "the cached completions were paid for once, and still count"
    assert len(lines(tmp_path / CACHE)) == PROMPTS * K


@pytest.mark.usefixtures("key")
def test_a_429_is_retried(proxy: tuple[str, Proxy], prompts_file: Path, home: Home, tmp_path: Path) -> None:
    url, state = proxy
    state.mode = "429-once"
    summary = sample(
        config(url, prompts_file, concurrency=1, source={"prompts_file": str(prompts_file), "limit": 1}),
        tmp_path,
        MemorySink(),
        home.settings,
        RUN,
    )
    assert state.requests == K + 1
    assert summary["completions"] == K


@pytest.mark.usefixtures("key")
@pytest.mark.parametrize(
    ("mode", "said"),
    [("500", "HTTP 500"), ("garbage", "not an OpenAI chat completion"), ("slow", "timed out after 3s")],
)
def test_a_bad_endpoint_fails_clearly_after_bounded_retries_and_keeps_what_it_drew(
    proxy: tuple[str, Proxy],
    prompts_file: Path,
    home: Home,
    tmp_path: Path,
    mode: str,
    said: str,
) -> None:
    url, state = proxy
    state.mode, state.forward_first = mode, 3
    endpoint = {"base_url": url, "model": VERSION, "api_key_env": KEY_ENV, "timeout_s": TIMEOUT_S}
    failing = config(url, prompts_file, concurrency=1, max_retries=1, model={"endpoint": endpoint})
    with pytest.raises(EndpointError) as raised:
        sample(failing, tmp_path, MemorySink(), home.settings, RUN)
    assert str(raised.value).startswith(f"endpoint {url}/chat/completions (model {VERSION}) failed after 1 retries")
    assert said in str(raised.value)
    assert state.requests == 3 + 2, "one request and one retry after the three answered"
    assert len(lines(tmp_path / CACHE)) == 3

    state.mode, state.requests = "forward", 0
    summary = sample(failing, tmp_path, MemorySink(), home.settings, RUN)
    assert state.requests == PROMPTS * K - 3, "the resumed run draws only what is missing"
    assert summary["completions"] == PROMPTS * K


def test_a_missing_key_is_a_clear_error(
    prompts_file: Path, home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(EndpointError, match=f"{KEY_ENV} .* is not set"):
        sample(config("http://127.0.0.1:9/v1", prompts_file), tmp_path, MemorySink(), home.settings, RUN)


@pytest.mark.usefixtures("key")
async def test_kept_traces_are_stored_like_imports(
    served: tuple[str, Counted],
    prompts_file: Path,
    home: Home,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    url, _counted = served
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    sample(config(url, prompts_file, policy="all"), run_dir, MemorySink(), home.settings, RUN)
    kept = len(lines(run_dir / TRACES))
    async with sessions() as session, session.begin():
        summary = await store_traces(session, RUN, run_dir, settings)
    # greedy samples of one prompt are the same trace: stored once, the copy counted a duplicate
    assert summary.created + summary.duplicates == kept
    assert summary.created == kept // K
    async with sessions() as session:
        stored = await store.count(session, store.TraceFilters())
    assert stored == summary.created
    async with sessions() as session, session.begin():
        again = await store_traces(session, RUN, run_dir, settings)
    assert (again.created, again.duplicates) == (0, kept)


@pytest.mark.usefixtures("key")
async def test_a_worker_runs_a_sample_run_and_stores_its_traces(
    served: tuple[str, Counted],
    prompts_file: Path,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    """The whole way: submitted, run in a worker's child (which gets the named key and nothing
    else), its kept traces stored by the success hook with their provenance."""
    url, _counted = served
    worker_settings = settings.model_copy(
        update={"run_poll_seconds": 0.1, "run_heartbeat_seconds": 0.4, "run_lease_seconds": 30.0}
    )
    sampled = config(url, prompts_file)
    model, refs = KindRegistry().validate("sample", sampled.model_dump(mode="json"))
    async with db.transaction(sessions) as session:
        run = await runs.submit(session, "sample", model.model_dump(mode="json"), refs)
    async with worker_running(worker_settings, sessions):
        done = await wait_for(sessions, run.id, RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert done.status == RunStatus.SUCCEEDED, done.error
    async with sessions() as session:
        stored, _cursor = await store.list_page(session, store.TraceFilters(source=f"sample:{run.id}"), 50, None)
        logged = [line.line for line in await runs.logs_after(session, run.id, 0, 1000)]
    summary = json.loads((run_dir(settings.home, run.id) / SUMMARY).read_text())
    assert summary["kept"] == 2 * K
    assert len(stored) == 2  # greedy: the two samples of a prompt are one trace
    assert {trace["meta"]["provenance"]["item_id"] for trace in stored} == {"q0", "q1"}
    assert all(trace["meta"]["provenance"]["verdict"]["strict"] for trace in stored)
    assert any(f"kept {2 * K} of {PROMPTS * K}" in line for line in logged)
    assert not any(WRITE in line for line in logged)
    assert WRITE not in json.dumps(done.config)


@pytest.mark.usefixtures("key")
def test_a_dataset_split_is_sampled_with_its_final_answers_expected(
    served: tuple[str, Counted], home: Home, tmp_path: Path
) -> None:
    url, _counted = served
    records = arithmetic_records(4, seed=1)[:2]  # the fixture's eval split
    sampled = config(url, Path("/unused"), source={"dataset": KEY, "split": "eval", "limit": 2}, policy="all")
    summary = sample(sampled, tmp_path, MemorySink(), home.settings, RUN)
    assert summary["prompts"] == 2
    assert summary["completions"] == 2 * K
    cached = lines(tmp_path / CACHE)
    assert sorted({record["item_id"] for record in cached}) == [record["id"] for record in records]
    for trace in lines(tmp_path / TRACES):
        provenance = trace["meta"]["provenance"]
        assert provenance["prompts"] == f"{KEY}:eval"
        assert provenance["expected_answer"] == next(
            r["final_answer"] for r in records if r["id"] == provenance["item_id"]
        )
