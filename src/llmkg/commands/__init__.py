"""Subcommands beyond the core ones in cli.py; each module has `register(subparsers, common)`."""
