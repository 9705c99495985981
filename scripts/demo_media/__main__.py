"""Run the demo media maker: python -m scripts.demo_media [--only SLUG ...]."""

import sys

from .cli import main

sys.exit(main())
