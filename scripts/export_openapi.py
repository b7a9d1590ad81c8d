"""Write the server's OpenAPI schema as stable JSON (sorted keys) for the web UI's generated types.

``make openapi`` runs this into ``frontend/openapi.json`` and then regenerates
``frontend/src/api/schema.d.ts`` from it; ``tests/test_openapi.py`` fails when the committed file
no longer matches the server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tunix_rt.app import create_app


def openapi_schema() -> dict[str, Any]:
    """The schema as the server publishes it at /api/openapi.json (no database is opened)."""
    return create_app(migrate=False).openapi()


def openapi_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(target: str) -> int:
    Path(target).write_text(openapi_text(openapi_schema()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "frontend/openapi.json"))
