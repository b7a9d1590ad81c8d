"""What determines an evaluation's numbers, recorded with every evaluation, and what differs
between two: the rule behind the leaderboard's, compare's and the gate's refusal to set scores
side by side that were not produced the same way.

The same model scored on the same eval set can move by points when the batch size changes
(padding changes the arithmetic), the dtype or device changes, a library is upgraded, the
template or the answer checker changes, or sampling runs from another seed. So each evaluation
records, in its scorecard (``settings`` and ``settings_hash``):

* ``backend`` and the versions of its generation ``packages`` (tunix-rt's own version is left
  out: a release that changes scoring bumps ``checker_version`` or a judge's version instead);
* ``dtype`` and ``device`` of the model's weights;
* ``batch_size``, ``max_new_tokens``, ``samples`` and ``sampling`` (temperature, top-p, top-k,
  seed; only the temperature when it is 0, since greedy decoding ignores the rest);
* the ``template``'s sha256 (of its fields, canonical JSON);
* ``checker_version`` (the strict/lenient answer checker) and each judge's version;
* the eval set's key, the sha256 of its items file and the number of items evaluated.

The model itself is not a setting: it is what a comparison compares.

>>> a = {"batch_size": 16, "sampling": {"temperature": 0.0}, "packages": {"torch": "2.13.0"}}
>>> b = {"batch_size": 8, "sampling": {"temperature": 0.0}, "packages": {"torch": "2.13.0"}}
>>> [d["setting"] for d in differences(a, b)]
['batch_size']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.evaluation.config import EvalConfig

GENERATION_PACKAGES = {
    "torch": ("torch", "transformers", "peft", "tokenizers"),
    "jax": ("jax", "jaxlib", "flax", "google-tunix", "qwix", "tokenizers"),
}
"""The packages whose versions change what a backend generates (training-only ones are left out)."""

NOT_RECORDED = "(not recorded)"
"""The value a difference shows for a setting an evaluation has no record of (one evaluated before
settings were recorded, or a judge only one of the two ran)."""


def template_hash(template: RenderTemplate) -> str:
    """The sha256 of a template's fields as canonical JSON: equal templates hash equal."""
    canonical = json.dumps(template.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    config: EvalConfig,
    *,
    device: str,
    dtype: str,
    template: RenderTemplate,
    judges: Mapping[str, str],
    checker_version: str,
    evalset_sha256: str,
    items: int,
    packages: Mapping[str, str | None],
) -> dict[str, Any]:
    """The determining settings of one evaluation, as its scorecard records them."""
    sampling: dict[str, Any] = config.sampling.model_dump()
    if config.sampling.greedy:
        sampling = {"temperature": 0.0}
    return {
        "backend": config.backend,
        "packages": {name: packages.get(name) for name in GENERATION_PACKAGES[config.backend]},
        "dtype": dtype,
        "device": device,
        "batch_size": config.batch_size,
        "max_new_tokens": config.max_new_tokens,
        "samples": config.samples,
        "sampling": sampling,
        "template_sha256": template_hash(template),
        "checker_version": checker_version,
        "judges": dict(sorted(judges.items())),
        "evalset": {"key": config.evalset, "sha256": evalset_sha256, "items": items},
    }


def fingerprint(settings: Mapping[str, Any]) -> str:
    """A hash of the settings: two evaluations are comparable exactly when theirs are equal. The
    leaderboard groups by it in SQL (``evaluations.settings_hash``)."""
    canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _flat(settings: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"sampling": {"seed": 1}}`` as ``{"sampling.seed": 1}``: a difference names one leaf."""
    flat: dict[str, Any] = {}
    for key, value in settings.items():
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def differences(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Each setting whose value differs between two evaluations, ``{"setting", "a", "b"}``, in
    name order. An evaluation without recorded settings differs from every one that has them."""
    if a is None and b is None:
        return []
    if a is None or b is None:
        return [
            {
                "setting": "settings",
                "a": NOT_RECORDED if a is None else "recorded",
                "b": NOT_RECORDED if b is None else "recorded",
            }
        ]
    left, right = _flat(a), _flat(b)
    return [
        {"setting": name, "a": left.get(name, NOT_RECORDED), "b": right.get(name, NOT_RECORDED)}
        for name in sorted(left.keys() | right.keys())
        if left.get(name, NOT_RECORDED) != right.get(name, NOT_RECORDED)
    ]


def of_scorecard(card: Mapping[str, Any]) -> dict[str, Any] | None:
    """An evaluation's recorded settings, or None for one evaluated before they were recorded."""
    settings = card.get("settings")
    return dict(settings) if isinstance(settings, Mapping) else None


def describe(found: Sequence[Mapping[str, Any]], a_name: str = "a", b_name: str = "b") -> str:
    """The differences in one line: ``batch_size: 16 (a) vs 8 (b); dtype: ...``."""
    return "; ".join(f"{d['setting']}: {_shown(d['a'])} ({a_name}) vs {_shown(d['b'])} ({b_name})" for d in found)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
