"""The colours of the documents pni prints (the Excel report, the HTML report): for each state of the semáforo and
each kind of delivery a background and the text colour drawn on it. Every pair has at least WCAG AA contrast
(4.5:1, `contraste`; a test checks them all), and a colour is never alone: the symbol and the word are always
beside it, so the documents read the same printed in black and white or by a reader who does not see colours."""

from __future__ import annotations

NEGRO = "000000"
BLANCO = "FFFFFF"

# estado → (fondo, texto)
ESTADOS: dict[str, tuple[str, str]] = {
    "cumplida": ("1B5E20", BLANCO),
    "verde": ("A5D6A7", NEGRO),
    "amarillo": ("FFE082", NEGRO),
    "rojo": ("C62828", BLANCO),
    "no_cumplida": ("6D3B00", BLANCO),
    "en_curso": ("BBDEFB", NEGRO),
    "sin_reporte": ("E1BEE7", NEGRO),
    "no_iniciada": ("E0E0E0", NEGRO),
    "meta_por_definir": ("ECEFF1", NEGRO),
}
# delivery (a_tiempo, tarde…) → (fondo, texto)
ENTREGAS: dict[str, tuple[str, str]] = {
    "a_tiempo": ("A5D6A7", NEGRO),
    "tarde": ("FFE082", NEGRO),
    "incompleto": ("FFCC80", NEGRO),
    "pendiente": ("E0E0E0", NEGRO),
    "faltante": ("C62828", BLANCO),
    "con_errores": ("6A1B9A", BLANCO),
}
ENCABEZADO = ("1F4E79", BLANCO)  # table headers
SECCION = (BLANCO, ENCABEZADO[0])  # a section title, the form's title
SUBTITULO = ("FFFFFF", "595959")  # the line under a title
NOTA = (BLANCO, "404040")  # a note in grey
AVISO = ("FFC7CE", "9C0006")  # the illustrative-data banner
AVISO_SIN_FONDO = (BLANCO, AVISO[1])  # a warning line (files with errors), an objective without activities
PROPUESTA = ("FFEB9C", "7F6000")  # the proposed-alignment banner
TOTAL = ("F2F2F2", NEGRO)  # a total row
PARA_LLENAR = ("FFF2CC", NEGRO)  # the form: a cell to fill
FIJO = ("EDEDED", NEGRO)  # the form: a cell not to change
BORDE = "BFBFBF"
# Every pair a document draws, for the contrast test.
PARES: dict[str, tuple[str, str]] = {
    **{f"estado {k}": v for k, v in ESTADOS.items()},
    **{f"entrega {k}": v for k, v in ENTREGAS.items()},
    "encabezado": ENCABEZADO, "sección": SECCION, "subtítulo": SUBTITULO, "nota": NOTA, "aviso": AVISO,
    "aviso sin fondo": AVISO_SIN_FONDO, "propuesta": PROPUESTA, "total": TOTAL, "para llenar": PARA_LLENAR,
    "fijo": FIJO, "texto": (BLANCO, NEGRO),
}


def _luminancia(color: str) -> float:
    def canal(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * canal(r) + 0.7152 * canal(g) + 0.0722 * canal(b)


def contraste(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours «RRGGBB» (1 to 21)."""
    la, lb = sorted((_luminancia(a), _luminancia(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
