"""Pieces shared by the terminal views (`pni estado`, `pni mostrar`, `pni cambios`): the state of the semáforo as a
symbol, a word and a colour; figures with their unit; a list wrapped at item boundaries; bars on one scale and the
row of states across semesters. Every text from the data goes through `texto_seguro.terminal`.

Each state has its own symbol *and* its own colour, so the views read the same in black and white (NO_COLOR, a
pipe, a printout) as in colour."""

from __future__ import annotations

import math
from collections.abc import Iterable

from rich.text import Text

from ..formato import numero
from ..plan import Meta
from ..progreso import ESTADOS, ETIQUETAS, GRAVEDAD, EstadoIndicador
from ..semaforo import SIMBOLOS

# nine different styles: cumplida blue and verde green, rojo bright red and no cumplida dark red, sin reporte
# magenta (missing data is not bad performance), the states that are not judged dim
ESTILOS = {"cumplida": "bold blue", "verde": "green", "amarillo": "yellow", "rojo": "bold bright_red",
           "no_cumplida": "red", "en_curso": "cyan", "sin_reporte": "bold magenta", "no_iniciada": "dim",
           "meta_por_definir": "dim italic"}
ESTILO_ALERTA = "bold italic"  # «revisar meta», «niveles discrepantes»: never the colour of a state
FUTURO, EN_PLAZO = "·", "…"  # a semester not over yet, and one over but still inside its delivery window


def estilo(estado: str, color: bool = True) -> str:
    """The style of a state; none at all when `color` is False (an institution that reported nothing)."""
    return ESTILOS[estado] if color else ""


def etiqueta(estado: str, color: bool = True) -> Text:
    """«✖ rojo», in the state's colour."""
    return Text(f"{SIMBOLOS[estado]} {ETIQUETAS[estado]}", style=estilo(estado, color))


# --- figures -------------------------------------------------------------------------------------------------

def _entero(x: float) -> str:
    """A count pni computed (an expected amount): a whole number (half up) from 10 on, where rounding moves it by
    5 % at most (2,222.2 expected people are 2,222); below 10, one decimal, because rounding would misstate it
    (1.125 expected studies are «1.1», 0.375 «0.4», never «0» or «1»)."""
    if abs(x) < 10 and not float(x).is_integer():
        return _decimal(x) if round(x, 1) != 0 else f"{x:.2f}"
    return numero(math.floor(x + 0.5))


def valor(x: float | None, meta: Meta, *, calculado: bool = False) -> str:
    """A figure of an indicator without its unit: a percentage with «%», a count as reported (or, when pni
    computed it, `calculado`, as a whole number), a mean with one decimal at most."""
    if x is None:
        return "—"
    if meta.tipo in ("porcentaje", "hito"):
        return f"{_decimal(x)} %"
    if meta.tipo == "conteo" and calculado:
        return _entero(x)
    return _decimal(x)


def _decimal(x: float) -> str:
    redondo = round(x, 1)
    return numero(int(redondo)) if float(redondo).is_integer() else numero(redondo)


def unidad(meta: Meta) -> str:
    """The unit after a figure («participantes»), or "" for percentages and milestones."""
    if meta.tipo in ("porcentaje", "hito") or not meta.unidad:
        return ""
    return meta.unidad


def cantidad(x: float | None, meta: Meta, *, calculado: bool = False) -> str:
    """A figure with its unit: «3,000 migrantes», «18.8 %»."""
    u = unidad(meta)
    return f"{valor(x, meta, calculado=calculado)} {u}" if u and x is not None else valor(x, meta, calculado=calculado)


def cifra(e: EstadoIndicador, meta: Meta) -> str:
    """What was reported against what is expected to date, with the unit: «90 de 150 miembros», «60 % de avance
    (vence 2026-S2)», «meta por definir (en la actividad 0.2.1)»."""
    if e.estado == "meta_por_definir":
        return f"meta por definir (en la actividad {meta.definida_en})" if meta.definida_en else "meta por definir"
    if e.estado == "no_iniciada":
        return f"meta: {cantidad(meta.valor, meta)}" if meta.valor is not None else "aún no se evalúa"
    if meta.tipo == "hito":
        if e.esperado is None:
            avance = f"{valor(e.reportado, meta)} de avance" if e.reportado is not None else "sin avance reportado"
            return f"{avance} (vence {e.vence})" if e.vence else avance
        return f"{valor(e.reportado, meta)} de {valor(e.esperado, meta)} de avance"
    rep = valor(e.reportado, meta)
    if e.esperado is None:  # a total due at `vence`: not judged yet
        meta_final = e.meta_final if e.meta_final is not None else meta.valor
        return f"{rep} de {cantidad(meta_final, meta)} (vence {e.vence})" if e.vence else f"{rep} reportado"
    return f"{rep} de {cantidad(e.esperado, meta, calculado=True)}"


# --- lines that wrap between items, never inside one ----------------------------------------------------------

