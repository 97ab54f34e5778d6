"""`pni cambios` for the terminal (rich), as Markdown for the meeting's minutes, and as JSON (version 1, documented
in the README), each returned as text. Every state and every kind of change has a symbol *and* a word, so the
view reads the same without colour."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import texto_seguro
from ..diferencias import CambioInforme, Cambios, CambioValor, Comparacion, Lado
from ..formato import fecha, numero, porcentaje
from ..lenguaje import contar, verbo
from ..plan import Plan
from ..progreso import ESTADOS, ETIQUETAS
from ..semaforo import SIMBOLOS
from ..texto_seguro import celda_markdown as celda
from ..texto_seguro import terminal as seguro
from ..texto_seguro import texto_markdown as md
from ..texto_seguro import una_linea
from .consola import a_texto
from .estado import banner_ilustrativo, etiqueta

VERSION = 1
TIPOS_INFORME = {"nuevo": ("+", "green"), "eliminado": ("−", "red"), "corregido": ("✎", "yellow")}
SENTIDOS = {"mejora": ("↑", "green"), "empeora": ("↓", "red")}
NOMBRES_CAMPOS = {"fecha_reporte": "fecha de entrega", "reportado_por": "quién informa", "ilustrativo": "ilustrativo",
                  "desglose": "desglose", "estado": "estado", "evidencia": "evidencia",
                  "observaciones": "observaciones"}


def _informes(c: Cambios) -> list[tuple[str, CambioInforme]]:
    return [*(("nuevo", i) for i in c.nuevos), *(("eliminado", i) for i in c.eliminados),
            *(("corregido", i) for i in c.corregidos)]


def _campos(campos: tuple[str, ...]) -> str:
    return ", ".join(NOMBRES_CAMPOS.get(x, x) for x in campos)


def _detalle_informe(tipo: str, i: CambioInforme, c: Cambios) -> str:
    if tipo != "corregido":
        return ""
    n = sum(v.institucion == i.institucion and v.periodo == i.periodo for v in c.valores)
    partes = [f"{n} valor{'es' if n != 1 else ''}"] if n else []
    if i.campos:
        partes.append(_campos(i.campos))
    return "; ".join(partes) or "otros campos de los reportes"


def _valor(v: CambioValor, cual: str) -> str:
    x = v.antes if cual == "antes" else v.despues
    if x is None:
        return "no reportado" if cual == "antes" else "quitado"
    return numero(x)


def _sentido(sentido: str) -> Text:
    simbolo, estilo = SENTIDOS[sentido]
    return Text(f"{simbolo} {sentido}", style=estilo)


def _diferencia(antes: int, despues: int) -> str:
    d = despues - antes
    return f"+{d}" if d > 0 else ("=" if d == 0 else f"−{-d}")


def _instituciones_texto(c: Cambios, plan: Plan) -> list[tuple[str, str, str]]:
    out = []
    for i in c.instituciones:
        inst = plan.instituciones.get(i.institucion)
        nombre = inst.nombre if inst is not None else ""
        partes = []
        if i.nuevos:
            partes.append("informe nuevo de " + ", ".join(str(s) for s in i.nuevos))
        if i.corregidos:
            partes.append("corrigió " + ", ".join(str(s) for s in i.corregidos))
        out.append((i.institucion, nombre, "; ".join(partes)))
    return out


def _de(descripcion: str) -> str:
    """«de» before a side's description, contracted as Spanish does: «del commit a1b2c3d», «de la carpeta…»."""
    return f"del {descripcion[3:]}" if descripcion.startswith("el ") else f"de {descripcion}"


