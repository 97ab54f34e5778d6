"""The file contract of a progress file as JSON Schema (what `pni esquema` prints), from the pydantic model.

Editors (VS Code's YAML extension and others built on yaml-language-server) show the schema's own messages when
it has them: `patternErrorMessage` and `errorMessage` are added in Spanish for the mistakes people make while
typing, since the editor's default messages are in English («String does not match the pattern…»).
"""

from __future__ import annotations

from typing import Any

from .. import texto_seguro
from ..modelos import MAX_NARRATIVA, Avance

_NUMERO = {"type": "number", "errorMessage": "Un número sin unidades ni separador de miles: 260 (conteo del "
                                             "semestre) o de 0 a 100 (porcentaje, hito)."}


def _mensajes(esquema: dict[str, Any]) -> None:
    props = esquema["properties"]
    props["periodo"]["patternErrorMessage"] = "Semestre AAAA-S1 (enero a junio) o AAAA-S2 (julio a diciembre), " \
                                              "p. ej. 2026-S1."
    props["institucion"]["patternErrorMessage"] = "Clave de la institución en plan/instituciones.yaml, p. ej. MTPS."
    props["fecha_reporte"]["errorMessage"] = "Fecha AAAA-MM-DD, p. ej. 2026-07-14."
    reporte = esquema["$defs"]["Reporte"]["properties"]
    reporte["indicador"]["patternErrorMessage"] = ('Id de un indicador del plan, entre comillas y con su letra: '
                                                   '"3.2.1.a" (3.2.1 es la actividad).')
    reporte["valor"] = {k: v for k, v in reporte["valor"].items() if k != "anyOf"} | _NUMERO
    for rama in reporte["estado"]["anyOf"]:
        if "enum" in rama:
            rama["errorMessage"] = "Uno de: " + ", ".join(rama["enum"]) + "."
    for rama in reporte["desglose"]["anyOf"]:
        if "propertyNames" in rama:
            rama["propertyNames"]["errorMessage"] = "Desgloses admitidos: " + ", ".join(
                rama["propertyNames"]["enum"]) + "."
            rama["additionalProperties"]["additionalProperties"] = _NUMERO
    _mensajes_narrativa(esquema["$defs"]["NarrativaActividad"])


def _mensajes_narrativa(narrativa: dict[str, Any]) -> None:
    """The narrative per activity, in Spanish (its model's docstring is the developers')."""
    narrativa["description"] = ("Lo ocurrido en el semestre en una actividad, con las palabras de la institución: "
                                "logros, dificultades y próximos pasos (todos opcionales).")
    props = narrativa["properties"]
    props["actividad"]["patternErrorMessage"] = ('Id de una actividad del plan, entre comillas y sin letra: "3.2.1" '
                                                 '(3.2.1.a es un indicador).')
    for campo, titulo in (("logros", "Logros"), ("dificultades", "Dificultades"),
                          ("proximos_pasos", "Próximos pasos")):
        props[campo]["title"] = titulo
        for rama in props[campo]["anyOf"]:
            if rama.get("type") == "string":
                rama["errorMessage"] = f"Un texto de 1 a {MAX_NARRATIVA:,} caracteres, entre comillas."


def esquema_avance() -> str:
    esquema = Avance.model_json_schema()
    esquema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    esquema["title"] = "Archivo de avance del PNI 2024-2028"
    esquema["description"] = ("Informe semestral de una institución: avances/<periodo>/<institucion>.yaml. "
                              "Generado por «pni esquema» a partir de los modelos de pni.")
    _mensajes(esquema)
    return texto_seguro.json(esquema) + "\n"