def envolver(items: Iterable[Text | str], ancho: int, *, separador: str = " · ", sangria: int = 0,
             prefijo: Text | str = "") -> Text:
    """Items joined by `separador`, each kept whole on its line: a line breaks between two items, the separator's
    visible part («,», «·») staying at the end of the line. An item longer than a whole line breaks between its
    words, and a word longer than a line where the line ends. The first line starts with `prefijo`, the next ones
    with `sangria` spaces."""
    piezas: list[tuple[str, Text]] = []  # (what goes before it, the piece)
    for n, item in enumerate(items):
        t = item if isinstance(item, Text) else Text(item)
        antes = separador if n else ""
        palabras = [w for w in t.split(" ") if w.plain] if t.cell_len > max(ancho - sangria, 1) else [t]
        piezas += [(antes if k == 0 else " ", w) for k, w in enumerate(palabras or [t])]
    out = Text()
    inicio = prefijo if isinstance(prefijo, Text) else Text(prefijo)
    if inicio.cell_len > ancho:  # a prefix longer than the line: its words wrap like the items
        out = envolver([w for w in inicio.split(" ") if w.plain], ancho, separador=" ", sangria=sangria)
        out.append(" ")
        col = out.cell_len - (out.plain.rfind("\n") + 1)
    else:
        out.append_text(inicio)
        col = out.cell_len
    i = 0
    while i < len(piezas):
        antes, t = piezas[i]
        detras = len(piezas[i + 1][0].rstrip()) if i + 1 < len(piezas) else 0
        if col + len(antes) + t.cell_len + detras > ancho:
            if col > sangria:
                out.append(antes.rstrip() + "\n" + " " * sangria)
                col, antes = sangria, ""
            elif " " in t.plain.strip():  # it cannot go to a line of its own: its words wrap
                palabras = [w for w in t.split(" ") if w.plain]
                piezas[i:i + 1] = [(antes if k == 0 else " ", w) for k, w in enumerate(palabras)]
                continue
        trozos = _trozos(t, max(ancho - col - len(antes), 1), max(ancho - sangria, 1))
        for trozo in trozos[:-1]:  # a word longer than a whole line: cut where each line ends
            out.append(antes)
            out.append_text(trozo)
            out.append("\n" + " " * sangria)
            col, antes = sangria, ""
        out.append(antes)
        out.append_text(trozos[-1])
        col += len(antes) + trozos[-1].cell_len
        i += 1
    return out


def _trozos(t: Text, primero: int, resto: int) -> list[Text]:
    """An item in one piece, or in pieces when it is longer than a whole line (a very long file name): the first
    as long as what is left of the line, the next ones a whole line each."""
    if t.cell_len <= resto:
        return [t]
    trozos: list[Text] = []
    inicio, largo = 0, primero
    while len(t.plain) - inicio > largo:
        trozos.append(t[inicio:inicio + largo])
        inicio, largo = inicio + largo, resto
    return [*trozos, t[inicio:]]


# --- bars and rows of states ------------------------------------------------------------------------------------

def escala(maximo: int, ancho: int) -> int:
    """How many indicators one symbol of a bar stands for, so that the longest bar fits in `ancho` cells."""
    return max(1, math.ceil(maximo / max(ancho, 1)))


def barra(conteo: dict[str, int], por_simbolo: int = 1, color: bool = True) -> Text:
    """A bar of the states, `por_simbolo` indicators per symbol: its length is proportional to the count (the
    total rounded). Each state present gets a symbol first, the larger counts (then the more urgent) first, as far
    as the bar goes (so that one verde among 19 at 4 per symbol does not vanish behind a second «?»); the rest of
    the bar goes to the states furthest below their exact share. The symbols are drawn in the order of ESTADOS."""
    # the larger counts first; between equal counts, the more urgent state (a rojo before an amarillo)
    presentes = sorted((e for e in ESTADOS if conteo.get(e, 0) > 0), key=lambda e: (-conteo[e], -GRAVEDAD[e]))
    total = sum(conteo[e] for e in presentes)
    t = Text()
    if not total:
        return t
    largo = max(1, math.floor(total / por_simbolo + 0.5))
    celdas = {e: int(k < largo) for k, e in enumerate(presentes)}
    for _ in range(largo - sum(celdas.values())):
        e = max(presentes, key=lambda e: (conteo[e] * largo / total - celdas[e], conteo[e]))
        celdas[e] += 1
    for e in ESTADOS:
        if celdas.get(e):
            t.append(SIMBOLOS[e] * celdas[e], style=estilo(e, color))
    return t


def fila_de_estados(estados: list[tuple[str, str | None]], color: bool = True) -> Text:
    """The state of each semester of a window as one row of symbols: the state it had the day after that
    semester's deadline; «…» a semester en plazo, «·» one still to come. `estados` is [(momento, estado)]."""
    t = Text()
    for momento, estado in estados:
        if estado is not None:
            t.append(SIMBOLOS[estado], style=estilo(estado, color))
        else:
            t.append(EN_PLAZO if momento == "en_plazo" else FUTURO, style="dim")
    return t
