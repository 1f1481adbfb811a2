"""``python -m cml_ergonomic``: the command line (needs the ``cli`` extra)."""

from __future__ import annotations

import sys

from cml_ergonomic.cli import main

if __name__ == "__main__":
    sys.exit(main())
