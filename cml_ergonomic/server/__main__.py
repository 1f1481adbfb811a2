"""``python -m cml_ergonomic.server``: the same as ``cml-ergonomic server``."""

import sys

from cml_ergonomic.server._command import main

sys.exit(main())
