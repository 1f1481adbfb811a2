"""``python -m cml_ergonomic.mcp``: the same as ``cml-ergonomic mcp``."""

import sys

from cml_ergonomic.mcp import main

sys.exit(main())
