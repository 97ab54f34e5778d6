"""JSON Schema of a progress file, from the pydantic model (what `pni esquema` prints)."""

from __future__ import annotations

import json

from .models import Avance


def esquema_avance() -> str:
    esquema = Avance.model_json_schema()
    esquema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    esquema["title"] = "Archivo de avance del PNI 2024-2028"
    esquema["description"] = ("Informe semestral de una institución: avances/<periodo>/<institucion>.yaml. "
                              "Generado por «pni esquema» a partir de los modelos de pni.")
    return json.dumps(esquema, ensure_ascii=False, indent=2) + "\n"
