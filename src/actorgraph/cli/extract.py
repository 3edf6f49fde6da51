"""extract commands (see the module docstring of each command)."""

COMMANDS: list = []
