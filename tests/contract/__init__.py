"""The contract suite: one set of behaviour tests, run against FakeCML and against the real server.

``suite.py`` holds the drivers, fixtures and the core cases; each ``cases_*.py``
module beside it holds the cases of one topic (they import what they need from
``suite``). ``tests/unit/test_contract_fake.py`` runs them all on the fake,
``tests/integration/test_contract_real.py`` on the real server the harness starts
(so they follow the integration suite's server matrix). Each runner only provides
the ``backend`` fixture and takes the cases from :func:`contract_cases`.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def contract_cases() -> dict[str, Any]:
    """The public names of ``suite`` and of every ``cases_*`` module: what ``from m import *`` would give."""
    names: dict[str, Any] = {}
    modules = ["suite", *sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cases_"))]
    for name in modules:
        module = importlib.import_module(f"{__name__}.{name}")
        public = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for attr in public:
            value = getattr(module, attr)
            if attr in names and names[attr] is not value:
                raise RuntimeError(f"contract case {attr!r} is defined twice (in {name} and before it)")
            names[attr] = value
    return names
