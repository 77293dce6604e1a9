"""``python -m kg``: the ``kg`` command (for a checkout run without installing it)."""

import sys

from kg.cli import main

sys.exit(main())