def _avisos(c: Cambios, desde: Lado, hasta: Lado) -> list[str]:
    out = []
    if c.plan_antes_ilegible is not None:
        out.append(f"El plan {_de(desde.descripcion)} no se puede leer con esta versión de pni "
                   f"({c.plan_antes_ilegible}): los dos lados se evalúan con el plan {_de(hasta.descripcion)}.")
    elif c.plan_cambiado:
        out.append(f"El plan cambió entre las dos versiones ({', '.join(c.plan_cambiado)}): cada lado se evalúa "
                   "con su plan, así que un cambio de estado puede deberse al plan (umbrales, metas) y no a los "
                   "avances.")
    for lado, lista in (("antes", c.invalidos_antes), ("ahora", c.invalidos_despues)):
        if lista:
            n = len(lista)
            out.append(f"{contar(n, 'archivo')} con errores no se {verbo(n, 'compara', 'comparan')} ({lado}): "
                       f"{', '.join(lista[:3])}{' …' if n > 3 else ''}. Ejecute «pni validar» para verlos.")
    return out


# --- terminal ----------------------------------------------------------------------------------------------

def _tabla(titulo: str, *columnas: str) -> Table:
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True)
    t.title = titulo  # shown above the table by _seccion, wrapped to the screen (rich wraps it to the table)
    for col in columnas:
        t.add_column(col, no_wrap=col in ("Indicador", "Semestre", "Cambio", "Entrega"))
    return t


def _seccion(t: Table) -> list[RenderableType]:
    titulo = Text(f"\n{t.title}", style="bold")
    t.title = None
    return [titulo, t]


def texto(comp: Comparacion, *, detalle: bool = False, color: bool = False, ancho: int = 80) -> str:
    c, plan = comp.cambios, comp.plan
    partes: list[RenderableType] = []
    if c.ilustrativo:
        partes.append(banner_ilustrativo())
    cab = Text()
    cab.append("Cambios en los avances", style="bold")
    cab.append(f" desde {una_linea(comp.desde.descripcion)} hasta {una_linea(comp.hasta.descripcion)}")
    cab.append(f"\nSemáforo al {fecha(c.corte)} en los dos lados (la misma fecha de corte).", style="dim")
    partes.append(cab)
    partes += [Text(f"⚠ {una_linea(a)}", style="bold yellow") for a in _avisos(c, comp.desde, comp.hasta)]
    if c.vacio:
        partes.append(Text("Sin cambios: ningún informe nuevo, eliminado ni corregido, y ningún indicador cambió de "
                           "estado.", style="green"))
        return a_texto(Group(*partes), color=color, ancho=ancho)
    if _informes(c):
        t = _tabla(f"Informes de avance ({len(_informes(c))})", "Cambio", "Institución", "Semestre", "Entrega",
                   "Reportes", "Detalle")
        for tipo, i in _informes(c):
            simbolo, estilo = TIPOS_INFORME[tipo]
            t.add_row(Text(f"{simbolo} {tipo}", style=estilo), i.institucion, str(i.periodo), fecha(i.fecha_reporte),
                      str(i.reportes), _detalle_informe(tipo, i, c))
        partes += _seccion(t)
    if detalle and c.nuevos:
        t = _tabla("Valores de los informes nuevos", "Indicador", "Institución", "Semestre", "Valor")
        for i in c.nuevos:
            for ind, valor in i.valores.items():
                t.add_row(ind, i.institucion, str(i.periodo), numero(valor))
        partes += _seccion(t)
    if c.valores:
        t = _tabla(f"Valores corregidos ({len(c.valores)})", "Indicador", "Institución", "Semestre", "Antes", "Ahora")
        for v in c.valores:
            t.add_row(v.indicador, v.institucion, str(v.periodo), _valor(v, "antes"), _valor(v, "despues"))
        partes += _seccion(t)
    if c.campos:
        t = _tabla(f"Mismo valor, otros campos cambiados ({len(c.campos)})", "Indicador", "Institución", "Semestre",
                   "Campos")
        for x in c.campos:
            t.add_row(x.indicador, x.institucion, str(x.periodo), _campos(x.campos))
        partes += _seccion(t)
    if c.estados:
        t = _tabla(f"Indicadores que cambiaron de estado en el semáforo ({len(c.estados)})", "Indicador", "Antes",
                   "Ahora", "Logro antes", "Logro ahora", "Sentido")
        for e in c.estados:
            t.add_row(e.indicador, etiqueta(e.antes), etiqueta(e.despues), porcentaje(e.logro_antes),
                      porcentaje(e.logro_despues), _sentido(e.sentido))
        partes += _seccion(t)
        t = _tabla("Indicadores por estado", "Estado", "Antes", "Ahora", "Diferencia")
        for est in ESTADOS:
            antes, despues = c.totales[est]
            if antes or despues:
                t.add_row(etiqueta(est), str(antes), str(despues), _diferencia(antes, despues))
        partes += _seccion(t)
    filas = _instituciones_texto(c, plan)
    if filas:
        t = _tabla(f"Instituciones que informaron ({len(filas)})", "Institución", "Nombre", "Qué entregó")
        for fila in filas:
            t.add_row(*(Text(seguro(x)) for x in fila))
        partes += _seccion(t)
    return a_texto(Group(*partes), color=color, ancho=ancho)


