"""Every command a newcomer copies from the README and the guides works, as written.

A ```` ```bash ```` block is preceded by a marker line saying what it is:

* ``<!-- runnable -->``: run by this test, in the fast suite too;
* ``<!-- runnable: slow -->``: run by this test in ``make test`` / CI (marker ``slow``), skipped
  by ``-m "not slow"``;
* ``<!-- runnable: slow, alone -->``: a slow block that needs nothing the page's other blocks
  leave behind (variables, data) and leaves nothing they need: it runs as a case of its own, with
  its own home and server, so pytest-xdist can run it beside the page's other blocks;
* ``<!-- not runnable: REASON -->``: deliberately left out (it installs, serves forever, or needs
  what a test machine has not), the reason written down.

A bash block without a marker fails ``test_every_bash_block_says_whether_it_runs``: the decision
is made once, in the page, where the reader sees the command.

The runnable blocks of one page run in order, each with ``bash -e -o pipefail``, from a fresh
working folder (``examples/`` beside it, as in a clone) with a fresh ``TUNIX_RT_HOME``, the virtual
environment's ``bin`` first on ``PATH``, and a real ``tunix-rt serve`` (its embedded worker on and
demo traces loaded, as ``make run`` starts it) on a free port that ``TUNIX_RT_PORT`` names. Shell
variables a block sets (``RUN=$(tunix-rt train ...)``) are carried to the next blocks of the page,
as they would be in the reader's terminal. A block fails on a non-zero exit, on a ``Traceback`` in
its output, or by running past ``BLOCK_TIMEOUT`` (a ``--wait`` or ``logs -f`` that never ends); the
failure shows the block and what it printed. The server's own log must hold no traceback either.

Each block marked ``alone`` is a case of its own (``PAGE:LINE``, marked slow). A page with other
slow blocks has two cases for the rest: ``fast`` runs its quick blocks, ``full`` (marked slow)
runs them all; when both are selected the fast one is deselected (``tests/conftest.py``), so CI
runs each block once.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import httpx
import pytest

from tests.conftest import pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md"))]
BLOCK_TIMEOUT = 600
SERVER_START_TIMEOUT = 120

_MARKER = re.compile(r"<!-- (runnable|runnable: slow|runnable: slow, alone|not runnable: [^>]+?) -->")
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)

# Run inside the block's shell: load the page's variables so far, run the block, save them again
# (every variable the block's shell did not start with, bash's own left out).
_PROLOGUE = """\
__tunix_known=$'\\n'"$(compgen -v)"$'\\n'
source "$TUNIX_RT_DOC_STATE"
set -eo pipefail
"""
_EPILOGUE = """
set +e
for __v in $(compgen -v); do
  case "$__tunix_known" in *$'\\n'"$__v"$'\\n'*) continue ;; esac
  [[ $__v == __* ]] || declare -p "$__v"
