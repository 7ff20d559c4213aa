"""Entry point for ``python -m civicscope``."""

from civicscope.cli import main

raise SystemExit(main())
