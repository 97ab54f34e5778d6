"""The semáforo as people read it, one for every view (terminal, Markdown, Excel, HTML): each state's symbol and
the meaning of each state with the plan's thresholds. A state is always symbol + word (+ colour where there is
colour), so it reads the same printed in black and white. Also «faltan k de n informes», the note of a state
computed without every owed report, and «cuenta x: …», the note of a meta per year whose surplus in one
year was not counted for another. Pure: no rich, no files."""

from __future__ import annotations

from .formato import numero
from .lenguaje import contar, verbo
from .progreso import EstadoIndicador

SIMBOLOS = {"cumplida": "✔", "verde": "●", "amarillo": "▲", "rojo": "✖", "no_cumplida": "⊘", "en_curso": "◐",
            "sin_reporte": "?", "no_iniciada": "○", "meta_por_definir": "◇"}
# What each state means; {verde} and {amarillo} are the plan's thresholds (`leyenda` fills them in)
LEYENDA = {
    "cumplida": "meta alcanzada",
    "verde": "logro ≥ {verde} % de lo esperado a la fecha",
    "amarillo": "logro ≥ {amarillo} % y < {verde} %",
    "rojo": "logro < {amarillo} %",
    "no_cumplida": "su periodo terminó sin alcanzar la meta",
    "en_curso": "aún no vence: su avance se muestra sin juzgarlo",
    "sin_reporte": "ningún reporte en los semestres evaluados (una actividad: alguno de sus indicadores)",
    "no_iniciada": "ningún semestre de su periodo evaluado aún",
    "meta_por_definir": "no se evalúa hasta que se defina la meta",
}


def leyenda(verde: str, amarillo: str) -> dict[str, str]:
    """Each state's meaning with the thresholds, already written as the view writes numbers."""
    return {k: t.format(verde=verde, amarillo=amarillo) for k, t in LEYENDA.items()}


def faltan_de(n: int, de: int) -> str:
    """«falta 1 de 4 informes», «faltan 2 de 4 informes»."""
    return f"{verbo(n, 'falta', 'faltan')} {n} de {contar(de, 'informe')}"


def faltan(e: EstadoIndicador) -> str:
    """«faltan 2 de 4 informes» for a state computed with owed reports missing, else ""."""
    if not e.con_faltantes or e.estado == "sin_reporte":
        return ""
    return faltan_de(len(e.informes_faltantes), e.informes_debidos)

NOTA_CUENTA = "«Cuenta x»: en una meta por año, lo que sobra en un año no cubre otro; el logro se calcula con x."


def cuenta(e: EstadoIndicador) -> str:
    """«cuenta 1.5: lo que sobra en un año no cubre otro» when the logro is worked out from less
    than what the reported-of-expected figures beside it suggest (a meta per year: 5 agendas in 2024 do not cover
    2025), else "". Without it «2 de 2 · 75 %» would read as an error."""
    if e.acreditado is None or e.reportado is None or not e.esperado:
        return ""
    if e.acreditado + 1e-9 >= min(e.reportado, e.esperado):
        return ""
    return f"cuenta {numero(e.acreditado)}: lo que sobra en un año no cubre otro"
