"""``python -m tunix_rt`` is the ``tunix-rt`` command."""

from tunix_rt.cli import main

main()
