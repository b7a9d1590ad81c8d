"""The run kinds registry: what can be submitted, how its config is validated, and the code
the child process runs.

A kind is found by import path (``module:ATTRIBUTE``) so the child process, a fresh Python,
loads exactly the kind the server validated. Built-in kinds are listed in ``BUILTIN_KINDS``
(training and evaluation add theirs); extra ones come from the ``run_kinds`` setting, which is
how tests register a scripted kind without shipping it.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tunix_rt.errors import Invalid, TunixError
from tunix_rt.partial import problems_of, valid_fields
from tunix_rt.runs.events import EventSink

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.runs.tables import Run
    from tunix_rt.settings import Settings

BUILTIN_KINDS: tuple[str, ...] = (
    "tunix_rt.training.kind:TRAIN",
    "tunix_rt.evaluation.kind:EVAL",
    "tunix_rt.sweeps.kind:SWEEP",
    "tunix_rt.sampling.kind:SAMPLE",
    "tunix_rt.loops.kind:LOOP",
)
RUN_FILE = "run.json"

C = TypeVar("C", bound=BaseModel)


@dataclass(frozen=True)
class RunRefs:
    """What a config points at: indexed on the run so datasets can refuse deletes and lists filter."""

    dataset_key: str | None = None
    evalset_key: str | None = None
    model: str | None = None
    devices: int = 1
    """Devices the run needs on one worker: only a worker offering as many claims it."""


def _no_refs(_config: Any) -> RunRefs:
    return RunRefs()


def _no_environment(_config: Any) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Checked(Generic[C]):
    """A submitted config as far as it validates: the model when all of it does, and each
    top-level field that is valid on its own (``partial.valid_fields``) either way, so checks
    that need only some fields run while others are misspelled. ``errors`` are the schema's
    problems, paths under ``body.config``."""

    config: C | None
    fields: dict[str, Any]
    errors: list[dict[str, Any]]
    raw: dict[str, Any]


def check_config(model: type[C], raw: Any, loc: tuple[str | int, ...] = ("body", "config")) -> Checked[C]:
    """``raw`` checked by ``model`` without raising: what validated, and each problem under ``loc``."""
    mapping = dict(raw) if isinstance(raw, dict) else {}
    try:
        validated = model.model_validate(raw)
    except ValidationError as exc:
        return Checked(None, valid_fields(model, raw), problems_of(exc.errors(include_url=False), loc), mapping)
    return Checked(validated, {field: getattr(validated, field) for field in model.model_fields}, [], mapping)


def conflict_problem(checked: Checked[Any], conflicts: Callable[[Mapping[str, Any]], list[str]]) -> Invalid | None:
    """The options of a config that contradict each other, when its model's own check of them
    did not run because a field failed: ``conflicts`` (the model's rules) on the fields that
    validated, reported as the model reports them (at the config's root, type ``conflict``)."""
    root = ["body", "config"]
    if checked.config is not None or root in [error["loc"] for error in checked.errors]:
        return None
    found = "; ".join(conflicts(checked.fields))
    return Invalid(found, errors=[{"loc": root, "msg": found, "type": "conflict"}]) if found else None


@dataclass(frozen=True)
class RunKind(Generic[C]):
    """A kind of run. ``execute`` runs in the child, in the run folder, and reports through
    ``events``; it raises to fail the run. A ``resumable`` kind finds its last checkpoint with
    ``resume_point(run_dir)`` when a crashed attempt is retried. ``admit``, if given, runs at
    submit with a session: checks a config model cannot make (referenced data exists, the
    backend is installed), raising domain errors. It gets the config as far as it validated
    (``Checked``), so its checks of the fields that are valid are reported together with the
    schema's problems of the others. ``on_success``, if given, runs in the worker
    inside the transaction that records success, to ingest the run's outputs into the
    kind's own tables (an evaluation's scorecard); if it raises a domain error the run is
    recorded as failed with that reason instead. ``needs_database`` gives the child the
    database URL, which children are otherwise denied: only for a coordinator that must
    submit, claim and watch runs of its own (a sweep). ``run_id_fields`` are the config's
    top-level fields that hold a run id: a unique prefix there stands for the id, as on the
    command line, and is stored as the full id. ``passed_environment`` names the worker's
    environment variables the child may see besides the trimmed set (an endpoint's API key
    that the config names, so the key itself is never in the config). ``defaults`` fills in,
    before validation, what the submitter left to the server's settings (a sample run's default
    endpoint), so the stored config says exactly what ran."""

    name: str
    config_model: type[C]
    execute: Callable[[C, Path, EventSink], None]
    resumable: bool = False
    references: Callable[[C], RunRefs] = field(default=_no_refs)
    admit: Callable[[Checked[C], AsyncSession, Settings], Awaitable[None]] | None = None
    on_success: Callable[[AsyncSession, Run, Path], Awaitable[None]] | None = None
    needs_database: bool = False
    run_id_fields: tuple[str, ...] = ()
    passed_environment: Callable[[C], tuple[str, ...]] = field(default=_no_environment)
    defaults: Callable[[dict[str, Any], Settings], dict[str, Any]] | None = None


class RunFile(BaseModel):
    """``runs/<id>/run.json``: everything the child needs, written by the worker before spawn
    (the child has no database access)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Run id.")
    kind: str = Field(description="Kind name.")
    kind_path: str = Field(description="Import path of the kind, module:ATTRIBUTE.")
    attempt: int = Field(ge=1, description="Which claim of the run this is.")
    config: dict[str, Any] = Field(description="The validated config.")
    resume_from: str | None = Field(None, description="Last checkpoint, relative to the run folder, if resuming.")


def read_run_file(run_dir: Path) -> RunFile:
    return RunFile.model_validate_json((run_dir / RUN_FILE).read_bytes())


def write_run_file(run_dir: Path, spec: RunFile) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    temporary = run_dir / f".{RUN_FILE}.tmp"
    temporary.write_text(json.dumps(spec.model_dump(), indent=2, sort_keys=True))
    temporary.replace(run_dir / RUN_FILE)


def resume_point(run_dir: Path) -> Path | None:
    """The checkpoint a resumable kind should continue from, or None to start fresh."""
    spec = read_run_file(run_dir)
    return run_dir / spec.resume_from if spec.resume_from else None


def load_kind(path: str) -> RunKind[Any]:
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise TunixError(f"run kind '{path}' is not an import path of the form module:ATTRIBUTE")
    try:
        kind = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise TunixError(f"run kind '{path}' cannot be loaded: {exc}") from exc
    if not isinstance(kind, RunKind):
        raise TunixError(f"run kind '{path}' is a {type(kind).__name__}, not a RunKind")
    return kind


class KindRegistry:
    """The kinds a server or worker accepts, by name, with the import path of each."""

    def __init__(self, paths: Sequence[str] = ()) -> None:
        self._kinds: dict[str, tuple[str, RunKind[Any]]] = {}
        for path in (*BUILTIN_KINDS, *paths):
            kind = load_kind(path)
            self._kinds[kind.name] = (path, kind)

    def names(self) -> list[str]:
        return sorted(self._kinds)

    def get(self, name: str) -> RunKind[Any]:
        return self._entry(name)[1]

    def path_of(self, name: str) -> str:
        return self._entry(name)[0]

    def _entry(self, name: str) -> tuple[str, RunKind[Any]]:
        if name not in self._kinds:
            known = ", ".join(self.names()) or "none registered"
            raise Invalid(
                f"unknown run kind '{name}' (known: {known})",
                errors=[{"loc": ["body", "kind"], "msg": f"unknown run kind (known: {known})", "type": "enum"}],
            )
        return self._kinds[name]

    def check(self, name: str, config: dict[str, Any]) -> Checked[Any]:
        """The config checked by the kind's model, without raising: what validated and each problem."""
        return check_config(self.get(name).config_model, config)

    def validate(self, name: str, config: dict[str, Any]) -> tuple[BaseModel, RunRefs]:
        """The config checked by the kind's model (422 naming each bad field) and what it references."""
        checked = self.check(name, config)
        if checked.config is None:
            raise schema_invalid(name, checked.errors)
        return checked.config, self.get(name).references(checked.config)

    async def admit(self, name: str, checked: Checked[Any], session: AsyncSession, settings: Settings) -> None:
        """The kind's submit-time checks against the store and the installation, if it has any."""
        kind = self.get(name)
        if kind.admit is not None:
            await kind.admit(checked, session, settings)


def schema_invalid(kind: str, errors: list[dict[str, Any]]) -> Invalid:
    """The 422 of a config that fails its kind's model, counting the problems and naming the first."""
    where = ".".join(str(part) for part in errors[0]["loc"])
    return Invalid(f"{len(errors)} problem(s) in the {kind} config, first at {where}", errors=errors)
