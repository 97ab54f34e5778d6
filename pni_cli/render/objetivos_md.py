"""The plan by GCM objective in Markdown (`pni reporte --por-objetivo`): the document the officials preparing a
review of the Global Compact start from. Per objective: the contributing activities with responsables, period,
state and why they are linked; the key reported figures with their breakdowns; what the institutions told of each
activity (logros, dificultades, próximos pasos). Then the activities with no objective of their own, the guiding
principles and how the alignment was made.

Built in Python rather than from a template: its structure is fixed by the reviews, and every text from the data
goes through `texto_seguro.celda_markdown` (table cells) or `texto_markdown` (loose text). Same content → same
bytes."""

from __future__ import annotations

from ..narrativa import Relato
from ..objetivos import (
    ORIGENES,
    ActividadVista,
    ObjetivoVista,
    PorObjetivo,
    aviso_propuesta,
    origenes_en_palabras,
)
from ..progreso import ESTADOS, ETIQUETAS
from ..semaforo import NOTA_CUENTA, SIMBOLOS
from ..texto_seguro import celda_markdown as celda
from ..texto_seguro import texto_markdown as md


def _conteo(conteo: dict[str, int]) -> str:
    partes = [f"{SIMBOLOS[k]} {ETIQUETAS[k]} {n}" for k in ESTADOS if (n := conteo.get(k, 0))]
    return ", ".join(partes) or "—"


def _estado(estado: str | None, etiqueta: str) -> str:
    """A state as symbol and word («✖ rojo»), so it reads the same printed in black and white."""
    return (f"{SIMBOLOS[estado]} " if estado else "") + etiqueta


def _leyenda(v: PorObjetivo) -> list[str]:
    # the legend is pni's own text (semaforo.LEYENDA with the plan's thresholds), not data: «<» stays «<»
    estados = "; ".join(f"{SIMBOLOS[k]} {ETIQUETAS[k]} ({v.leyenda[k]})" for k in ESTADOS if k in v.leyenda)
    return ["", "---", "",
            f"Semáforo: {estados}. Un semestre se evalúa al día siguiente de su plazo de entrega. «Faltan k de n "
            f"informes»: el estado se calculó sin todos los informes debidos. {NOTA_CUENTA} «Revisar meta»: lo "
            f"reportado supera el {v.revisar_meta:g} % de lo esperado. El estado de una actividad es el más urgente "
            "de sus indicadores que miden el objetivo."]


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _avisos(v: PorObjetivo) -> list[str]:
    out = []
    if v.propuesta:
        out += ["", f"> **⚠ ALINEACIÓN PROPUESTA.** {md(aviso_propuesta(v.propuestos, v.vinculos))}"]
    if v.ilustrativo:
        out += ["", "> **⚠ DATOS ILUSTRATIVOS.** Los avances de este documento son valores de ejemplo "
                    "(`ilustrativo: true`), no informes reales de las instituciones. No deben citarse como "
                    "resultados del PNI."]
    if v.archivos_con_errores:
        out += ["", f"> **Archivos de avance con errores, que no se cuentan ({len(v.archivos_con_errores)}):** "
                    f"{md('; '.join(v.archivos_con_errores))}. Ejecute `pni validar` para verlos."]
    return out


def _resumen(v: PorObjetivo) -> list[str]:
    out = ["", "## Resumen", "",
           "Actividades del PNI e indicadores por objetivo. Una actividad puede contribuir a varios objetivos: las "
           "filas no se suman.", "",
           "| Objetivo | Actividades | De ellas, por vínculo indirecto | Indicadores por estado | Instituciones |",
           "|---|---:|---:|---|---|"]
    for o in v.objetivos:
        out.append(f"| **{o.id}.** {celda(o.etiqueta)} | {len(o.actividades) or '**ninguna**'} | "
                   f"{o.indirectas or '—'} | {celda(_conteo(o.conteo))} | "
                   f"{celda(', '.join(o.instituciones)) or '—'} |")
    if v.sin_actividad:
        out += ["", "**Objetivos sin ninguna actividad del plan:** "
                + "; ".join(f"{n} ({md(e)})" for n, e in v.sin_actividad) + "."]
    if v.medios:
        out += ["", f"**Actividades sin objetivo propio ({len(v.medios)}):** "
                + ", ".join(a.id for a in v.medios)
                + ". Son medios de implementación del plan (coordinación, estrategia, presupuesto): se describen "
                  "en [Medios de implementación del plan](#medios-de-implementación-del-plan)."]
    return out


