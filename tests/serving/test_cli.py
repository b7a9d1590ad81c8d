"""``tunix-rt models serve``: a real process serving a tiny preset, called with the ``openai``
client as any user would (no token exists, so this machine is trusted and the client's
placeholder key is ignored), and the refusals that stop it before it loads anything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from typer.testing import CliRunner

from tests.serving.conftest import free_port
from tunix_rt.cli import app
from tunix_rt.evaluation import generate
from tunix_rt.evaluation.config import SamplingSettings
from tunix_rt.serving import source
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow

START_TIMEOUT = 300
"""Bounds a server that never comes up (loading torch on a loaded machine), never a speed."""


def environment(home: Path) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if not key.startswith("TUNIX_RT_")}
    return {**keep, "TUNIX_RT_HOME": str(home), "COLUMNS": "200"}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """``tunix-rt models serve tiny-llama`` on a free port, once it answers; stopped with Ctrl-C."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "tunix_rt", "models", "serve", "tiny-llama", "--port", str(port)]
    command += ["--device", "cpu", "--max-tokens", "32", "--log-level", "warning"]
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=environment(tmp_path / "home"), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"models serve did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        assert server.wait(timeout=60) == 0, log.read_text(errors="replace")
    assert "Traceback" not in log.read_text(errors="replace")


def test_serve_a_preset_to_an_openai_client(served: str, tmp_path: Path) -> None:
    client = openai.OpenAI(base_url=f"{served}/v1", api_key="EMPTY", max_retries=0)
    assert [model.id for model in client.models.list().data] == ["tiny-llama"]
    answer = client.chat.completions.create(
        model="tiny-llama", messages=[{"role": "user", "content": "What is 2 + 3?"}], temperature=0, max_tokens=12
    )
    loaded = source.load("tiny-llama", Settings(home=tmp_path / "here"), device="cpu", seed=0)
    prompt = generate.render_prompts(loaded.tokenizer, ["What is 2 + 3?"], loaded.template)
    (expected,) = generate.generate(loaded, prompt, batch_size=1, max_new_tokens=12, sampling=SamplingSettings())
    assert answer.choices[0].message.content == expected.text
    assert answer.usage is not None
    assert answer.usage.completion_tokens == expected.tokens
    # a chat without max_tokens gets the server's --max-tokens at most
    whole = client.chat.completions.create(model="tiny-llama", messages=[{"role": "user", "content": "Hi"}])
    assert whole.usage is not None
    assert whole.usage.completion_tokens <= 32


def test_refusals_before_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUNIX_RT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TUNIX_RT_API_TOKENS", raising=False)
    monkeypatch.delenv("TUNIX_RT_DATABASE_URL", raising=False)
    runner = CliRunner()
    required = runner.invoke(app, ["models", "serve", "tiny-llama", "--token-required"], terminal_width=200)
    assert required.exit_code == 2
    assert "--token-required was given and no API token exists" in " ".join(required.output.split())
    public = runner.invoke(app, ["models", "serve", "tiny-llama", "--host", "0.0.0.0"], terminal_width=200)
    assert public.exit_code == 2
    assert "0.0.0.0 is not a loopback address" in " ".join(public.output.split())
    unknown = runner.invoke(app, ["models", "serve", "nobody:v1"], terminal_width=200)
    assert unknown.exit_code == 2
    said = " ".join(unknown.output.split())
    assert "'nobody:v1' is no tiny preset, run or model folder, nor a registered version: model 'nobody'" in said
