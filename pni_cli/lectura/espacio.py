"""The workspace on disk, loaded: the plan (plan/*.yaml) and the progress files (avances/), each validated against
the file contract and turned into the records the tool computes with. Every problem found is returned as data."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from pathlib import Path

from ..avance import ArchivoAvance
from ..checks import revisar_plan
from ..errores import PlanInvalido
from ..modelos import Avance, Catalogo, Eje, ObjetivosPMM, PlanGeneral, PrincipiosPMM, a_dominio
from ..plan import Plan
from ..problemas import Problema, Severidad, problema
from .archivos import ILEGIBLE, LIMITE, NoLegible
from .cargar_yaml import cargar_bytes, leer_archivo
from .documento import Documento
from .rutas import enlace_hacia_fuera, relativo, rutas_avances
from .traduccion_pydantic import a_modelo

# The problem codes this module owns
PLAN_ARCHIVO_FALTANTE = "PNI201"
EJE_ARCHIVO = "PNI208"
CODIGOS = frozenset({PLAN_ARCHIVO_FALTANTE, EJE_ARCHIVO})

RE_EJE = re.compile(r"^eje-([0-9])(-[a-z0-9-]+)?\.yaml$")


# What a loader may be handed instead of reading the disk: the file's bytes (read by the cache, or a blob read from
# git), or why it could not be read (a blob over PNI_MAX_BYTES)
Contenido = bytes | NoLegible


def _cargar(ruta: Path, raiz: Path, modelo: type, problemas: list[Problema],
            datos: Contenido | None = None) -> tuple[object | None, Documento]:
    nombre = relativo(ruta, raiz)
    if isinstance(datos, NoLegible):
        codigo = LIMITE if datos.demasiado_grande else ILEGIBLE
        motivo = datos.motivo if datos.demasiado_grande else f"no se puede leer el archivo: {datos.motivo}"
        doc = Documento(nombre, problemas=[problema(codigo, nombre, 0, 0, motivo)])
    elif datos is None and enlace_hacia_fuera(ruta, raiz):  # bytes handed over were read by a caller that checked
        doc = Documento(nombre, problemas=[problema(
            ILEGIBLE, nombre, 0, 0, "no se lee: es un enlace simbólico a un archivo fuera del espacio de trabajo; "
                                    "copie el archivo aquí en lugar de enlazarlo")])
    else:
        doc = leer_archivo(ruta, nombre) if datos is None else cargar_bytes(datos, nombre)
    problemas.extend(doc.problemas)
    obj, probs = a_modelo(doc, modelo)
    problemas.extend(probs)
    return obj, doc


def cargar_plan(raiz: Path, archivos: Mapping[str, Contenido] | None = None) -> tuple[Plan | None, list[Problema]]:
    """Load plan/*.yaml, from the disk or from `archivos` (name in plan/ → its content: the plan at a git commit,
    pni_cli/repositorio.py). Returns the plan (None when a required part is unusable) and every problem found while
    reading it (the plan checks of pni_cli/checks run afterwards)."""
    carpeta = raiz / "plan"
    problemas: list[Problema] = []
    documentos: dict[str, Documento] = {}

    def hay(nombre: str) -> bool:
        return nombre in archivos if archivos is not None else (carpeta / nombre).is_file()

    def datos(nombre: str) -> Contenido | None:
        return archivos[nombre] if archivos is not None else None

    def requerido(nombre: str) -> Path | None:
        ruta = carpeta / nombre
        if not hay(nombre):
            problemas.append(problema(PLAN_ARCHIVO_FALTANTE, f"plan/{nombre}", 0, 0,
                                      f"falta el archivo obligatorio plan/{nombre}"))
            return None
        return ruta

    general = catalogo = objetivos = principios = None
    if (r := requerido("plan.yaml")) is not None:
        general, documentos["plan.yaml"] = _cargar(r, raiz, PlanGeneral, problemas, datos("plan.yaml"))
    if (r := requerido("instituciones.yaml")) is not None:
        catalogo, documentos["instituciones.yaml"] = _cargar(r, raiz, Catalogo, problemas, datos("instituciones.yaml"))
    if hay("objetivos-pmm.yaml"):
        objetivos, documentos["objetivos-pmm.yaml"] = _cargar(carpeta / "objetivos-pmm.yaml", raiz, ObjetivosPMM,
                                                               problemas, datos("objetivos-pmm.yaml"))
    if hay("principios-pmm.yaml"):
        principios, documentos["principios-pmm.yaml"] = _cargar(carpeta / "principios-pmm.yaml", raiz,
                                                                 PrincipiosPMM, problemas, datos("principios-pmm.yaml"))
    ejes: list[Eje] = []
    archivos_eje: dict[str, str] = {}
    if archivos is not None:
        rutas = sorted(carpeta / n for n in archivos if fnmatch.fnmatchcase(n, "eje-*.yaml"))
    else:
        rutas = sorted(carpeta.glob("eje-*.yaml")) if carpeta.is_dir() else []
    if not rutas:
        problemas.append(problema(PLAN_ARCHIVO_FALTANTE, "plan", 0, 0,
                                  "no hay archivos de eje (plan/eje-N-nombre.yaml)"))
    ejes_ok = True
    for ruta in rutas:
        eje, doc = _cargar(ruta, raiz, Eje, problemas, datos(ruta.name))
        documentos[ruta.name] = doc
        if not isinstance(eje, Eje):
            ejes_ok = False
            continue
        m = RE_EJE.match(ruta.name)
        if not m or m.group(1) != eje.id:
            linea, col = doc.donde(("id",))
            problemas.append(problema(EJE_ARCHIVO, doc.archivo, linea, col,
                                      f"el archivo se llama {ruta.name} pero contiene el eje «{eje.id}»; "
                                      f"renómbrelo a eje-{eje.id}-….yaml"))
        ejes.append(eje)
        archivos_eje[eje.id] = doc.archivo
    if not isinstance(general, PlanGeneral) or not isinstance(catalogo, Catalogo) or not ejes_ok:
        return None, problemas
    instituciones = {i.clave: a_dominio(i) for i in catalogo.instituciones}
    plan = Plan(a_dominio(general), instituciones,
                a_dominio(objetivos) if isinstance(objetivos, ObjetivosPMM) else None,
                [a_dominio(e) for e in sorted(ejes, key=lambda e: e.id)], archivos_eje, documentos,
                a_dominio(principios) if isinstance(principios, PrincipiosPMM) else None)
    return plan, problemas


def errores_del_plan(plan: Plan | None, problemas: list[Problema]) -> list[Problema]:
    """The errors that make a plan unusable: those found while reading it and those of the plan checks."""
    todos = [*problemas, *(revisar_plan(plan) if plan is not None else [])]
    return [p for p in todos if p.severidad is Severidad.ERROR]


def cargar_plan_o_fallar(raiz: Path, archivos: Mapping[str, Contenido] | None = None) -> Plan:
    """The plan (from the disk, or from `archivos` as `cargar_plan` takes them), or `PlanInvalido` when it has any
    error (of reading or of the plan checks): nothing can be computed from a plan with errors."""
    plan, problemas = cargar_plan(raiz) if archivos is None else cargar_plan(raiz, archivos)
    errores = errores_del_plan(plan, problemas)
    if plan is None or errores:
        primero = errores[0] if errores else None
        donde = (f" (el primero: {primero.archivo}:{primero.linea}:{primero.columna}: {primero.mensaje})"
                 if primero else "")
        n = len(errores)
        raise PlanInvalido(f"el plan tiene {n} error{'es' if n != 1 else ''}{donde}; ejecute «pni validar» para "
                           "verlos todos")
    return plan


def cargar_avance(ruta: Path, raiz: Path, datos: Contenido | None = None, *, conservar: bool = True) -> ArchivoAvance:
    """One progress file, read from disk or from `datos` (its bytes, already read by the cache or from git; or why
    they could not be read), with the problems found while reading it. `conservar=False`: the caller drops it once
    checked (`pni validar`), so its document is not compressed for later."""
    problemas: list[Problema] = []
    avance, doc = _cargar(ruta, raiz, Avance, problemas, datos)
    if isinstance(avance, Avance) and conservar:
        doc.aligerar()  # the record holds the data now; the document keeps only what locates a problem
    return ArchivoAvance(doc.archivo, doc, a_dominio(avance) if isinstance(avance, Avance) else None, problemas)


def cargar_avances(raiz: Path, rutas: list[Path] | None = None) -> list[ArchivoAvance]:
    return [cargar_avance(ruta, raiz) for ruta in (rutas if rutas is not None else rutas_avances(raiz))]