# --- Markdown ----------------------------------------------------------------------------------------------

def _fila(*celdas: object) -> str:
    return "| " + " | ".join(celda(x) for x in celdas) + " |"


def _encabezado(*columnas: str) -> list[str]:
    return [_fila(*columnas), "|" + "---|" * len(columnas)]


def _estado_md(estado: str) -> str:
    return f"{SIMBOLOS[estado]} {ETIQUETAS[estado]}"


def markdown(comp: Comparacion, *, detalle: bool = False) -> str:
    """Markdown to paste into the meeting's minutes; every cell escaped as in the status report."""
    c, plan = comp.cambios, comp.plan
    out = ["## Cambios en los avances", ""]
    if c.ilustrativo:
        out += ["> **DATOS ILUSTRATIVOS**: los archivos de avance son de ejemplo, no informes reales.", ""]
    out += [f"- **Desde:** {md(comp.desde.descripcion)}", f"- **Hasta:** {md(comp.hasta.descripcion)}",
            f"- **Semáforo al:** {fecha(c.corte)} en los dos lados (la misma fecha de corte)", ""]
    for a in _avisos(c, comp.desde, comp.hasta):
        out += [f"> {md(a)}", ""]
    if c.vacio:
        out += ["Sin cambios: ningún informe nuevo, eliminado ni corregido, y ningún indicador cambió de estado.", ""]
        return "\n".join(out).rstrip("\n") + "\n"
    if _informes(c):
        out += [f"### Informes de avance ({len(_informes(c))})", "",
                *_encabezado("Cambio", "Institución", "Semestre", "Entrega", "Reportes", "Detalle")]
        for tipo, i in _informes(c):
            out.append(_fila(f"{TIPOS_INFORME[tipo][0]} {tipo}", i.institucion, i.periodo, fecha(i.fecha_reporte),
                             i.reportes, _detalle_informe(tipo, i, c) or "—"))
        out.append("")
    if detalle and c.nuevos:
        out += ["### Valores de los informes nuevos", "", *_encabezado("Indicador", "Institución", "Semestre", "Valor")]
        out += [_fila(ind, i.institucion, i.periodo, numero(v)) for i in c.nuevos for ind, v in i.valores.items()]
        out.append("")
    if c.valores:
        out += [f"### Valores corregidos ({len(c.valores)})", "",
                *_encabezado("Indicador", "Institución", "Semestre", "Antes", "Ahora")]
        out += [_fila(v.indicador, v.institucion, v.periodo, _valor(v, "antes"), _valor(v, "despues"))
                for v in c.valores]
        out.append("")
    if c.campos:
        out += [f"### Mismo valor, otros campos cambiados ({len(c.campos)})", "",
                *_encabezado("Indicador", "Institución", "Semestre", "Campos")]
        out += [_fila(x.indicador, x.institucion, x.periodo, _campos(x.campos)) for x in c.campos]
        out.append("")
    if c.estados:
        out += [f"### Indicadores que cambiaron de estado en el semáforo ({len(c.estados)})", "",
                *_encabezado("Indicador", "Antes", "Ahora", "Logro antes", "Logro ahora", "Sentido")]
        out += [_fila(e.indicador, _estado_md(e.antes), _estado_md(e.despues), porcentaje(e.logro_antes),
                      porcentaje(e.logro_despues), f"{SENTIDOS[e.sentido][0]} {e.sentido}") for e in c.estados]
        out += ["", "### Indicadores por estado", "", *_encabezado("Estado", "Antes", "Ahora", "Diferencia")]
        out += [_fila(_estado_md(est), *c.totales[est], _diferencia(*c.totales[est])) for est in ESTADOS
                if any(c.totales[est])]
        out.append("")
    filas = _instituciones_texto(c, plan)
    if filas:
        out += [f"### Instituciones que informaron ({len(filas)})", "",
                *_encabezado("Institución", "Nombre", "Qué entregó")]
        out += [_fila(*f) for f in filas]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- JSON --------------------------------------------------------------------------------------------------

