"""The OpenAI-compatible API on a real server, called with the official ``openai`` client: a
registered version of a trained run answers exactly what evaluation generates from the run's own
folder, whole or streamed, with n choices and stop sequences; tokens and scopes are the main
server's; bad input is a 400 in OpenAI's error shape."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import openai
import pytest

from tests.serving.conftest import READ, VERSION, WRITE, Home, running
from tunix_rt.evaluation import generate
from tunix_rt.evaluation.config import SamplingSettings
from tunix_rt.serving import source
from tunix_rt.serving.engine import Ask, Engine
from tunix_rt.serving.openai_api import create_app

pytestmark = pytest.mark.slow

QUESTIONS = ["What is 3 + 4?", "What is 9 + 0?"]
MAX_TOKENS = 40
SERVER_MAX_TOKENS = 64
MAX_CHOICES = 4


@pytest.fixture(scope="module")
def run_model(home: Home) -> generate.Evaluated:
    """The run's model loaded from its own folder, as evaluation loads it: what answers must equal."""
    return generate.load_run(home.run_folder, None, "cpu")


@pytest.fixture(scope="module")
def base_url(home: Home) -> Iterator[str]:
    """The registry version, loaded as ``models serve arith:v1`` loads it, behind uvicorn."""
    engine = Engine(source.load(VERSION, home.settings, device="cpu", seed=0), VERSION, batch_size=4)
    app = create_app(engine, home.settings, max_tokens=SERVER_MAX_TOKENS, max_choices=MAX_CHOICES)
    with running(app) as url:
        yield url


@pytest.fixture
def oai(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key=WRITE, max_retries=0)


def greedy(
    loaded: generate.Evaluated, prompts: Sequence[str], stop: Sequence[str] = (), max_tokens: int = MAX_TOKENS
) -> list[generate.Generation]:
    """What evaluation's generation answers at temperature 0."""
    return generate.generate(
        loaded, prompts, batch_size=1, max_new_tokens=max_tokens, sampling=SamplingSettings(), stop=stop
    )


def chat_prompts(loaded: generate.Evaluated) -> list[str]:
    return generate.render_prompts(loaded.tokenizer, QUESTIONS, loaded.template)


def user(question: str) -> list[Any]:
    return [{"role": "user", "content": question}]


def test_models_lists_the_served_model(oai: openai.OpenAI) -> None:
    assert [model.id for model in oai.models.list().data] == [VERSION]
    assert oai.models.retrieve(VERSION).owned_by == "tunix-rt"
    with pytest.raises(openai.NotFoundError):
        oai.models.retrieve("arith:v9")


def test_chat_answers_what_evaluation_generates(oai: openai.OpenAI, run_model: generate.Evaluated) -> None:
    expected = greedy(run_model, chat_prompts(run_model))
    assert all(output.text for output in expected)
    for question, prompt, output in zip(QUESTIONS, chat_prompts(run_model), expected, strict=True):
        answer = oai.chat.completions.create(
            model=VERSION, messages=user(question), temperature=0, max_tokens=MAX_TOKENS
        )
        assert answer.object == "chat.completion"
        assert answer.model == VERSION
        (choice,) = answer.choices
        assert (choice.message.role, choice.message.content) == ("assistant", output.text)
        assert choice.finish_reason == ("length" if output.truncated else "stop")
        assert answer.usage is not None
        prompt_tokens = len(run_model.tokenizer.encode(prompt, add_special_tokens=False))
        assert (answer.usage.prompt_tokens, answer.usage.completion_tokens) == (prompt_tokens, output.tokens)
        assert answer.usage.total_tokens == prompt_tokens + output.tokens


def test_completion_continues_the_prompt_as_given(oai: openai.OpenAI, run_model: generate.Evaluated) -> None:
    prompts = [*chat_prompts(run_model), "What is"]
    expected = greedy(run_model, prompts)
    answer = oai.completions.create(model=VERSION, prompt=prompts, temperature=0, max_tokens=MAX_TOKENS)
    assert answer.object == "text_completion"
    assert [choice.text for choice in answer.choices] == [output.text for output in expected]
    assert [choice.index for choice in answer.choices] == [0, 1, 2]
    assert answer.usage is not None
    assert answer.usage.completion_tokens == sum(output.tokens for output in expected)
    # without max_tokens a completion gets OpenAI's default of 16
    short = oai.completions.create(model=VERSION, prompt=prompts[0], temperature=0)
    (sixteen,) = greedy(run_model, prompts[:1], max_tokens=16)
    assert (short.choices[0].text, short.choices[0].finish_reason) == (sixteen.text, "length")
    assert sixteen.tokens == 16


