"""The architecture page and the decision records name only what exists.

Checked, each name its own test case so a rename that forgets the docs fails naming it:

* every entry of the layout block in ``docs/architecture.md`` (the names left of ``#``; a folder
  line's names, and the indented lines under it, are relative to that folder), and every feature
  folder of the package appears there;
* every ``src/...`` path, every folder-qualified file (``runs/worker.py``, resolved from the
  repository root or from ``src/tunix_rt/``) and every dotted ``tunix_rt.*`` module named in
  ``docs/architecture.md`` and ``docs/decisions/*.md``;
* every relative link between those pages, and every decision record's sections and its link
  from the architecture page.

The count checks guard the parsers: a pattern that stopped matching would otherwise leave nothing
to parametrize over and pass in silence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "tunix_rt"
DOCS = ROOT / "docs"
ARCHITECTURE = DOCS / "architecture.md"
DECISIONS = sorted((DOCS / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))
PAGES = [ARCHITECTURE, *DECISIONS]

_SRC_PATH = re.compile(r"(?<![\w/.-])src/[\w./-]*[\w/]")
_QUALIFIED_FILE = re.compile(r"(?<![\w/.*<>-])(?!src/)(?:[\w-]+/)+[\w-]+\.(?:py|md|txt|toml|yaml|sh)\b")
_DOTTED_MODULE = re.compile(r"(?<![\w.])tunix_rt(?:\.\w+)+")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def layout_block(text: str) -> str:
    """The first fenced block of the ``## Layout`` section, or an empty string."""
    section = re.search(r"^## Layout\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    if section is None:
        return ""
    block = re.search(r"^```[^\n]*\n(.*?)^```", section.group(1), re.MULTILINE | re.DOTALL)
    return block.group(1) if block is not None else ""


def layout_paths(block: str) -> list[str]:
    """Repository-relative paths the layout names, folders ending in ``/``.

    Column 0 holds repository entries; a folder there (``src/tunix_rt/``) is the root of the
    indented lines below it. On the first indentation level an entry is relative to that root, and
    a folder entry makes the rest of its line, and deeper-indented lines after it, relative to
    itself. Text after ``#`` is description.
    """
    paths: list[str] = []
    root = folder = ""
    level: int | None = None
    for line in block.splitlines():
        names = [name for name in re.split(r"[\s,]+", line.split("#", 1)[0]) if name]
        if not names:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            paths.extend(names)
            root = folder = names[-1] if names[-1].endswith("/") else ""
            level = None
            continue
        if level is None:
            level = indent
        if indent == level:
            first, *rest = names
            paths.append(root + first)
            folder = root + first if first.endswith("/") else root
            names = rest
        paths.extend(folder + name for name in names)
    return paths


def _exists(path: Path, name: str) -> bool:
    return path.is_dir() if name.endswith("/") else path.is_file()


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _found(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(page, match) for every distinct match of ``pattern`` in the text of every page (link
    targets left out: those are relative to the page, and ``test_link_resolves`` checks them)."""
    return [
        (_name(page), match)
        for page in PAGES
        for match in _unique([m.rstrip(".") for m in pattern.findall(_LINK.sub("]", _read(page)))])
    ]


def _links() -> list[tuple[str, str]]:
    return [
        (_name(page), target)
        for page in PAGES
        for target in _unique(_LINK.findall(_read(page)))
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)
    ]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


LAYOUT = layout_paths(layout_block(_read(ARCHITECTURE)))
SRC_PATHS = _found(_SRC_PATH)
QUALIFIED_FILES = _found(_QUALIFIED_FILE)
DOTTED_MODULES = _found(_DOTTED_MODULE)
LINKS = _links()


def test_layout_parser_reads_folders_and_continuation_lines() -> None:
    block = (
        "Makefile  # make\n"
        "pkg/\n"
        "  a.py        # x.py is prose\n"
        "  sub/        b.py, c/\n"
        "              d.py\n"
        "  e.py\n"
        "README\n"
    )
    assert layout_paths(block) == [
        "Makefile",
        "pkg/",
        "pkg/a.py",
        "pkg/sub/",
        "pkg/sub/b.py",
        "pkg/sub/c/",
        "pkg/sub/d.py",
        "pkg/e.py",
        "README",
    ]
    assert layout_paths(layout_block("## Layout\n\n```\npkg/\n  a.py\n```\n\n## Next\n")) == ["pkg/", "pkg/a.py"]


def test_the_parsers_find_what_the_pages_name() -> None:
    assert len(LAYOUT) >= 100, LAYOUT
    for folder in ("traces/", "datasets/", "runs/", "training/", "evaluation/", "sweeps/", "registry/"):
        assert f"src/tunix_rt/{folder}" in LAYOUT
    assert "src/tunix_rt/runs/kinds.py" in LAYOUT
    assert "src/tunix_rt/training/jax_backend.py" in LAYOUT
    assert len(SRC_PATHS) >= 15, SRC_PATHS
    assert len(QUALIFIED_FILES) >= 40, QUALIFIED_FILES
    assert DOTTED_MODULES, "no tunix_rt.* module named"
    assert len(LINKS) >= 8, LINKS
    assert len(DECISIONS) >= 6, DECISIONS


@pytest.mark.parametrize("name", LAYOUT)
def test_layout_entry_exists(name: str) -> None:
    assert _exists(ROOT / name, name), f"docs/architecture.md's layout names {name}, which does not exist"


@pytest.mark.parametrize(
    "folder",
    sorted(
        f"src/tunix_rt/{child.name}/"
        for child in PACKAGE.iterdir()
        if child.is_dir() and child.name != "__pycache__" and any(child.glob("*.py"))
    ),
)
def test_every_feature_folder_is_in_the_layout(folder: str) -> None:
    assert folder in LAYOUT, f"{folder} is missing from the layout in docs/architecture.md"


@pytest.mark.parametrize(("page", "path"), SRC_PATHS)
def test_src_path_exists(page: str, path: str) -> None:
    assert _exists(ROOT / path, path), f"{page} names {path}, which does not exist"


@pytest.mark.parametrize(("page", "path"), QUALIFIED_FILES)
def test_named_file_exists(page: str, path: str) -> None:
    assert (ROOT / path).is_file() or (PACKAGE / path).is_file(), (
        f"{page} names {path}, found neither from the repository root nor in src/tunix_rt/"
    )


@pytest.mark.parametrize(("page", "module"), DOTTED_MODULES)
def test_dotted_module_exists(page: str, module: str) -> None:
    path = ROOT / "src" / Path(*module.split("."))
    assert path.with_suffix(".py").is_file() or path.is_dir(), f"{page} names module {module}, which does not exist"


@pytest.mark.parametrize(("page", "target"), LINKS)
def test_link_resolves(page: str, target: str) -> None:
    file_part, _, anchor = target.partition("#")
    source = ROOT / page
    linked = (source.parent / file_part).resolve() if file_part else source
    assert linked.exists(), f"{page} links to {target}, which does not exist"
    if anchor and linked.suffix == ".md":
        headings = re.findall(r"^#+ (.+)$", _read(linked), re.MULTILINE)
        assert anchor in {_slug(heading) for heading in headings}, f"{page} links to a missing heading: {target}"


@pytest.mark.parametrize("record", DECISIONS, ids=[record.name for record in DECISIONS])
def test_decision_record_is_complete_and_linked(record: Path) -> None:
    text = _read(record)
    assert re.match(rf"# {record.name[:4]} — \S", text), f"{record.name} must open with '# {record.name[:4]} — title'"
    for section in ("## Context", "## Decision", "## Consequences"):
        assert re.search(rf"^{section}$", text, re.MULTILINE), f"{record.name} has no '{section}' section"
    assert f"(decisions/{record.name})" in _read(ARCHITECTURE), f"docs/architecture.md does not link {record.name}"


def test_decision_numbers_are_unique() -> None:
    numbers = [record.name[:4] for record in DECISIONS]
    assert len(numbers) == len(set(numbers)), numbers
