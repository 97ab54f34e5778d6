"""Each reported indicator: it exists, is reported once, by a responsible institution, inside its activity's
window, with a value that fits its meta type, a desglose that adds up and evidence for a finished hito."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator

from ..models import Avance, Reporte
from ..periodos import Semestre
from ..problems import Problema
from ..progreso import MAX_PLAUSIBLE
from ..workspace import ArchivoAvance, Plan
from ..yamlio import Documento

# No indicator of the plan counts, averages or measures anything near a trillion: a larger value is a typo (extra
# digits, a pasted identifier), and it would overflow the sums and ratios of the semáforo.


def sugerir_indicador(plan: Plan, id_: str) -> str:
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


def revisar(plan: Plan, archivos: list[ArchivoAvance]) -> Iterator[Problema]:
    for a in archivos:
        if a.avance is not None:
            assert a.documento is not None  # pni validar never reads from the cache
            yield from _revisar_archivo(plan, a.documento, a.avance)


def _revisar_archivo(plan: Plan, doc: Documento, av: Avance) -> Iterator[Problema]:
    sem = Semestre.leer(av.periodo)
    vistos: dict[str, int] = {}
    for i, rep in enumerate(av.reportes):
        ruta = ("reportes", i)
        ind = plan.indicadores.get(rep.indicador)
        if ind is None:
            yield doc.problema("PNI301", (*ruta, "indicador"), f"el indicador «{rep.indicador}» no existe en el plan"
                                                               f"{sugerir_indicador(plan, rep.indicador)}")
            continue
        if rep.indicador in vistos:
            linea, _ = doc.donde(("reportes", vistos[rep.indicador]))
            yield doc.problema("PNI311", (*ruta, "indicador"),
                               f"el indicador {rep.indicador} ya se reportó en este archivo (línea {linea}); "
                               "reúna los valores en un solo reporte")
            continue
        vistos[rep.indicador] = i
        act = plan.actividad_de[rep.indicador]
        if av.institucion in plan.instituciones and av.institucion not in act.responsables.instituciones:
            yield doc.problema("PNI304", (*ruta, "indicador"),
                               f"{av.institucion} no figura entre los responsables de la actividad {act.id} "
                               f"({', '.join(act.responsables.instituciones)}); el reporte se cuenta igualmente")
        ventana = plan.ventana(act)
        if sem not in ventana:
            yield doc.problema("PNI305", (*ruta, "indicador"),
                               f"la actividad {act.id} tiene periodo «{act.periodo.texto or 'sin periodo'}»"
                               f" ({ventana[0]} a {ventana[-1]} en semestres): no se espera reporte en {sem}"
                               if ventana else f"la actividad {act.id} no tiene semestres dentro del plan")
        if ind.meta.tipo == "por_definir":
            yield doc.problema("PNI316", (*ruta, "indicador"),
                               f"la meta de {ind.id} está por definir (en la actividad {ind.meta.definida_en}); "
                               "el valor se guarda pero no se evalúa")
        yield from _valor(doc, ruta, rep, ind.meta.tipo, ind.meta.unidad)


def _valor(doc: Documento, ruta: tuple[str | int, ...], rep: Reporte, tipo: str, unidad: str | None
           ) -> Iterator[Problema]:
    v = rep.valor
    rv = (*ruta, "valor")
    if v < 0:
        yield doc.problema("PNI307", rv, f"valor negativo ({_num(v)}): un avance no puede ser menor que cero")
        return
    if v > MAX_PLAUSIBLE:
        yield doc.problema("PNI307", rv, f"el valor {float(v):.4g} no es plausible (más de un billón, 10^12): "
                                         "revise si sobran cifras")
        return
    if tipo in ("porcentaje", "hito"):
        que = "un porcentaje" if tipo == "porcentaje" else "el avance de un hito"
        if v > 100:
            yield doc.problema("PNI307", rv, f"{que} va de 0 a 100 y el valor es {_num(v)}")
        elif 0 < v <= 1 and not float(v).is_integer():
            yield doc.problema("PNI308", rv, f"{_num(v)} parece una fracción: {que} se escribe de 0 a 100 "
                                             f"(¿quiso decir {_num(v * 100)}?)")
        if tipo == "hito" and v >= 100 and not rep.evidencia:
            yield doc.problema("PNI310", rv, "hito completado (100) sin evidencia: agregue en «evidencia» el "
                                             "enlace o la referencia del documento que lo respalda")
        if tipo == "hito" and rep.estado == "completada" and v < 100:
            yield doc.problema("PNI307", (*ruta, "estado"),
                               f"estado «completada» pero el avance del hito es {_num(v)}; un hito completado vale 100")
    elif tipo == "conteo" and not float(v).is_integer():
        yield doc.problema("PNI313", rv,
                           f"{_num(v)} {unidad or ''}: un conteo suele ser un número entero".replace("  ", " "))
    if rep.desglose:
        for dim, partes in rep.desglose.items():
            suma = sum(partes.values())
            if any(x < 0 for x in partes.values()):
                yield doc.problema("PNI309", (*ruta, "desglose", dim), f"el desglose por {dim} tiene valores negativos")
            elif any(x > MAX_PLAUSIBLE for x in partes.values()):
                yield doc.problema("PNI309", (*ruta, "desglose", dim),
                                   f"el desglose por {dim} tiene valores de más de un billón (10^12): revise si "
                                   "sobran cifras")
            elif tipo in ("conteo",) and not math.isclose(suma, v, rel_tol=1e-9, abs_tol=1e-6):
                yield doc.problema("PNI309", (*ruta, "desglose", dim),
                                   f"el desglose por {dim} suma {_num(suma)} y el valor es {_num(v)}; "
                                   f"deben coincidir (diferencia: {_num(suma - v)})")


def _num(x: float | int) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