def test_streamed_chunks_join_to_the_same_text(oai: openai.OpenAI, run_model: generate.Evaluated) -> None:
    (expected, _) = greedy(run_model, chat_prompts(run_model))
    chunks = list(
        oai.chat.completions.create(
            model=VERSION,
            messages=user(QUESTIONS[0]),
            temperature=0,
            max_tokens=MAX_TOKENS,
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    assert {chunk.object for chunk in chunks} == {"chat.completion.chunk"}
    assert chunks[0].choices[0].delta.role == "assistant"
    pieces = [chunk.choices[0].delta.content for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
    assert "".join(pieces) == expected.text
    assert len(pieces) > 1  # piece by piece, not one block at the end
    finishes = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices]
    assert finishes[-1] == ("length" if expected.truncated else "stop")
    assert set(finishes[:-1]) == {None}
    usage = chunks[-1].usage
    assert usage is not None
    assert (chunks[-1].choices, usage.completion_tokens) == ([], expected.tokens)

    prompt = chat_prompts(run_model)[1]
    (plain,) = greedy(run_model, [prompt])
    streamed = oai.completions.create(model=VERSION, prompt=prompt, temperature=0, max_tokens=MAX_TOKENS, stream=True)
    assert "".join(chunk.choices[0].text for chunk in streamed) == plain.text


def test_n_choices(oai: openai.OpenAI, run_model: generate.Evaluated) -> None:
    (expected, _) = greedy(run_model, chat_prompts(run_model))
    greedy_pair = oai.chat.completions.create(
        model=VERSION, messages=user(QUESTIONS[0]), temperature=0, max_tokens=MAX_TOKENS, n=2
    )
    assert [(c.index, c.message.content) for c in greedy_pair.choices] == [(0, expected.text), (1, expected.text)]

    def sampled() -> list[str | None]:
        answer = oai.chat.completions.create(
            model=VERSION, messages=user(QUESTIONS[0]), temperature=1.0, max_tokens=MAX_TOKENS, n=2, seed=11
        )
        assert [choice.index for choice in answer.choices] == [0, 1]
        return [choice.message.content for choice in answer.choices]

    assert sampled() == sampled()  # the same seed samples the same choices

    streamed = oai.chat.completions.create(
        model=VERSION, messages=user(QUESTIONS[0]), temperature=0, max_tokens=MAX_TOKENS, n=2, stream=True
    )
    texts = {0: "", 1: ""}
    ended = set()
    for chunk in streamed:
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
            if choice.finish_reason is not None:
                ended.add(choice.index)
    assert (texts, ended) == ({0: expected.text, 1: expected.text}, {0, 1})


def test_stop_sequences_end_a_choice_before_them(oai: openai.OpenAI, run_model: generate.Evaluated) -> None:
    (full, _) = greedy(run_model, chat_prompts(run_model))
    stop = full.text[len(full.text) // 2 :][:3]
    cut = full.text[: full.text.find(stop)]
    assert len(stop) == 3
    assert len(cut) < len(full.text)
    (project,) = greedy(run_model, chat_prompts(run_model)[:1], stop=[stop])
    assert project.text == cut
    answer = oai.chat.completions.create(
        model=VERSION, messages=user(QUESTIONS[0]), temperature=0, max_tokens=MAX_TOKENS, stop=[stop, "never seen"]
    )
    assert (answer.choices[0].message.content, answer.choices[0].finish_reason) == (cut, "stop")
    streamed = oai.chat.completions.create(
        model=VERSION, messages=user(QUESTIONS[0]), temperature=0, max_tokens=MAX_TOKENS, stop=stop, stream=True
    )
    chunks = list(streamed)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == cut
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_tokens_and_scopes_are_the_main_servers(base_url: str, home: Home) -> None:
    body = {"model": VERSION, "messages": user(QUESTIONS[0]), "max_tokens": 2}

    def post(token: str | None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{base_url}/v1/chat/completions", json=body, headers=headers, timeout=60)

    for token in (None, "not-a-token"):
        refused = post(token)
        assert refused.status_code == 401
        assert refused.json()["error"]["type"] == "authentication_error"
        assert refused.headers["www-authenticate"] == "Bearer"
    reader = {"Authorization": f"Bearer {READ}"}
    assert httpx.get(f"{base_url}/v1/models", headers=reader).status_code == 200
    forbidden = post(READ)
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["type"] == "permission_error"
    assert "needs 'write'" in forbidden.json()["error"]["message"]
    assert post(home.stored_token).status_code == 200  # a token from the database
    assert post(WRITE).status_code == 200
    assert httpx.get(f"{base_url}/health").json() == {"status": "ok", "model": VERSION}
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{base_url}/v1", api_key="EMPTY", max_retries=0).models.list()
    with pytest.raises(openai.PermissionDeniedError):
        openai.OpenAI(base_url=f"{base_url}/v1", api_key=READ, max_retries=0).completions.create(
            model=VERSION, prompt="What is"
        )


LONG = "What is 1 + 1? " * 40
BAD_BODIES = [
    ("chat", {"model": VERSION}, "messages", "missing"),
    ("chat", {"model": VERSION, "messages": [{"role": "user"}]}, "messages.0.content", "missing"),
    ("chat", {"model": VERSION, "messages": []}, "messages", "too_short"),
    ("chat", {"model": VERSION, "messages": [{"role": "tool", "content": "x"}]}, "messages.0.role", "literal_error"),
    ("chat", {"model": VERSION, "messages": user("x"), "temperature": 3}, "temperature", "less_than_equal"),
    ("chat", {"model": VERSION, "messages": user("x"), "n": 0}, "n", "greater_than_equal"),
    ("chat", {"model": VERSION, "messages": user("x"), "logprobs": True}, "logprobs", "extra_forbidden"),
    ("chat", {"model": VERSION, "messages": user("x"), "stop": ["a", "b", "c", "d", "e"]}, "stop", "too_long"),
    ("chat", {"model": VERSION, "messages": user("x"), "max_tokens": 65}, "max_tokens", "max_tokens_too_large"),
    ("chat", {"model": VERSION, "messages": user("x"), "n": 5}, "n", "too_many_choices"),
    ("chat", {"model": VERSION, "messages": user(LONG)}, "messages", "context_length_exceeded"),
    ("completions", {"model": VERSION, "prompt": ["a", "b", "c"], "n": 2}, "n", "too_many_choices"),
    ("completions", {"model": VERSION, "prompt": []}, "prompt", None),
    ("completions", {"model": VERSION, "prompt": [1, 2, 3]}, "prompt", None),
    ("completions", {"model": VERSION, "prompt": "x", "top_p": 0}, "top_p", "greater_than"),
]


@pytest.mark.parametrize(("route", "body", "param", "code"), BAD_BODIES, ids=[f"{r[0]}-{r[2]}" for r in BAD_BODIES])
def test_bad_input_is_a_400_in_openai_shape(
    base_url: str, route: str, body: dict[str, Any], param: str, code: str | None
) -> None:
    path = "chat/completions" if route == "chat" else "completions"
    answer = httpx.post(f"{base_url}/v1/{path}", json=body, headers={"Authorization": f"Bearer {WRITE}"})
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert error["message"]
    if code is not None:
        assert error["code"] == code


def test_other_refusals_are_in_openai_shape(base_url: str) -> None:
    headers = {"Authorization": f"Bearer {WRITE}"}
    unknown = httpx.post(f"{base_url}/v1/completions", json={"model": "gpt-4o", "prompt": "x"}, headers=headers)
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {
        "message": f"the model 'gpt-4o' is not served here; this server serves '{VERSION}'",
        "type": "not_found_error",
        "param": "model",
        "code": "model_not_found",
    }
    not_json = httpx.post(
        f"{base_url}/v1/completions", content=b"{bad", headers=headers | {"content-type": "application/json"}
    )
    assert (not_json.status_code, not_json.json()["error"]["code"]) == (400, "json_invalid")
    text = httpx.post(f"{base_url}/v1/completions", content=b"hi", headers=headers | {"content-type": "text/plain"})
    assert text.status_code == 415
    assert text.json()["error"]["type"] == "invalid_request_error"


def test_a_cancelled_stream_stops_at_the_next_token(run_model: generate.Evaluated) -> None:
    """What a client that goes away gets: the engine cancels its stream, which ends generating."""
    prompt = chat_prompts(run_model)[0]
    (full,) = greedy(run_model, [prompt])
    pieces: list[str] = []
    sampling = SamplingSettings()
    stopped = generate.stream(
        run_model,
        prompt,
        max_new_tokens=MAX_TOKENS,
        sampling=sampling,
        on_text=pieces.append,
        cancelled=lambda: bool(pieces),
    )
    assert full.tokens > 3
    assert stopped.tokens <= 2
    assert full.text.startswith(stopped.text)


async def test_requests_asking_alike_are_generated_as_one_batch(
    run_model: generate.Evaluated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests that arrive while the thread is busy wait in groups by how they ask: greedy ones
    become one batch with the same outputs as alone; seeded samples still run one by one."""
    calls: list[int] = []
    solo = generate.generate

    def counted(loaded: generate.Evaluated, rows: Sequence[str], **options: Any) -> list[generate.Generation]:
        calls.append(len(rows))
        return solo(loaded, rows, **options)

    engine = Engine(run_model, VERSION, batch_size=8)
    prompts = chat_prompts(run_model)
    greedy_ask = Ask(MAX_TOKENS, 0.0, 1.0, None, [])
    seeded = Ask(MAX_TOKENS, 0.9, 1.0, 7, [])
    busy = threading.Event()
    engine._thread.submit(busy.wait)  # the thread is busy: what arrives now waits in its group
    monkeypatch.setattr(generate, "generate", counted)
    try:
        asked = asyncio.gather(
            *(engine.complete([prompt], greedy_ask) for prompt in prompts * 3),
            *(engine.complete([prompts[0]], seeded) for _ in range(2)),
        )
        await asyncio.sleep(0)
        busy.set()
        outputs = await asked
    finally:
        engine.close()
    assert sorted(calls) == [1, 1, 2 * 3], "one batch for the six greedy requests, the seeded two alone"
    expected = greedy(run_model, prompts)
    assert [output[0].text for output in outputs[:6]] == [item.text for item in expected * 3]
    alone = solo(run_model, [prompts[0]], batch_size=8, max_new_tokens=MAX_TOKENS, sampling=seeded.sampling())
    assert outputs[6][0].text == outputs[7][0].text == alone[0].text, "a seeded sample is reproducible"
