"""tunix-rt: reasoning traces in, a trained, evaluated and registered model out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tunix-rt")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
