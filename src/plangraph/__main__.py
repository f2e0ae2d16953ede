"""``python -m plangraph``."""

from plangraph.entry import main

main()
