"""build, load and store commands."""

COMMANDS: list = []
