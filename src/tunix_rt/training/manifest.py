"""``run_manifest.json``: the evidence of a training run, written when it starts and completed
when it ends, so a crashed run still says what it was doing.

It holds the config as resolved (defaults filled in), the dataset key and sha256 of its files,
where the model came from (with hashes of local and tiny models, and the positions it is built
for) and the tokenizer's hash, the modules the backend adapted (``adapted_modules``, see
``adapted``; null for a full fine-tune), package versions, the git commit of the code when known, device and
dtype, start and end times, and the final metrics.
"""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

MANIFEST = "run_manifest.json"
BACKEND_PACKAGES = {
    "torch": ("torch", "transformers", "trl", "peft", "accelerate", "tokenizers"),
    "jax": ("jax", "jaxlib", "flax", "google-tunix", "qwix", "optax", "orbax-checkpoint", "tokenizers"),
}


def now() -> str:
    return datetime.now(UTC).isoformat()


def package_versions(backend: str) -> dict[str, str | None]:
    """Installed versions of tunix-rt and the backend's packages (None when absent)."""
    found: dict[str, str | None] = {}
    for name in ("tunix-rt", *BACKEND_PACKAGES[backend]):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def git_commit() -> str | None:
    """The commit of the checkout this package runs from, or None (installed wheel, no git)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def write(run_dir: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically, so a reader never sees half of it."""
    temporary = run_dir / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    temporary.replace(run_dir / MANIFEST)


def adapted(lora: list[str], whole: list[str]) -> dict[str, Any]:
    """What the manifest records of the adapters, from the paths of the modules given LoRA and
    of those trained whole: the names of all of them, as ``lora.target_modules`` names them (the
    last part of each path, which both backends share while their paths differ), how many
    modules there are, and which are trained whole.

    >>> adapted(["layers.0.attn.q_proj", "layers.1.attn.q_proj", "layers.0.mlp.up_proj"], ["lm_head"])
    {'names': ['lm_head', 'q_proj', 'up_proj'], 'count': 4, 'trained_whole': ['lm_head']}
    """

    def names(paths: list[str]) -> list[str]:
        return sorted({path.rsplit(".", 1)[-1] for path in paths})

    return {"names": names(lora + whole), "count": len(set(lora + whole)), "trained_whole": names(whole)}


def hardware() -> dict[str, str]:
    return {"machine": platform.machine(), "python": platform.python_version(), "system": platform.system()}
