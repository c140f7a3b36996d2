"""`python -m tutor` runs the command line."""

import sys

from tutor.cli import main

sys.exit(main())