def _vinculo(a: ActividadVista) -> str:
    partes = []
    for quien, vin in a.razones():
        origen = (f"{quien}, " if quien else "") + ORIGENES[vin.origen] + (", indirecto" if vin.indirecto else "")
        partes.append(f"*{origen}*" + (f": {celda(vin.razon)}" if vin.razon else ""))
    return " · ".join(partes) or "—"


def _tabla_actividades(o: ObjetivoVista) -> list[str]:
    out = ["", "| Actividad | Responsables | Periodo | Estado | Por qué contribuye |", "|---|---|---|---|---|"]
    for a in o.actividades:
        estado = celda(_estado(a.estado, a.etiqueta)) + (f" ({celda(a.nota)})" if a.nota else "")
        out.append(f"| **{a.id}** {celda(a.texto)} | {celda(', '.join(a.responsables))} | {celda(a.periodo)} | "
                   f"{estado} | {_vinculo(a)} |")
    return out


def _cifras(o: ObjetivoVista) -> list[str]:
    out = ["", "### Cifras clave", "",
           "Lo reportado en los semestres evaluados, con el mismo cálculo que `pni estado`. Los desgloses suman lo "
           "que cada institución informó.", "",
           "| Indicador | Meta | Reportado | Logro | Estado | Desglose |", "|---|---|---:|---:|---|---|"]
    for a in o.actividades:
        for c in a.cifras:
            estado = celda(_estado(c.estado, c.etiqueta)) + (f" ({celda(c.notas)})" if c.notas else "")
            desglose = "; ".join(celda(x) for x in c.desglose) or "—"
            out.append(f"| **{c.id}** {celda(c.texto)} | {celda(c.meta)} | {celda(c.reportado)} | {celda(c.logro)} "
                       f"| {estado} | {desglose} |")
    return out


def _relato(r: Relato) -> list[str]:
    out = [f"- **{r.actividad}** · {md(r.institucion)}, {r.periodo}"]
    for nombre, texto in (("Logros", r.logros), ("Dificultades", r.dificultades),
                          ("Próximos pasos", r.proximos_pasos)):
        if texto:
            out.append(f"  - *{nombre}:* {md(texto)}")
    return out


def _narrativa(o: ObjetivoVista) -> list[str]:
    out = ["", "### Lo que informan las instituciones", ""]
    relatos = [r for a in o.actividades for r in a.relatos]
    if not relatos:
        return [*out, "Ninguna institución informó logros, dificultades ni próximos pasos de estas actividades en sus "
                      "archivos de avance."]
    for r in relatos:
        out += _relato(r)
    return out


def _objetivo(o: ObjetivoVista, eje: str | None) -> list[str]:
    out = ["", f"## Objetivo {o.id}. {md(o.etiqueta)}", "", f"> {md(o.texto)}", ""]
    if not o.actividades:
        de = "del plan" if eje is None else f"del eje {eje}"
        return [*out, f"**Ninguna actividad {de} contribuye a este objetivo.**"]
    linea = f"**{_plural(len(o.actividades), 'actividad', 'actividades')}**"
    if o.indirectas:
        linea += f" ({o.indirectas} por vínculo indirecto)"
    linea += (f" · **{_plural(o.indicadores, 'indicador', 'indicadores')}:** {md(_conteo(o.conteo))}"
              f" · **{_plural(len(o.instituciones), 'institución', 'instituciones')}:** "
              f"{md(', '.join(o.instituciones))}")
    if o.propuesto:
        linea += " · *alineación propuesta, no confirmada por el Mecanismo*"
    return [*out, linea, *_tabla_actividades(o), *_cifras(o), *_narrativa(o)]


