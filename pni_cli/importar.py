"""`pni importar`: a filled Excel form → avances/<periodo>/<institucion>.yaml, after the same schema and checks as
`pni validar`; nothing is written when the form has errors, and nothing anywhere but that path."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .checks import Contexto, revisar_avance
from .errores import ErrorDeEscritura, motivo_del_sistema
from .formulario import HOJA
from .lectura.archivos import LIMITE, limite
from .lectura.documento import Documento
from .lectura.espacio import cargar_plan_o_fallar
from .lectura.formulario_excel import Lectura, celda, leer
from .lectura.rutas import relativo
from .opciones import fecha_de_corte, raiz_del_espacio
from .periodos import Semestre
from .plan import Plan
from .problemas import Problema, Resultado, problema
from .texto_seguro import una_linea


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
    """avances/<periodo>/<institucion>.yaml, and nowhere else whatever the workbook says: never through a symbolic
    link, neither the file nor avances/ nor its semester folder (git stores links, so a pull request can plant one
    that points at another institution's file or out of the workspace). The folder of the semester is created if
    it is missing; anything in the way is an `ErrorDeEscritura` (exit code 3) that says what."""
    Semestre.leer(avance.periodo)  # the schema already enforces AAAA-SN; never a path
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", avance.institucion):  # the schema's too: never a path
        raise ErrorDeEscritura(f"la clave «{una_linea(avance.institucion)}» no puede ser un nombre de archivo")
    carpeta = raiz / "avances"
    semestre = carpeta / avance.periodo
    for parte in (carpeta, semestre):
        nombre = relativo(parte, raiz)
        try:
            modo = os.lstat(parte).st_mode
        except FileNotFoundError:
            continue
        except OSError as e:
            raise ErrorDeEscritura(f"no se puede escribir en {nombre}: {motivo_del_sistema(e)}") from None
        if stat.S_ISLNK(modo):
            raise ErrorDeEscritura(f"{nombre} es un enlace simbólico: pni importar no escribe a través de enlaces "
                                   "(podría terminar en otro archivo o fuera del espacio de trabajo); reemplace el "
                                   "enlace por una carpeta")
        if not stat.S_ISDIR(modo):
            raise ErrorDeEscritura(f"{nombre} existe y no es una carpeta")
    try:
        semestre.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ErrorDeEscritura(f"no se pudo crear la carpeta {relativo(semestre, raiz)}: "
                               f"{motivo_del_sistema(e)}") from None
    return semestre / f"{avance.institucion}.yaml"


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
    contenido = yaml_avance(avance, archivo.name).encode("utf-8")
    maximo = limite("PNI_MAX_BYTES")
    if len(contenido) > maximo:  # pni validar would refuse the file it writes
        res.problemas.append(problema(LIMITE, nombre, 0, 0, f"el archivo de avance importado pesaría "
                                                            f"{len(contenido):,} bytes y el máximo es {maximo:,}: "
                                                            "acorte observaciones o evidencias, o suba el límite "
                                                            "con la variable de entorno PNI_MAX_BYTES"))
        sys.stderr.write(texto(res, color_en(sys.stderr)))
        sys.stderr.write("pni: no se importó nada; corrija el formulario y vuelva a intentarlo\n")
        return 1
    ruta = destino(carpeta, avance)
    escribir_atomico(ruta, contenido, forzar)
    if problemas:
        sys.stderr.write(texto(res, color_en(sys.stderr)))
    sys.stderr.write(f"Importado: {len(avance.reportes)} reporte(s) en {relativo(ruta, carpeta)}\n")
    return 0
