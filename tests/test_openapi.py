"""The web UI's committed OpenAPI schema (and the TypeScript types generated from it) match the server."""

from __future__ import annotations

import json
from pathlib import Path

from tunix_rt.app import create_app

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "openapi.json"


def test_committed_openapi_schema_matches_the_server() -> None:
    served = json.loads(json.dumps(create_app(migrate=False).openapi()))
    assert COMMITTED.exists(), f"{COMMITTED} is missing: run `make openapi`"
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    if committed != served:
        changed = sorted(set(committed.get("paths", {})) ^ set(served.get("paths", {})))
        raise AssertionError(
            "frontend/openapi.json is out of date with the server's API"
            + (f" (paths added or removed: {', '.join(changed)})" if changed else "")
            + ": run `make openapi` to regenerate it and frontend/src/api/schema.d.ts, then commit both"
        )
