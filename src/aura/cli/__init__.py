"""The ``aura`` command line (Typer), one file per command group."""
