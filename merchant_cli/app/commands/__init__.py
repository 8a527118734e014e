"""Subcommands: each module adds its parser and runs from the parsed arguments."""
