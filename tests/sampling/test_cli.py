"""``tunix-rt sample``: its options build the sample run config (or override a config file's
fields), a queued run is announced by its id, ``--local`` samples here with a real tiny model and
ends with what it kept, and contradictory options are refused before anything is queued."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from tests.runs.conftest import tunix_piped
from tunix_rt.cli import app


def unboxed(output: str) -> str:
    """An error panel's text as one line: rich wraps it inside a box."""
    return " ".join(output.replace("│", " ").split())


@pytest.mark.slow
async def test_options_alone_make_a_local_sample_run_that_reports_what_it_kept(
    client: httpx.AsyncClient, keys: tuple[str, str], cli_env: dict[str, str]
) -> None:
    _dataset, evalset = keys
    options = ["--evalset", evalset, "--limit", "2", "--model", "tiny-llama", "-k", "2"]
    options += ["--max-tokens", "8", "--temperature", "1.0", "--seed", "5", "--policy", "all"]
    code, out, err = await tunix_piped(cli_env, "sample", *options, "--local")
    assert code == 0, err
    run_id = uuid.UUID(out.splitlines()[0])
    run = (await client.get(f"/api/runs/{run_id}")).json()
    assert (run["kind"], run["status"]) == ("sample", "succeeded")
    config = run["config"]
    assert config["source"]["evalset"] == evalset
    assert config["source"]["limit"] == 2
    assert config["model"] == {"local": "tiny-llama", "endpoint": None}
    assert (config["k"], config["policy"]) == (2, "all")
    assert config["params"] == {"temperature": 1.0, "top_p": 1.0, "max_tokens": 8, "seed": 5}
    text = " ".join(out.split())
    # an untrained preset writes no answer tags, so every completion is dropped, none verified
    assert "kept 0 of 4 completions on 2 prompts" in text
    assert "pass@1 0.000, pass@2 0.000" in text
    assert f"tunix-rt datasets build NAME --source sample:{run_id}" in text


async def test_options_override_the_config_file_and_the_run_is_queued(
    client: httpx.AsyncClient, keys: tuple[str, str], cli_env: dict[str, str], tmp_path: Path
) -> None:
    _dataset, evalset = keys
    file = tmp_path / "sample.yaml"
    body = {
        "source": {"evalset": evalset},
        "model": {"local": "tiny-llama"},
        "k": 4,
        "params": {"max_tokens": 16, "temperature": 0.5},
    }
    file.write_text(yaml.safe_dump(body))
    code, out, err = await tunix_piped(cli_env, "sample", str(file), "-k", "3", "--temperature", "0", "--tag", "mine")
    assert code == 0, err
    run_id = uuid.UUID(out.strip())
    assert f"tunix-rt runs logs {run_id} -f" in err
    run = (await client.get(f"/api/runs/{run_id}")).json()
    assert (run["status"], run["tags"]) == ("queued", ["mine"])
    assert run["config"]["k"] == 3
    assert run["config"]["params"]["max_tokens"] == 16, "fields the options do not name stay as the file says"
    assert run["config"]["params"]["temperature"] == 0.0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "give CONFIG or one of --evalset, --dataset or --prompts"),
        (["--evalset", "a@v1", "--prompts", "p.jsonl"], "give one prompt source, not --evalset and --prompts"),
        (["--evalset", "a@v1", "--endpoint", "http://127.0.0.1:9/v1"], "an endpoint needs the model it serves"),
        (["--evalset", "a@v1", "--model", "m", "--endpoint", "http://x/v1", "--endpoint-model", "t"], "not both"),
        (["--evalset", "a@v1", "--endpoint-model", "t"], "only with --endpoint"),
    ],
)
def test_contradictory_options_are_refused_before_anything_is_queued(
    options: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUNIX_RT_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["sample", *options])
    assert result.exit_code == 2
    assert message in unboxed(result.output)
    assert not (tmp_path / "home").exists(), "nothing was opened, let alone queued"


def test_a_bad_field_is_named_as_the_api_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUNIX_RT_HOME", str(tmp_path / "home"))
    endpoint = ["--endpoint", "http://127.0.0.1:9/v1", "--endpoint-model", "t", "--api-key-env", "HOME"]
    result = CliRunner().invoke(app, ["sample", "--evalset", "a@v1", *endpoint, "-k", "0"])
    assert result.exit_code == 2
    output = unboxed(result.output)
    assert "3 problem(s) in the sample config" in output
    assert "model.endpoint.api_key_env: Value error, api_key_env is the name of an environment variable" in output
    assert "k: Input should be greater than or equal to 1" in output
    assert "source.evalset: dataset a@v1 does not exist" in output