done > "$TUNIX_RT_DOC_STATE"
"""


@dataclass(frozen=True)
class Block:
    """One fenced bash block of a page and the marker before it."""

    page: str
    line: int
    marker: str | None
    code: str

    @property
    def runnable(self) -> bool:
        return self.marker is not None and self.marker.startswith("runnable")

    @property
    def slow(self) -> bool:
        return self.marker is not None and self.marker.startswith("runnable: slow")

    @property
    def alone(self) -> bool:
        return self.marker == "runnable: slow, alone"


def bash_blocks(page: Path) -> list[Block]:
    """The page's ```` ```bash ```` blocks in order, each with the marker on the line before it."""
    text = page.read_text(encoding="utf-8")
    blocks = []
    for fence in _FENCE.finditer(text):
        if fence.group(1) not in ("bash", "sh", "shell"):
            continue
        line = text.count("\n", 0, fence.start()) + 1
        before = text[: fence.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        marker = _MARKER.fullmatch(before)
        name = page.relative_to(ROOT).as_posix()
        blocks.append(Block(name, line, marker.group(1) if marker else None, fence.group(2)))
    return blocks


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(home: Path, port: int, state: Path) -> dict[str, str]:
    """The reader's shell: the package's commands on PATH, a fresh home, this test's server."""
    bin_dir = str(Path(sys.executable).parent)
    keep = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    return {
        **keep,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "TUNIX_RT_HOME": str(home),
        "TUNIX_RT_PORT": str(port),
        "TUNIX_RT_DOC_STATE": str(state),
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }


@contextlib.contextmanager
def serving(env: dict[str, str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``tunix-rt serve --demo`` as ``make run`` starts it (demo traces loaded, the embedded worker
    on), once its health answers 200; stopped with Ctrl-C."""
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["tunix-rt", "serve", "--demo", "--log-level", "warning"],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        url = f"http://127.0.0.1:{env['TUNIX_RT_PORT']}/api/health"
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url).status_code == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"tunix-rt serve did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def run_block(block: Block, env: dict[str, str], cwd: Path) -> None:
    script = _PROLOGUE + block.code + _EPILOGUE
    started = time.monotonic()
    try:
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=BLOCK_TIMEOUT,
            start_new_session=True,
        )
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode(errors="replace")
        what = f"ran past {BLOCK_TIMEOUT} s"
        raise AssertionError(f"{_where(block)} {what}:\n{block.code.rstrip()}\n--- output ---\n{output}") from None
    output = done.stdout.decode(errors="replace")
    took = time.monotonic() - started
    print(f"{_where(block)}: {took:.1f} s")
    if done.returncode != 0 or "Traceback" in output:
        what = f"exited {done.returncode}" if done.returncode else "printed a Traceback"
        raise AssertionError(f"{_where(block)} {what}:\n{block.code.rstrip()}\n--- output ---\n{output}")


def _where(block: Block) -> str:
    return f"{block.page}:{block.line}"


@dataclass(frozen=True)
class Case:
    """The blocks (by line) of one page that one case of ``test_the_page_commands_run`` runs."""

    page: Path
    lines: tuple[int, ...]
    id: str
    slow: bool


def page_cases() -> list[Case]:
    """Per page: one case for each ``alone`` block, then the fast / full (or plain) cases of the
    rest."""
    cases: list[Case] = []
    for page in PAGES:
        blocks = [block for block in bash_blocks(page) if block.runnable]
        name = page.relative_to(ROOT).as_posix()
        cases.extend(Case(page, (block.line,), f"{name}:{block.line}", True) for block in blocks if block.alone)
        together = [block for block in blocks if not block.alone]
        quick = tuple(block.line for block in together if not block.slow)
        if any(block.slow for block in together):
            if quick:
                cases.append(Case(page, quick, f"{name}-fast", False))
            cases.append(Case(page, tuple(block.line for block in together), f"{name}-full", True))
        elif quick:
            cases.append(Case(page, quick, name, False))
    return cases


def _cases() -> list[object]:
    return [
        pytest.param(case.page, case.lines, id=case.id, marks=[pytest.mark.slow] if case.slow else [])
        for case in page_cases()
    ]


def test_every_bash_block_says_whether_it_runs() -> None:
    unmarked = [_where(block) for page in PAGES for block in bash_blocks(page) if block.marker is None]
    assert not unmarked, f"bash blocks without a <!-- runnable --> / <!-- not runnable: why --> line: {unmarked}"


def test_the_pages_hold_runnable_blocks() -> None:
    """Guards the parser: if the marker or the fence pattern stopped matching, nothing would run."""
    readme = bash_blocks(ROOT / "README.md")
    assert sum(block.runnable for block in readme) >= 3, readme
    assert any(not block.runnable for block in readme), "make run / make setup must be marked not runnable"
    assert len(PAGES) >= 2, PAGES


def test_the_parser_reads_markers_and_fences(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- runnable -->\n```bash\necho a\n```\n\n```json\n{}\n```\n"
        "<!-- runnable: slow -->\n```bash\necho b\n```\n<!-- not runnable: installs -->\n```bash\nmake setup\n```\n"
        "```bash\necho c\n```\n<!-- runnable: slow, alone -->\n```bash\necho d\n```\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules[__name__], "ROOT", tmp_path)
        blocks = bash_blocks(page)
    assert [(b.line, b.marker, b.code, b.runnable, b.slow, b.alone) for b in blocks] == [
        (2, "runnable", "echo a\n", True, False, False),
        (10, "runnable: slow", "echo b\n", True, True, False),
        (14, "not runnable: installs", "make setup\n", False, False, False),
        (17, None, "echo c\n", False, False, False),
        (21, "runnable: slow, alone", "echo d\n", True, True, True),
    ]


def test_a_failing_block_fails_with_its_output(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.touch()
    env = _environment(tmp_path / "home", _free_port(), state)
    run_block(Block("page.md", 1, "runnable", "X=$(echo 41)\n"), env, tmp_path)
    run_block(Block("page.md", 2, "runnable", 'test "$X" = 41\n'), env, tmp_path)
    with pytest.raises(AssertionError, match=r"(?s)page\.md:3 exited 1:\nfalse\necho never\n--- output ---\n$"):
        run_block(Block("page.md", 3, "runnable", "false\necho never\n"), env, tmp_path)
    with pytest.raises(AssertionError, match=r"page\.md:4 printed a Traceback"):
        run_block(Block("page.md", 4, "runnable", "python -c 'raise SystemExit(0) from 1/0' || true\n"), env, tmp_path)


def test_each_runnable_block_runs_in_exactly_one_case_of_a_full_pass() -> None:
    """The cases CI runs (every case but a ``fast`` one, deselected beside its ``full`` twin)
    cover each runnable block of every page once: splitting a page into cases loses no block
    and runs none twice."""
    cases = page_cases()
    ran = [(case.page, line) for case in cases if not case.id.endswith("-fast") for line in case.lines]
    every = [(page, block.line) for page in PAGES for block in bash_blocks(page) if block.runnable]
    assert sorted(ran) == sorted(every)


@pytest.mark.parametrize(("page", "lines"), _cases())
def test_the_page_commands_run(page: Path, lines: tuple[int, ...], tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    state = tmp_path / "state.sh"
    state.touch()
    env = _environment(tmp_path / "home", _free_port(), state)
    log = tmp_path / "server.log"
    blocks = [block for block in bash_blocks(page) if block.runnable and block.line in lines]
    assert blocks
    with serving(env, work, log):
        for block in blocks:
            run_block(block, env, work)
    server_log = log.read_text(errors="replace")
    assert "Traceback" not in server_log, server_log


def test_the_fast_case_is_deselected_when_its_full_twin_runs() -> None:
    @dataclass
    class Item:
        nodeid: str

    @dataclass
    class Hook:
        deselected: list[Item]

        def pytest_deselected(self, items: list[Item]) -> None:
            self.deselected.extend(items)

    @dataclass
    class Config:
        hook: Hook

    case = "tests/test_readme_commands.py::test_the_page_commands_run"
    items = [Item(f"{case}[README.md-fast]"), Item(f"{case}[README.md-full]"), Item(f"{case}[docs/g.md-fast]")]
    config = Config(Hook([]))
    pytest_collection_modifyitems(cast(pytest.Config, config), cast(list[pytest.Item], items))
    assert [item.nodeid for item in items] == [f"{case}[README.md-full]", f"{case}[docs/g.md-fast]"]
    assert config.hook.deselected == [Item(f"{case}[README.md-fast]")]
