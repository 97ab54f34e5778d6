"""Every state of the semáforo can explain its own arithmetic: the steps the engine kept (`tramos`, `historia`,
`informes_faltantes`) put in words, for `pni mostrar`'s «ficha técnica», the reports and the JSON. Pure."""

from __future__ import annotations

from .formato import numero, porcentaje
from .plan import Indicador, Meta, Plan
from .progreso import ETIQUETAS, EstadoIndicador

_COMBINAR = {"suma": "la suma de lo que informa cada institución",
             "maximo": "el mayor de los valores informados (varias instituciones informan lo mismo)",
             "promedio": "el promedio de los valores informados"}
_ACUMULACION = {"flujo": "cada informe trae lo nuevo del semestre; los informes se suman",
                "nivel": "cada informe trae el nivel vigente al cierre del semestre; cuenta el último",
                "acumulado": "cada informe trae el total desde el inicio; cuenta el último (una baja se señala)"}
_FRECUENCIA = {"anual": "por año", "semestral": "por semestre", "mensual": "por mes", "total": "en todo el periodo"}


def lectura(meta: Meta) -> list[str]:
    """The typed reading of a meta, one line per field that matters."""
    if meta.tipo == "por_definir":
        return [f"meta por definir (en la actividad {meta.definida_en}): no se evalúa"]
    lineas = [{"conteo": "conteo", "porcentaje": "porcentaje (de 0 a 100)", "promedio": "promedio",
               "hito": "hito (avance de 0 a 100 %; el 100 exige evidencia)"}[meta.tipo]]
    if meta.valor is not None:
        unidad = f" {meta.unidad}" if meta.unidad else ""
        cuando = f" {_FRECUENCIA[meta.frecuencia]}" if meta.frecuencia else ""
        lineas.append(f"meta: {numero(meta.valor)}{unidad}{cuando}")
    if meta.acumulacion:
        lineas.append(f"acumulación: {meta.acumulacion} ({_ACUMULACION[meta.acumulacion]})")
    if meta.programacion:
        lineas.append("programación: " + ", ".join(f"{e.periodo}: {numero(e.valor)}" for e in meta.programacion))
    if meta.vence:
        lineas.append(f"vence: {meta.vence} (no se juzga antes)")
    if meta.combinar == "responsable":
        lineas.append(f"varias instituciones: cuenta solo la cifra de {meta.responsable_principal}")
    elif meta.combinar:
        lineas.append(f"varias instituciones: {_COMBINAR[meta.combinar]}")
    if meta.sentido == "descendente":
        lineas.append("sentido: descendente (menos es mejor)")
    if meta.linea_base is not None and meta.linea_base.valor is not None:
        lb = meta.linea_base
        lineas.append(f"línea de base: {numero(lb.valor)}" + (f" ({lb.anio})" if lb.anio else "")
                      + (f", {lb.fuente}" if lb.fuente else ""))
    return lineas


def _n(x: float | None) -> str:
    return "—" if x is None else numero(x)


def aritmetica(e: EstadoIndicador, ind: Indicador) -> list[str]:
    """The arithmetic of the state in words, e.g. «esperado 3 = 1 (2024) + 2 (2025); acreditado 1 de 5
    reportados: 2024 aporta 1 de 1, 2025 aporta 0 de 2»."""
    meta = ind.meta
    if e.estado == "meta_por_definir":
        return ["la meta está por definir: no se calcula nada"]
    if e.estado == "no_iniciada":
        return [f"ningún semestre de su periodo se ha evaluado aún ({e.semestres_ventana} en su ventana)"]
    lineas: list[str] = []
    n = e.semestres_evaluados
    lineas.append(f"{n} de {e.semestres_ventana} semestres de su periodo evaluados")
    if meta.tipo == "hito":
        if e.esperado is None:
            lineas.append(f"avance reportado {_n(e.reportado)} %; vence en {e.vence}: no se juzga antes")
        else:
            lineas.append(f"avance comprometido {_n(e.esperado)} %; reportado {_n(e.reportado)} %")
    elif e.tramos and e.esperado is None:
        t = e.tramos[0]
        lineas.append(f"meta {_n(t.meta)} al vencer en {e.vence}; reportado {_n(t.reportado)}: no se juzga antes")
    elif meta.es_nivel and meta.tipo != "promedio" and (
            len(e.tramos) > 1 or meta.frecuencia in ("anual", "semestral", "mensual")):
        partes = [f"{t.periodo}: {_n(t.reportado)} de {_n(t.meta)}" for t in e.tramos]
        lineas.append("nivel esperado cada año; cuenta el último nivel de cada año, hasta la meta, ponderado por "
                      "sus semestres evaluados: " + "; ".join(partes))
    elif e.tramos:
        suma = " + ".join(f"{_n(t.esperado)} ({t.periodo})" for t in e.tramos)
        if len(e.tramos) > 1:
            lineas.append(f"esperado {_n(e.esperado)} = {suma}")
        elif meta.frecuencia == "total" and not meta.vence and meta.tipo != "promedio":
            t = e.tramos[0]
            lineas.append(f"esperado {_n(e.esperado)} = {_n(t.meta)} × {t.semestres_evaluados}/{t.semestres} "
                          "semestres (línea recta hasta el final del periodo)")
        else:
            lineas.append(f"esperado {_n(e.esperado)}")
        if e.reportado is not None and meta.tipo == "promedio":
            lineas.append(f"promedio de los semestres reportados {_n(e.reportado)}; acreditado hasta la meta "
                          f"{_n(e.acreditado)}")
        elif e.reportado is not None:
            detalle = ", ".join(f"{t.periodo} aporta {_n(t.acreditado)} de {_n(t.esperado)}" for t in e.tramos)
            cuanto = "acreditado" if not meta.es_nivel else "nivel acreditado"
            lineas.append(f"{cuanto} {_n(e.acreditado)} de {_n(e.reportado)} reportados"
                          + (f": {detalle}" if len(e.tramos) > 1 else ""))
    if e.logro is not None:
        lineas.append(f"logro {porcentaje(e.logro)} = acreditado ÷ esperado → {ETIQUETAS[e.estado]}")
    elif e.estado not in ("en_curso", "cumplida"):
        lineas.append(f"estado: {ETIQUETAS[e.estado]}")
    if e.informes_faltantes:
        quienes = ", ".join(f"{c} {s}" for c, s in e.informes_faltantes[:8])
        mas = f" y {len(e.informes_faltantes) - 8} más" if len(e.informes_faltantes) > 8 else ""
        k = len(e.informes_faltantes)
        lineas.append(f"falta{'n' if k != 1 else ''} {k} de {e.informes_debidos} informe"
                      f"{'s' if e.informes_debidos != 1 else ''}: {quienes}{mas}")
    if e.revisar_meta:
        lineas.append("revisar meta: lo reportado supera en más de un 30 % lo esperado a la fecha")
    if e.discrepancia:
        lineas.append("niveles discrepantes: las instituciones informan valores distintos del mismo nivel")
    if e.disminucion:
        lineas.append("el total acumulado informado bajó de un semestre a otro")
    if e.final:
        lineas.append("su periodo terminó: el estado es final")
    return lineas


def ficha(plan: Plan, e: EstadoIndicador) -> list[str]:
    """The «ficha técnica» of an indicator at the cut-off date: its typed reading and its arithmetic."""
    ind = plan.indicadores[e.id]
    return [*lectura(ind.meta), *aritmetica(e, ind)]
