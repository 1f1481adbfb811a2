"""cml-ergonomic: the Python SDK for the Cognitive Memory Layer."""

from cml_ergonomic._version import __version__

__all__ = ["__version__"]
