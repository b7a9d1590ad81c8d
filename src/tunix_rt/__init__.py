"""tunix-rt: reasoning traces in, a trained, evaluated and registered model out."""

from functools import cache

__all__ = ["__version__"]


@cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tunix-rt")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use: importing
    ``importlib.metadata`` costs a tenth of a second, which every ``tunix-rt`` command, down
    to ``--help``, paid before it printed anything."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
