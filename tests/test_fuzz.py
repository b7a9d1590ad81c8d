"""The fuzz stage: schemathesis over our own OpenAPI schema against a real server, on SQLite and
PostgreSQL (issue 13). Goal: no 5xx, and no status code the schema does not list.

The server is uvicorn serving ``create_app`` in a thread on a loopback port, so requests go
through real HTTP parsing. Generation is derandomized and bounded (``EXAMPLES`` per operation
and mode, no shrinking), so a run is the same every time and fits the CI budget. Known schema
deviations are listed in ``fuzz_allowlist.json``, each with the reason; the list must only
shrink: a listed deviation that no longer occurs fails the test until its entry is removed.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.core.result import Ok
from schemathesis.errors import FailureGroup

from tunix_rt.app import create_app
from tunix_rt.settings import Settings

EXAMPLES = 6
"""Cases per operation and generation mode: 65 operations x 2 modes x 6, about 25 s of CPU per database."""
ALLOWLIST = Path(__file__).with_name("fuzz_allowlist.json")
CHECKS = [checks.not_a_server_error, checks.status_code_conformance]
EXAMPLE_CHARS = 600
"""How much of a failing request's curl command the report shows (generated bodies can be huge)."""
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)

pytestmark = pytest.mark.slow


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    """``create_app(settings)`` served by uvicorn in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not instance.started:
        if not thread.is_alive():
            raise RuntimeError("the fuzz server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=30)
    sock.close()


def _allowed() -> set[tuple[str, str]]:
    """(operation, failure) pairs known to happen, e.g. ("GET /api/x", "UndefinedStatusCode")."""
    entries: list[dict[str, str]] = json.loads(ALLOWLIST.read_text())["deviations"]
    return {(entry["operation"], entry["failure"]) for entry in entries}


def _fuzz(operation: Any, base_url: str, http: requests.Session, found: dict[tuple[str, str], str]) -> None:
    """Runs the bounded, derandomized cases of one operation, recording each failing check once
    (with one example) instead of stopping at the first."""
    strategy = st.one_of([operation.as_strategy(generation_mode=mode) for mode in MODES])

    @settings(
        max_examples=EXAMPLES * len(MODES),
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: schemathesis.Case[Any]) -> None:
        response = case.call(base_url=base_url, session=http, timeout=30)
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, FailureGroup) as exc:
            failures = exc.exceptions if isinstance(exc, FailureGroup) else (exc,)
            for failure in failures:
                key = (operation.label, type(failure).__name__)
                found.setdefault(key, f"{response.status_code}: {case.as_curl_command()[:EXAMPLE_CHARS]}")

    run()


def test_the_api_answers_fuzzed_requests_as_its_schema_says(server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server}/api/openapi.json")
    found: dict[tuple[str, str], str] = {}
    with requests.Session() as http:
        for result in schema.get_all_operations():
            assert isinstance(result, Ok), f"the schema has an operation schemathesis cannot read: {result}"
            _fuzz(result.ok(), server, http, found)
    allowed = _allowed()
    new = {key: example for key, example in found.items() if key not in allowed}
    assert not new, "fuzzing found (fix it; list it in fuzz_allowlist.json only if it is a known schema gap):\n" + (
        "\n".join(f"{op} [{failure}] {example}" for (op, failure), example in sorted(new.items()))
    )
    gone = sorted(allowed - set(found))
    assert not gone, f"no longer happens, remove from fuzz_allowlist.json: {gone}"
