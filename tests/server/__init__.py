"""A shim: the real-server harness moved into the package, :mod:`cml_ergonomic.server`.

``tests.server.harness`` and ``tests.server.sources`` are the package's own
modules (the same objects), for code written before the move.
"""

import sys

from cml_ergonomic.server import harness, sources

sys.modules[f"{__name__}.harness"] = harness
sys.modules[f"{__name__}.sources"] = sources