def _medios(v: PorObjetivo) -> list[str]:
    if not v.medios:
        return []
    out = ["", "## Medios de implementación del plan", "",
           "Actividades que no contribuyen a un objetivo en particular sino a la aplicación del plan entero; en un "
           "examen del Pacto corresponden a la parte sobre el marco de políticas y la coordinación (enfoque "
           "pangubernamental). Se vinculan a los principios rectores.", "",
           "| Actividad | Responsables | Periodo | Estado | Principios |", "|---|---|---|---|---|"]
    for a in v.medios:
        principios = " · ".join(f"**{p.principio}** *{ORIGENES[p.origen]}*" + (f": {celda(p.razon)}" if p.razon else "")
                                for p in a.principios) or "—"
        out.append(f"| **{a.id}** {celda(a.texto)} | {celda(', '.join(a.responsables))} | {celda(a.periodo)} | "
                   f"{celda(_estado(a.estado, a.etiqueta))} | {principios} |")
    relatos = [r for a in v.medios for r in a.relatos]
    if relatos:
        out += ["", "### Lo que informan las instituciones", ""]
        for r in relatos:
            out += _relato(r)
    return out


def _principios(v: PorObjetivo) -> list[str]:
    if not v.principios:
        return []
    out = ["", "## Principios rectores", "",
           "Los diez principios del Pacto, como los cita la fuente, y las actividades que los siguen según el texto de "
           "cada una.", "", "| Principio | Actividades |", "|---|---|"]
    for p in v.principios:
        acts = ", ".join(a for a, _ in p.actividades) or "**ninguna**"
        out.append(f"| **{p.id}. {celda(p.nombre)}** {celda(p.texto)} | {acts} |")
    notas = [(p.id, n) for p in v.principios for n in p.notas]
    sin = [p.id for p in v.principios if not p.actividades]
    if sin:
        out += ["", f"**Principios sin ninguna actividad:** {', '.join(sin)}."]
    for pid, n in notas:
        out += ["", f"**{pid}:** {md(n)}"]
    return out


def _metodo(v: PorObjetivo) -> list[str]:
    origenes = origenes_en_palabras(v.origenes)
    return ["", "## Cómo se hizo esta alineación", "",
            "El plan dice que sus prioridades «se encuentran alineados a los objetivos del PMM como se detalla a "
            "continuación», pero la tabla que seguía era una imagen y no se conserva en el texto. Cada actividad "
            "lleva en `plan/eje-*.yaml` los objetivos (`objetivos_pmm`) y principios (`principios_pmm`) a los que "
            "contribuye, con su origen: *de la fuente* (lo dice el plan), *confirmado por el Mecanismo* o "
            "*propuesta* (una lectura del texto de la actividad, con la razón: las palabras de la actividad que la "
            "sostienen, entre «»). Un vínculo *indirecto* pasa por el tema del eje de la actividad (una reunión, un "
            "diagnóstico o un plan de formación del eje). Un indicador lleva vínculos propios solo cuando mide otros "
            "objetivos que su actividad.", "",
            f"Vínculos del plan: {v.vinculos} ({origenes}). El Mecanismo confirma un vínculo cambiando su "
            "`origen: propuesta` por `origen: mecanismo` en el archivo del eje (y lo corrige o lo quita si no está "
            "de acuerdo); `pni validar` revisa que cada objetivo y principio exista y que cada actividad quede "
            "vinculada."]


def documento(v: PorObjetivo) -> str:
    cabecera = [f"# {md(v.titulo)}", "",
                f"**Fecha de corte:** {v.corte} · **Semestres evaluados:** {v.semestres}"
                + "".join(f" · {md(p)}" for p in v.en_plazo)
                + (f" · **Versión del plan:** {md(v.version_plan)}" if v.version_plan else "")
                + f" · generado con pni {v.version_pni}"]
    if v.filtro_eje is not None:
        cabecera += ["", f"**Solo el eje {v.filtro_eje}:** cada objetivo muestra únicamente las actividades de ese "
                         "eje."]
    lineas = [*cabecera, *_avisos(v), *_resumen(v)]
    for o in v.objetivos:
        lineas += _objetivo(o, v.filtro_eje)
    lineas += [*_medios(v), *_principios(v), *_metodo(v), *_leyenda(v)]
    return "\n".join(lineas).rstrip("\n") + "\n"
