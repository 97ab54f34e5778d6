"""Each reported indicator: it exists, is reported once, by a responsible institution, with a value that fits its
meta type, a desglose that adds up and evidence for a finished hito."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..avance import MAX_PLAUSIBLE
from ..problemas import Problema

if TYPE_CHECKING:
    from ..avance import ArchivoAvance, Reporte
    from ..plan import Plan
    from . import Contexto

INDICADOR_DESCONOCIDO = "PNI301"
NO_RESPONSABLE = "PNI304"
VALOR_NO_CUADRA = "PNI307"
FRACCION_COMO_PORCENTAJE = "PNI308"
DESGLOSE_NO_SUMA = "PNI309"
HITO_SIN_EVIDENCIA = "PNI310"
INDICADOR_REPETIDO = "PNI311"
CONTEO_NO_ENTERO = "PNI313"
META_POR_DEFINIR = "PNI316"
CODIGOS = frozenset({INDICADOR_DESCONOCIDO, NO_RESPONSABLE, VALOR_NO_CUADRA, FRACCION_COMO_PORCENTAJE,
                     DESGLOSE_NO_SUMA, HITO_SIN_EVIDENCIA, INDICADOR_REPETIDO, CONTEO_NO_ENTERO, META_POR_DEFINIR})


def sugerir_indicador(plan: Plan, id_: str) -> str:
    """A hint for an indicator id that is not in the plan: an activity's id, a wrong letter, a close id."""
    if id_ in plan.actividades:
        letras = ", ".join(i.id for i in plan.actividades[id_].indicadores)
        return f"; «{id_}» es una actividad: indique uno de sus indicadores ({letras})"
    actividad = plan.actividades.get(id_.rpartition(".")[0])
    if actividad is not None:
        # «1.4.2.z»: the activity exists, so its indicators are the candidates, in the plan's order
        letras = " o ".join(i.id for i in actividad.indicadores)
        return f"; ¿quiso decir {letras}? (los indicadores de la actividad {actividad.id})"
    parecidos = difflib.get_close_matches(id_, list(plan.indicadores), n=3, cutoff=0.7)
    if parecidos:
        return "; ¿quiso decir " + " o ".join(parecidos) + "?"
    return ""


def revisar(archivo: ArchivoAvance, ctx: Contexto) -> Iterator[Problema]:
    plan, av = ctx.plan, archivo.avance
    if plan is None or av is None:
        return
    vistos: dict[str, int] = {}
    for i, rep in enumerate(av.reportes):
        ruta = ("reportes", i)
        ind = plan.indicadores.get(rep.indicador)
        if ind is None:
            yield archivo.problema(INDICADOR_DESCONOCIDO, (*ruta, "indicador"),
                                   f"el indicador «{rep.indicador}» no existe en el plan"
                                   f"{sugerir_indicador(plan, rep.indicador)}")
            continue
        if rep.indicador in vistos:
            linea = archivo.linea(("reportes", vistos[rep.indicador]))
            donde = f" (línea {linea})" if linea else ""
            yield archivo.problema(INDICADOR_REPETIDO, (*ruta, "indicador"),
                                   f"el indicador {rep.indicador} ya se reportó en este archivo{donde}; "
                                   "reúna los valores en un solo reporte")
            continue
        vistos[rep.indicador] = i
        act = plan.actividad_de[rep.indicador]
        if av.institucion in plan.instituciones and av.institucion not in act.responsables.instituciones:
            yield archivo.problema(NO_RESPONSABLE, (*ruta, "indicador"),
                                   f"{av.institucion} no figura entre los responsables de la actividad {act.id} "
                                   f"({', '.join(act.responsables.instituciones)}); el reporte se cuenta igualmente")
        if ind.meta.tipo == "por_definir":
            yield archivo.problema(META_POR_DEFINIR, (*ruta, "indicador"),
                                   f"la meta de {ind.id} está por definir (en la actividad {ind.meta.definida_en}); "
                                   "el valor se guarda pero no se evalúa")
        yield from _valor(archivo, ruta, rep, ind.meta.tipo, ind.meta.unidad)


def _valor(archivo: ArchivoAvance, ruta: tuple[str | int, ...], rep: Reporte, tipo: str, unidad: str | None
           ) -> Iterator[Problema]:
    v = rep.valor
    rv = (*ruta, "valor")
    if v < 0:
        yield archivo.problema(VALOR_NO_CUADRA, rv,
                               f"valor negativo ({_num(v)}): un avance no puede ser menor que cero")
        return
    if v > MAX_PLAUSIBLE:
        yield archivo.problema(VALOR_NO_CUADRA, rv, f"el valor {float(v):.4g} no es plausible (más de un billón, "
                                                    "10^12): revise si sobran cifras")
        return
    if tipo in ("porcentaje", "hito"):
        que = "un porcentaje" if tipo == "porcentaje" else "el avance de un hito"
        if v > 100:
            yield archivo.problema(VALOR_NO_CUADRA, rv, f"{que} va de 0 a 100 y el valor es {_num(v)}")
        elif 0 < v <= 1 and not float(v).is_integer():
            yield archivo.problema(FRACCION_COMO_PORCENTAJE, rv, f"{_num(v)} parece una fracción: {que} se escribe "
                                                                 f"de 0 a 100 (¿quiso decir {_num(v * 100)}?)")
        if tipo == "hito" and v == 100 and not rep.evidencia:  # above 100 is no «completed»: refused above
            yield archivo.problema(HITO_SIN_EVIDENCIA, rv, "hito completado (100) sin evidencia: agregue en "
                                                           "«evidencia» el enlace o la referencia del documento que "
                                                           "lo respalda")
        if tipo == "hito" and rep.estado == "completada" and v < 100:
            yield archivo.problema(VALOR_NO_CUADRA, (*ruta, "estado"),
                                   f"estado «completada» pero el avance del hito es {_num(v)}; un hito completado "
                                   "vale 100")
    elif tipo == "conteo" and not float(v).is_integer():
        yield archivo.problema(CONTEO_NO_ENTERO, rv,
                               f"{_num(v)} {unidad or ''}: un conteo suele ser un número entero".replace("  ", " "))
    if rep.desglose:
        for dim, partes in rep.desglose.items():
            suma = sum(partes.values())
            if any(x < 0 for x in partes.values()):
                yield archivo.problema(DESGLOSE_NO_SUMA, (*ruta, "desglose", dim),
                                       f"el desglose por {dim} tiene valores negativos")
            elif any(x > MAX_PLAUSIBLE for x in partes.values()):
                yield archivo.problema(DESGLOSE_NO_SUMA, (*ruta, "desglose", dim),
                                       f"el desglose por {dim} tiene valores de más de un billón (10^12): revise si "
                                       "sobran cifras")
            elif tipo in ("conteo",) and not math.isclose(suma, v, rel_tol=1e-9, abs_tol=1e-6):
                yield archivo.problema(DESGLOSE_NO_SUMA, (*ruta, "desglose", dim),
                                       f"el desglose por {dim} suma {_num(suma)} y el valor es {_num(v)}; "
                                       f"deben coincidir (diferencia: {_num(suma - v)})")


def _num(x: float | int) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
