"""The result types' names are written once (``_result_names``) and everything else reads them from there."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import cml_ergonomic
from cml_ergonomic import _results
from cml_ergonomic._result_names import RESULT_TYPES

PACKAGE = Path(cml_ergonomic.__file__).parent


def test_each_name_is_served_by_the_package_from_its_module() -> None:
    assert RESULT_TYPES  # every name below is checked against the module that defines it
    for name, module in RESULT_TYPES.items():
        defined = getattr(importlib.import_module(module), name)
        assert getattr(cml_ergonomic, name) is defined is getattr(_results, name), name
        assert name in cml_ergonomic.__all__
    assert sorted(_results.__all__) == sorted(RESULT_TYPES)


def test_no_other_module_spells_the_list_again() -> None:
    text = (PACKAGE / "_results.py").read_text(encoding="utf-8")
    spelled = [name for name in RESULT_TYPES if f'"{name}"' in text]
    assert spelled == [], f"_results.py lists {spelled} again"
    # The package's __all__ is written out for documentation tools that read it statically (griffe): once each, and
    # exactly the names the package serves lazily, so the two lists cannot drift apart.
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert {name: text.count(f'"{name}"') for name in RESULT_TYPES} == dict.fromkeys(RESULT_TYPES, 1)
    lazy = {name for name in cml_ergonomic.__all__ if name not in vars(cml_ergonomic) and name != "ForgetPlan"}
    assert lazy == set(RESULT_TYPES)


def test_the_package_still_loads_no_result_module_on_import() -> None:
    code = (
        "import sys, cml_ergonomic; print(sorted(m for m in sys.modules"
        " if m.startswith(('cml_ergonomic', 'cml_api_client')) and 'result' in m or m == 'attrs'))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['cml_ergonomic._result_names']"
