"""civicscope test suite (a regular package, so that ``tests.*`` never resolves to another distribution's
top-level ``tests`` folder, such as the one ppi-python installs into site-packages)."""
