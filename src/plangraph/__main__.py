"""``python -m plangraph``."""

from plangraph.cli import main

main()
