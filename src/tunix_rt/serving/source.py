"""What ``tunix-rt models serve REF`` serves: REF resolved to a loaded model and the template
its prompts are rendered with, through the loaders evaluation uses (``evaluation.generate``).

REF is tried as, in order:

1. a **tiny preset** (``tiny-llama``): random weights, with a tokenizer trained on synthetic
   demo traces (``traces.synth``, seeded), the untrained baseline to try the API on;
2. a **training run**: its id, a unique prefix of it, or its folder (``training.cli.run_folder``),
   loaded as evaluation loads it (merged, else adapter on its base, else the full fine-tune),
   with the template it was trained on, so a chat request is rendered as its training prompts were;
3. a **local model folder** (anything ``from_pretrained`` reads);
4. a **hub id** (``org/name``, which no registry name can be: it holds a ``/``);
5. a **registry version** (``NAME``, ``NAME:vN``, ``NAME:LABEL``, ``NAME@ALIAS``): its files are
   pulled once into ``TUNIX_RT_HOME/serving/<content hash>/`` (checked against their sha256), and
   loaded as its format says (merged or full: the model; adapter: on the base it carries or names).
   Its template is the one its run recorded when that run's folder is still here, else the run
   config's, else the default.

A preset's name is also a valid registry name; the preset wins, and ``NAME:latest`` reaches the
registry version. Nothing here imports torch at module level.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import NotFound, TunixError
from tunix_rt.evaluation import generate
from tunix_rt.settings import Settings
from tunix_rt.short_ids import Ambiguous
from tunix_rt.training import models

PRESET_TRACES = 256
"""Synthetic traces a served preset's tokenizer is trained on (the demo's mix of kinds)."""
CACHE = "serving"
"""The folder under ``TUNIX_RT_HOME`` that pulled registry versions are kept in, by content hash."""


@dataclass(frozen=True)
class Pulled:
    """A registry version's files in a local folder, and how to load them."""

    folder: Path
    format: str
    base: str | None
    template: RenderTemplate
    source: dict[str, Any]


def preset_texts(seed: int) -> list[str]:
    """Prompts and rendered answers of the demo's synthetic traces: what a served preset's
    tokenizer learns its merges from (the same text for the same seed)."""
    from tunix_rt.traces.synth import generate_mixed

    template = RenderTemplate()
    texts: list[str] = []
    for trace in generate_mixed(PRESET_TRACES, seed):
        steps = [step.model_dump() for step in trace.steps]
        texts += [trace.prompt, template.render(steps, trace.final_answer)]
    return texts


def load(ref: str, settings: Settings, *, device: str, seed: int) -> generate.Evaluated:
    """The model ``ref`` names (see the module docstring for the order REF is tried in)."""
    from tunix_rt.training.cli import run_folder

    if ref in models.TINY_PRESETS:
        return generate.load_model(ref, preset_texts(seed), None, device, seed)
    try:
        folder = run_folder(ref, settings)
    except Ambiguous:
        raise
    except TunixError:
        pass
    else:
        return generate.load_run(folder, None, device)
    path = Path(ref).expanduser()
    if path.is_dir():
        return generate.load_model(str(path.resolve()), [], None, device, seed)
    if "/" in ref:
        if models.HUB_ID.fullmatch(ref) is None or ".." in ref:
            raise NotFound(f"no model folder at {ref}")
        return generate.load_model(ref, [], None, device, seed)
    return load_pulled(pull(ref, settings), device)


def pull(ref: str, settings: Settings) -> Pulled:
    """The registry version ``ref`` names, in its cache folder (pulled there if not yet)."""
    from tunix_rt.registry import download, store
    from tunix_rt.registry.blobs import BlobStore
    from tunix_rt.registry.cli import find_version

    try:
        parsed = store.parse_ref(ref)
    except TunixError:
        raise NotFound(
            f"'{ref}' is no tiny preset, run, model folder, hub id or registry reference (NAME[:VERSION|@ALIAS])"
        ) from None
    version, entries = asyncio.run(find_version(settings, ref, parsed, "no tiny preset, run or model folder,"))
    folder = settings.home / CACHE / version.content_hash
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{uuid.uuid4().hex[:8]}-", dir=folder.parent))
        try:
            download.write_folder(BlobStore.of(settings), entries, scratch)
            scratch.rename(folder)
        except OSError:
            if not folder.is_dir():  # another server pulled the same version meanwhile: use that
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    base = None
    if version.format == "adapter":
        carried = folder / "base-model"
        base = str(carried) if carried.is_dir() else version.provenance["base_model"]["name"]
    source = {"type": "version", "version": f"{parsed.name}:{store.version_name(version.number)}"}
    source |= {"content_hash": version.content_hash, "weights": version.format}
    return Pulled(folder, version.format, base, _version_template(settings, version.run_id, version.config), source)


def _version_template(settings: Settings, run_id: uuid.UUID | None, config: dict[str, Any]) -> RenderTemplate:
    """The template a version's model was trained with: its run's record when that run's folder
    is here (the dataset's template, which the version itself does not carry), else its config's."""
    manifest = settings.home / "runs" / str(run_id) / "run_manifest.json"
    if run_id is not None and manifest.is_file():
        recorded = json.loads(manifest.read_text()).get("template")
        if recorded:
            return RenderTemplate.model_validate(recorded)
    return RenderTemplate.model_validate(config.get("template") or {})


def load_pulled(pulled: Pulled, device: str) -> generate.Evaluated:
    """A pulled version's model and tokenizer, ready to generate."""
    from transformers import AutoTokenizer

    network = generate.load_weights(pulled.folder, pulled.base)
    tokenizer = AutoTokenizer.from_pretrained(str(pulled.folder))
    positions = generate.model_positions(network.config)
    return generate.Evaluated(network.to(device).eval(), tokenizer, pulled.template, pulled.source, positions)
