"""The rich console every terminal view prints to: colours and styles on a terminal; plain text when the output
is not a terminal (a pipe, a file) or when NO_COLOR is set — rich alone would still write bold and dim there."""

from __future__ import annotations

import os

from rich.console import Console


def consola() -> Console:
    # emoji=False: a text of the plan or a file name with «:smile:» in it is shown as written (and rich's table of
    # emoji codes is never loaded)
    if "NO_COLOR" in os.environ:  # present, whatever its value, as `pni validar` reads it
        return Console(highlight=False, color_system=None, emoji=False)
    return Console(highlight=False, emoji=False)
