"""`pni esquema`: the JSON Schema of a progress file, for editors (autocompletion, errors underlined while typing)
and other tools; esquemas/avance.schema.json is a copy of it."""

from __future__ import annotations

import sys


def ejecutar() -> int:
    from .render.esquema_json import esquema_avance

    sys.stdout.write(esquema_avance())
    return 0
