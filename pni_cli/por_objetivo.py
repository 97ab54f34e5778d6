"""The plan by GCM objective in the commands that show the semáforo: `pni estado --por-objetivo`,
`pni estado --objetivo N` and `pni reporte --por-objetivo` (estado.py and reporte.py hand these options here). The
content is pni_cli/objetivos.py's; the views are render/objetivos_terminal.py, objetivos_md.py, objetivos_xlsx.py
and objetivos_html.py."""

from __future__ import annotations

import sys
from pathlib import Path

from .errores import ErrorDeUso
from .evaluacion import evaluar_espacio
from .objetivos import PorObjetivo, construir, id_de_objetivo
from .plan import Plan


def numero_de_objetivo(plan: Plan, texto: str) -> int:
    """`--objetivo` as an objective of plan/objetivos-pmm.yaml («21» or «O21»), or a usage error."""
    t = texto.strip()
    n = int(t) if t.isascii() and t.isdigit() else id_de_objetivo(t)
    ids = [o.id for o in plan.objetivos.objetivos] if plan.objetivos is not None else []
    if n is None or n not in ids:
        rango = f"{min(ids)} a {max(ids)}" if ids else "ninguno: falta plan/objetivos-pmm.yaml"
        raise ErrorDeUso(f"--objetivo «{texto}» no es un objetivo del Pacto Mundial; los objetivos van de {rango}")
    return n


def estado(raiz: Path, *, corte: str | None, periodo: str | None, eje: str | None, institucion: str | None,
           objetivo: str | None, formato: str) -> int:
    if formato != "tabla":
        raise ErrorDeUso("--objetivo y --por-objetivo se muestran como tabla; para el documento por objetivo use "
                         "«pni reporte --por-objetivo» (Markdown, Excel o HTML)")
    ev = evaluar_espacio(raiz, corte=corte, periodo=periodo, eje=eje, institucion=institucion)
    n = numero_de_objetivo(ev.plan, objetivo) if objetivo is not None else None
    vista = construir(ev.situacion, ev.plan, [])
    from .render.objetivos_terminal import texto_objetivo, texto_por_objetivo
    from .terminal import ancho, color_en

    if n is None:
        sys.stdout.write(texto_por_objetivo(vista, ev.situacion, ev.plan, color=color_en(sys.stdout),
                                            ancho=ancho()))
    else:
        sys.stdout.write(texto_objetivo(vista, n, ev.situacion, ev.plan, color=color_en(sys.stdout), ancho=ancho()))
    return 0


def contenido(raiz: Path, *, corte: str | None, periodo: str | None, eje: str | None) -> PorObjetivo:
    """The content of `pni reporte --por-objetivo`, with the breakdowns and the narrative of the files that
    count."""
    from .repositorio import version_del_plan

    ev = evaluar_espacio(raiz, corte=corte, periodo=periodo, eje=eje, institucion=None)
    return construir(ev.situacion, ev.plan, ev.avances_contados(), version_del_plan(raiz))


def reporte(raiz: Path, *, formato: str, salida: Path | None, corte: str | None, periodo: str | None,
            eje: str | None, forzar: bool) -> int:
    """`pni reporte --por-objetivo`: the checks on --formato and --salida are reporte.py's, done before."""
    from .salida import entregar

    vista = contenido(raiz, corte=corte, periodo=periodo, eje=eje)
    if formato == "md":
        from .render.objetivos_md import documento

        entregar(documento(vista), salida, forzar, "Documento por objetivo escrito en")
    elif formato == "html":
        from .render.objetivos_html import documento as html

        entregar(html(vista, raiz), salida, forzar, "Documento por objetivo escrito en")
    else:
        from .render.objetivos_xlsx import libro

        entregar(libro(vista), salida, forzar, "Documento por objetivo escrito en")
    return 0
