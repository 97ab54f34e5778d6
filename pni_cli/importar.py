"""`pni importar`: a filled Excel form → avances/<periodo>/<institucion>.yaml, after the same schema and checks as
`pni validar`; nothing is written when the form has errors, and nothing anywhere but that path."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .checks import Contexto, revisar_avance
from .formulario import HOJA
from .lectura.documento import Documento
from .lectura.espacio import cargar_plan_o_fallar
from .lectura.formulario_excel import Lectura, celda, leer
from .opciones import fecha_de_corte, raiz_del_espacio
from .periodos import Semestre
from .plan import Plan
from .problemas import Problema, Resultado


def revisar_formulario(plan: Plan, lec: Lectura, nombre: str, corte: dt.date) -> tuple[Avance | None,
                                                                                        list[Problema]]:
    """Schema and cross-file checks on what was read; problems point at cells («Hoja Avances, celda F9»). A cell
    whose reading already failed (a formula without a value) is not reported twice."""
    from .lectura.traduccion_pydantic import a_modelo
    from .modelos import Avance as ModeloAvance
    from .modelos import a_dominio

    doc = Documento(nombre, lec.datos, posiciones=lec.posiciones)
    modelo, problemas = a_modelo(doc, ModeloAvance)
    avance: Avance | None = None if modelo is None else a_dominio(modelo)
    if avance is not None:
        destino_ = f"avances/{avance.periodo}/{avance.institucion}.yaml"
        problemas += revisar_avance(ArchivoAvance(destino_, doc, avance), Contexto(plan, corte))
    nuevos = [p for p in problemas if (p.linea, p.columna) not in lec.celdas_con_problema]
    return avance, [_con_celda(p) for p in nuevos]


def _con_celda(p: Problema) -> Problema:
    if p.linea:
        return Problema(p.codigo, p.archivo, 0, 0, f"Hoja {HOJA}, celda {celda(p.linea, p.columna)}: {p.mensaje}",
                        p.severidad)
    return p


def destino(raiz: Path, avance: Avance) -> Path:
    """avances/<periodo>/<institucion>.yaml, and nowhere else whatever the workbook says."""
    Semestre.leer(avance.periodo)  # the schema already enforces AAAA-SN; never a path
    carpeta = (raiz / "avances").resolve()
    ruta = (carpeta / avance.periodo / f"{avance.institucion}.yaml").resolve()
    if carpeta not in ruta.parents:
        raise ValueError(f"destino fuera de avances/: {ruta}")
    return ruta


def ejecutar(*, archivo: Path, forzar: bool, corte: str | None, raiz: Path | None) -> int:
    from .render.avance_yaml import yaml_avance
    from .render.validacion import texto
    from .salida import escribir_atomico
    from .terminal import color_en

    carpeta = raiz_del_espacio(raiz)
    plan = cargar_plan_o_fallar(carpeta)
    nombre = str(archivo)
    lec = leer(archivo, nombre)
    problemas = list(lec.problemas)
    avance = None
    if lec.datos is not None:
        avance, probs = revisar_formulario(plan, lec, nombre, fecha_de_corte(corte))
        problemas += probs
    res = Resultado([nombre], problemas)
    # importar's output is the file it writes: what it found wrong is diagnostics, on standard error
    if res.errores or avance is None:
        sys.stderr.write(texto(res, color_en(sys.stderr)))
        sys.stderr.write("pni: no se importó nada; corrija el formulario y vuelva a intentarlo\n")
        return 1
    ruta = destino(carpeta, avance)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    escribir_atomico(ruta, yaml_avance(avance, archivo.name).encode("utf-8"), forzar)
    if problemas:
        sys.stderr.write(texto(res, color_en(sys.stderr)))
    sys.stderr.write(f"Importado: {len(avance.reportes)} reporte(s) en {ruta.relative_to(carpeta.resolve())}\n")
    return 0
