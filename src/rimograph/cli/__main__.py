"""``python -m rimograph.cli``: the same as the ``rimograph`` command."""

from . import main

main()
