"""Imports of the large third-party libraries run untraced under coverage, in every process of
the test suite (the test conftest puts this folder first on ``PYTHONPATH``, so Python imports
this module at start-up, after coverage's own start-up hook, in each subprocess; the pytest
workers install it from the conftest).

Coverage measures ``tunix_rt`` only, yet its tracer sees every function call of every module
body that runs, and importing torch, transformers, TRL and PEFT runs tens of thousands: a
training child's imports took 6.3 s traced against 4.3 s untraced, 3.9 s with this, and 31
training tests 148 and 142 s against 115 and 114 s with the same lines covered
(docs/benchmarks.md). Each test that trains starts such children; so do sweeps, torchrun and Ray.

The tracer is switched off for this thread while such a module's body executes and switched
back on afterwards, so nothing of ``tunix_rt`` goes unmeasured: none of these libraries imports
``tunix_rt`` while it is being imported, and code of theirs that runs later, called from
``tunix_rt``, is traced as before.

A meta-path finder is how an import can be wrapped without replacing the libraries' own
finders and loaders: it asks the finders after it for the module's spec and wraps only that
loader's ``exec_module``."""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence

HEAVY = frozenset(
    {
        "accelerate",
        "datasets",
        "flax",
        "grain",
        "huggingface_hub",
        "jax",
        "jaxlib",
        "numpy",
        "optax",
        "optuna",
        "orbax",
        "pandas",
        "peft",
        "pyarrow",
        "qwix",
        "ray",
        "safetensors",
        "scipy",
        "sklearn",
        "sympy",
        "tokenizers",
        "torch",
        "transformers",
        "trl",
        "tunix",
    }
)
"""Top-level packages whose module bodies run untraced: the ML stack, none of which imports
``tunix_rt`` (``tunix`` is Google's Tunix, not this package)."""


def _untraced(exec_module: Callable[[types.ModuleType], None]) -> Callable[[types.ModuleType], None]:
    @functools.wraps(exec_module)
    def run(module: types.ModuleType) -> None:
        tracer = sys.gettrace()
        sys.settrace(None)
        try:
            exec_module(module)
        finally:
            sys.settrace(tracer)

    return run


class UntracedImports(importlib.abc.MetaPathFinder):
    """Finds nothing itself: for a module of ``HEAVY`` imported while a tracer runs, it returns
    the spec the other finders give, its loader's ``exec_module`` wrapped by ``_untraced``.

    The module may be loaded twice, as ``sitecustomize`` at start-up and as
    ``tests.untraced.sitecustomize`` by the conftest: two classes, so finders are recognised by
    ``MARK``, never by their class (a finder asking another would recurse for ever)."""

    MARK = "tunix_rt_untraced_imports"

    def __init__(self, packages: frozenset[str] = HEAVY) -> None:
        self.packages = packages

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] not in self.packages or sys.gettrace() is None:
            return None
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            if getattr(finder, "MARK", None) == self.MARK or find_spec is None:
                continue
            spec: importlib.machinery.ModuleSpec | None = find_spec(fullname, path, target)
            if spec is None:
                continue
            loader = spec.loader
            if loader is not None and hasattr(loader, "exec_module"):
                loader.exec_module = _untraced(loader.exec_module)  # type: ignore[method-assign,assignment]
            return spec
        return None


def install() -> None:
    """Put the finder first on ``sys.meta_path``, once."""
    if not any(getattr(finder, "MARK", None) == UntracedImports.MARK for finder in sys.meta_path):
        sys.meta_path.insert(0, UntracedImports())


install()
