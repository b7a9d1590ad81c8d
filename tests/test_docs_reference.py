"""The docs site's generated reference pages cover the whole API and the whole command line.

``scripts/docs_api.py`` and ``scripts/docs_cli.py`` write them at build time (``make docs-build``
builds the site strictly as part of ``make test``); here each route, schema and command must have
its section, with what it takes, so a generator that silently skipped a part fails by name.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from scripts.docs_api import METHODS, api_reference, operation_section, type_of
from scripts.docs_cli import cli_reference, command_section, walk
from scripts.export_openapi import openapi_schema

from tunix_rt.cli import app

SCHEMA = openapi_schema()
API = api_reference(SCHEMA)
CLI = cli_reference()
COMMANDS = list(walk(typer.main.get_command(app), ("tunix-rt",)))
ROUTES = [(method, path) for path, item in SCHEMA["paths"].items() for method in METHODS if method in item]


def test_every_route_has_a_section() -> None:
    assert len(ROUTES) >= 50, ROUTES
    missing = [f"{method.upper()} {path}" for method, path in ROUTES if f"### `{method.upper()} {path}`\n" not in API]
    assert not missing, missing


def test_every_schema_has_a_section_and_every_link_lands_on_one() -> None:
    names = SCHEMA["components"]["schemas"]
    assert all(f"\n### {name}\n" in API for name in names)
    anchors = {name.lower() for name in names}
    linked = set(re.findall(r"\]\(#([^)]+)\)", API))
    assert linked, "no schema is linked"
    assert linked <= anchors, linked - anchors


def test_a_route_section_lists_its_parameters_body_and_responses() -> None:
    section = operation_section("get", "/api/runs/{run_id}/logs", SCHEMA["paths"]["/api/runs/{run_id}/logs"]["get"])
    assert section.startswith("### `GET /api/runs/{run_id}/logs`\n")
    run_id = r"^\| `run_id` \| path \| string \| yes \| The full id, or a unique prefix"
    assert re.search(run_id, section, re.MULTILINE), section
    assert re.search(r"^\| 404 \| ", section, re.MULTILINE), section
    create = operation_section("post", "/api/runs", SCHEMA["paths"]["/api/runs"]["post"])
    assert "Body (required): `application/json` [RunCreate](#runcreate)" in create, create


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"$ref": "#/components/schemas/RunRead"}, "[RunRead](#runread)"),
        ({"type": "array", "items": {"type": "integer"}}, "list[integer]"),
        ({"anyOf": [{"type": "string", "format": "uuid"}, {"type": "null"}]}, "string (uuid) \\| null"),
        ({"enum": ["queued", "running"]}, "`queued` \\| `running`"),
        ({"type": "object", "additionalProperties": {"type": "number"}}, "dict[str, number]"),
        ({}, "any"),
    ],
)
def test_type_of(schema: dict[str, Any], expected: str) -> None:
    assert type_of(schema) == expected


def test_every_command_has_a_section() -> None:
    paths = [" ".join(path) for path, _ in COMMANDS]
    assert len(paths) >= 60, paths
    for name in ("tunix-rt train", "tunix-rt runs logs", "tunix-rt eval baselines create", "tunix-rt models promote"):
        assert name in paths
    headings = re.findall(r"^#{2,4} `(tunix-rt[^`]*)`$", CLI, re.MULTILINE)
    assert headings == paths


def test_a_command_section_shows_usage_arguments_options_and_defaults() -> None:
    logs = dict(COMMANDS)[("tunix-rt", "runs", "logs")]
    section = command_section(("tunix-rt", "runs", "logs"), logs)
    assert "```text\ntunix-rt runs logs [OPTIONS] " in section, section
    argument = r"^\| `RUN_ID` \| str \| required \| Run id\. The full id, or a unique prefix"
    assert re.search(argument, section, re.MULTILINE), section
    assert re.search(r"^\| `--follow`, `-f` \| bool \|  \| ", section, re.MULTILINE), section
    demo = command_section(("tunix-rt", "demo"), dict(COMMANDS)[("tunix-rt", "demo")])
    assert re.search(r"^\| `--steps` \| int range \| `400` \| ", demo, re.MULTILINE), demo
    assert re.search(r"^\| `--backend` \| torch\\\|jax \| `torch` \| ", demo, re.MULTILINE), demo
