"""Write the API reference page of the docs site from the server's own OpenAPI schema.

``make docs`` / ``make docs-build`` run this before MkDocs, so the page is the code's: every
route grouped by its tag (method, path, summary, description, parameters, request body and
responses), then every schema with its fields. Plain Markdown, so the site needs no network and no
JavaScript renderer; the live, interactive version is the server's own ``/api/docs``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from scripts.export_openapi import openapi_schema

INTRO = """# API reference

Generated from the server's OpenAPI schema (`create_app().openapi()`, the document the server
publishes at `/api/openapi.json`) by `scripts/docs_api.py` when the site is built. A running
server also serves it interactively at `/api/docs`. Errors are `application/problem+json`
(`type`, `title`, `status`, `detail`, and `errors` with field paths).
"""

METHODS = ("get", "post", "put", "patch", "delete")


def type_of(schema: dict[str, Any]) -> str:
    """A schema as a short type: a ``$ref``'s name linked to its section, ``list[...]``, unions
    joined by ``|``, enums as their values."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in schema:
        return " \\| ".join(f"`{value}`" for value in schema["enum"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " \\| ".join(type_of(part) for part in schema[key])
    kind = schema.get("type")
    if kind == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"dict[str, {type_of(schema['additionalProperties'])}]"
    if kind is None:
        return "any"
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def operation_section(method: str, path: str, operation: dict[str, Any]) -> str:
    lines = [f"### `{method.upper()} {path}`", ""]
    if operation.get("summary"):
        lines += [f"**{operation['summary']}**", ""]
    if operation.get("description"):
        lines += [operation["description"].strip(), ""]
    parameters = operation.get("parameters", [])
    if parameters:
        lines += ["| parameter | in | type | required | what |", "|---|---|---|---|---|"]
        for parameter in parameters:
            schema = parameter.get("schema", {})
            lines.append(
                f"| `{parameter['name']}` | {parameter['in']} | {type_of(schema)} | "
                f"{'yes' if parameter.get('required') else ''} | {_cell(parameter.get('description', ''))} |"
            )
        lines.append("")
    body = operation.get("requestBody")
    if body:
        kinds = ", ".join(
            f"`{media}` {type_of(content.get('schema', {}))}" for media, content in body.get("content", {}).items()
        )
        lines += [f"Body{' (required)' if body.get('required') else ''}: {kinds}", ""]
    responses = operation.get("responses", {})
    if responses:
        lines += ["| status | what | body |", "|---|---|---|"]
        for status, response in sorted(responses.items()):
            content = response.get("content", {})
            shapes = ", ".join(f"`{media}` {type_of(shape.get('schema', {}))}" for media, shape in content.items())
            lines.append(f"| {status} | {_cell(response.get('description', ''))} | {shapes} |")
        lines.append("")
    return "\n".join(lines)


def schema_section(name: str, schema: dict[str, Any]) -> str:
    lines = [f"### {name}", ""]
    if schema.get("description"):
        lines += [_cell(schema["description"]), ""]
    properties = schema.get("properties", {})
    if properties:
        required = set(schema.get("required", []))
        lines += ["| field | type | required | what |", "|---|---|---|---|"]
        for field, spec in properties.items():
            lines.append(
                f"| `{field}` | {type_of(spec)} | {'yes' if field in required else ''} | "
                f"{_cell(spec.get('description', ''))} |"
            )
        lines.append("")
    elif "enum" in schema or "type" in schema:
        lines += [f"Type: {type_of(schema)}", ""]
    return "\n".join(lines)


def api_reference(schema: dict[str, Any]) -> str:
    by_tag: dict[str, list[str]] = defaultdict(list)
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                tag = (operation.get("tags") or ["other"])[0]
                by_tag[tag].append(operation_section(method, path, operation))
    parts = [INTRO]
    for tag in sorted(by_tag):
        parts += [f"## {tag}\n", *by_tag[tag]]
    parts.append("## Schemas\n")
    components = schema.get("components", {}).get("schemas", {})
    parts += [schema_section(name, components[name]) for name in sorted(components)]
    return "\n".join(parts)


def main(target: str) -> int:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(api_reference(openapi_schema()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/reference/api.md"))