def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 4)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _lado(lado: Lado) -> dict[str, Any]:
    return {"ref": lado.ref, "commit": lado.commit, "fecha": lado.fecha.isoformat() if lado.fecha else None,
            "descripcion": lado.descripcion, "sin_confirmar": lado.sin_confirmar}


def _informe(i: CambioInforme) -> dict[str, Any]:
    return {"institucion": i.institucion, "periodo": str(i.periodo), "archivo": i.archivo,
            "fecha_reporte": i.fecha_reporte.isoformat(), "reportes": i.reportes,
            "valores": {k: _num(v) for k, v in i.valores.items()}, "campos": list(i.campos)}


def documento(comp: Comparacion) -> dict[str, Any]:
    c, plan = comp.cambios, comp.plan
    return {
        "version": VERSION,
        "desde": _lado(comp.desde),
        "hasta": _lado(comp.hasta),
        "corte": c.corte.isoformat(),
        "ilustrativo": c.ilustrativo,
        "plan_cambiado": c.plan_cambiado,
        "plan_desde_ilegible": c.plan_antes_ilegible,
        "archivos_con_errores": {"desde": c.invalidos_antes, "hasta": c.invalidos_despues},
        "informes": {"nuevos": [_informe(i) for i in c.nuevos], "eliminados": [_informe(i) for i in c.eliminados],
                     "corregidos": [_informe(i) for i in c.corregidos]},
        "valores": [{"indicador": v.indicador, "institucion": v.institucion, "periodo": str(v.periodo),
                     "tipo": v.tipo, "antes": _num(v.antes), "despues": _num(v.despues)} for v in c.valores],
        "otros_campos": [{"indicador": x.indicador, "institucion": x.institucion, "periodo": str(x.periodo),
                          "campos": list(x.campos)} for x in c.campos],
        "estados": [{"indicador": e.indicador, "actividad": e.actividad, "eje": e.eje, "antes": e.antes,
                     "despues": e.despues, "logro_antes": _r(e.logro_antes), "logro_despues": _r(e.logro_despues),
                     "sentido": e.sentido} for e in c.estados],
        "totales": {"indicadores": {e: {"antes": a, "despues": d} for e, (a, d) in c.totales.items()}},
        "instituciones": [{"institucion": i.institucion,
                           "nombre": plan.instituciones[i.institucion].nombre
                           if i.institucion in plan.instituciones else None,
                           "nuevos": [str(s) for s in i.nuevos], "corregidos": [str(s) for s in i.corregidos]}
                          for i in c.instituciones],
    }


def a_json(comp: Comparacion) -> str:
    return texto_seguro.json(documento(comp)) + "\n"


FORMATOS = ("tabla", "md", "json")
