"""Judges by name, the format judge's rules, and the llm judge against a local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pydantic import ValidationError

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid, TunixError
from tunix_rt.evaluation import answers, judges
from tunix_rt.evaluation.config import EvalConfig
from tunix_rt.settings import Settings

T = RenderTemplate()


def test_builtin_judges_decide_as_documented() -> None:
    exact, normalized, math, form = judges.build(["exact", "normalized", "math", "format"], T, Settings())
    good = "<reasoning>6 x 7 = 42</reasoning><answer>42</answer>"
    assert [j.judge("q", good, "42").correct for j in (exact, normalized, math, form)] == [True] * 4
    assert exact.judge("q", "<answer>42.0</answer>", "42").correct is False
    assert normalized.judge("q", "<answer>42.0</answer>", "42").correct is True
    assert normalized.judge("q", "<answer>1/2</answer>", "0.5").correct is False
    assert math.judge("q", "so the answer is 0.5", "1/2").correct is True
    assert math.judge("q", "<answer>89 × 56</answer>", "4984").correct is False  # restates the question
    assert math.judge("q", "<answer>1234568</answer>", "1234567").correct is False
    assert (math.name, math.version) == ("math", "2")
    assert (exact.name, exact.version) == ("exact", "1")


def test_normalized_judge_does_not_read_answers_over_the_cap() -> None:
    (normalized,) = judges.build(["normalized"], T, Settings())
    huge = "7" * (answers.MAX_ANSWER_CHARS + 1)
    assert normalized.judge("q", f"<answer>{huge}</answer>", huge).correct is False
    assert normalized.judge("q", f"<answer>{huge[1:]}</answer>", huge[1:]).correct is True


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("<answer>4</answer>", "missing <reasoning>"),
        ("<answer>4</answer><reasoning>x</reasoning>", "tags out of order"),
        ("<reasoning> </reasoning><answer>4</answer>", "empty reasoning"),
        ("<reasoning>x</reasoning><answer> </answer>", "no answer inside the answer tags"),
    ],
)
def test_format_judge_names_each_problem(output: str, problem: str) -> None:
    judgement = judges.FormatJudge(T).judge("q", output, "4")
    assert judgement.correct is False
    assert problem in judgement.details["problems"]


def test_unknown_judges_are_rejected_never_replaced() -> None:
    with pytest.raises(Invalid, match="unknown judge"):
        judges.build(["exact", "vibes"], T, Settings())
    with pytest.raises(ValidationError, match="unknown judge"):
        EvalConfig.model_validate({"evalset": "e@v1", "model": "tiny-llama", "judges": ["vibes"]})
    with pytest.raises(ValidationError, match="exactly one of run or model"):
        EvalConfig.model_validate({"evalset": "e@v1"})
    with pytest.raises(ValidationError, match="primary_metric"):
        EvalConfig.model_validate({"evalset": "e@v1", "model": "m", "primary_metric": "judge:llm"})


class _Server:
    """A tiny OpenAI-compatible chat endpoint: replies from a script, records requests."""

    def __init__(self, replies: list[tuple[int, Any]]) -> None:
        self.replies = replies
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                status, reply = outer.replies.pop(0) if len(outer.replies) > 1 else outer.replies[0]
                raw = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[Callable[[list[tuple[int, Any]]], _Server]]:
    made: list[_Server] = []

    def make(replies: list[tuple[int, Any]]) -> _Server:
        made.append(_Server(replies))
        return made[-1]

    yield make
    for each in made:
        each.httpd.shutdown()


def _chat(text: str) -> dict[str, Any]:
    return {"choices": [{"message": {"role": "assistant", "content": text}}]}


def _settings(url: str) -> Settings:
    return Settings(llm_judge_url=url, llm_judge_model="grader", llm_judge_api_key="k", llm_judge_retries=2)


def test_llm_judge_asks_with_the_rubric_retries_and_reads_the_verdict(server: Any) -> None:
    fake = server([(503, {}), (200, _chat("VERDICT: CORRECT\nsame value")), (200, _chat("verdict: incorrect"))])
    judge = judges.LlmJudge(_settings(fake.url))
    first = judge.judge("What is 2+2?", "<answer>four</answer>", "4")
    assert first.correct is True
    assert first.details["model"] == "grader"
    assert judge.judge("q", "5", "4").correct is False
    assert len(fake.requests) == 3
    sent = fake.requests[1]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer k"
    assert sent["body"]["model"] == "grader"
    assert sent["body"]["messages"][0]["content"] == judges.RUBRIC
    assert "Reference answer:\n4" in sent["body"]["messages"][1]["content"]


def test_llm_judge_without_a_verdict_is_unscored(server: Any) -> None:
    fake = server([(200, _chat("it depends"))])
    judgement = judges.LlmJudge(_settings(fake.url)).judge("q", "x", "4")
    assert judgement.correct is None
    assert "VERDICT" in judgement.details["error"]


def test_llm_judge_unreachable_or_unconfigured_is_a_clear_error(server: Any) -> None:
    fake = server([(200, _chat("VERDICT: CORRECT"))])
    url = fake.url
    fake.httpd.shutdown()
    fake.httpd.server_close()
    with pytest.raises(TunixError, match=r"unreachable after 3 attempt"):
        judges.LlmJudge(_settings(url)).judge("q", "x", "4")
    with pytest.raises(Invalid, match="TUNIX_RT_LLM_JUDGE_URL"):
        judges.LlmJudge(Settings())
