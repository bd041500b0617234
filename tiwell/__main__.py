"""Run the command line: ``python -m tiwell --help``."""

import sys

from tiwell.cli import main

sys.exit(main())
