"""The ``plangraph`` command's entry point (the console script and ``python -m plangraph``).

An unchanged re-ingest is answered here, before the command line loads
(:mod:`plangraph.unchanged`); every other command goes to :func:`plangraph.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    from plangraph.unchanged import answer

    if answer(sys.argv[1:]):
        return
    from plangraph.cli import main as command

    command()
