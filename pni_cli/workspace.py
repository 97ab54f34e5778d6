"""The workspace on disk: find it, load the plan and the progress files. The only module that reads files."""

from __future__ import annotations

import re
from pathlib import Path

from .espacio import ArchivoAvance, Plan, SinEspacioDeTrabajo, buscar_raiz, enlace_hacia_fuera, relativo, rutas_avances
from .esquema import validar
from .models import (
    Avance,
    Catalogo,
    Eje,
    ObjetivosPMM,
    PlanGeneral,
)
from .problems import Problema, problema
from .yamlio import Documento, cargar_bytes, leer_archivo

__all__ = ["ArchivoAvance", "Plan", "SinEspacioDeTrabajo", "buscar_raiz", "cargar_avance", "cargar_avances",
           "cargar_plan", "relativo", "rutas_avances"]

RE_EJE = re.compile(r"^eje-(\d)(-[a-z0-9-]+)?\.yaml$")


def _cargar(ruta: Path, raiz: Path, modelo: type, problemas: list[Problema],
            datos: bytes | None = None) -> tuple[object | None, Documento]:
    nombre = relativo(ruta, raiz)
    if enlace_hacia_fuera(ruta, raiz):
        doc = Documento(nombre, problemas=[problema(
            "PNI012", nombre, 0, 0, "no se lee: es un enlace simbólico a un archivo fuera del espacio de trabajo; "
                                    "copie el archivo aquí en lugar de enlazarlo")])
    else:
        doc = leer_archivo(ruta, nombre) if datos is None else cargar_bytes(datos, nombre)
    problemas.extend(doc.problemas)
    obj, probs = validar(doc, modelo)
    problemas.extend(probs)
    return obj, doc


def cargar_plan(raiz: Path) -> tuple[Plan | None, list[Problema]]:
    """Load plan/*.yaml. Returns the plan (None when a required part is unusable) and every problem found."""
    carpeta = raiz / "plan"
    problemas: list[Problema] = []
    documentos: dict[str, Documento] = {}

    def requerido(nombre: str) -> Path | None:
        ruta = carpeta / nombre
        if not ruta.is_file():
            problemas.append(problema("PNI201", f"plan/{nombre}", 0, 0, f"falta el archivo obligatorio plan/{nombre}"))
            return None
        return ruta

    general = catalogo = objetivos = None
    if (r := requerido("plan.yaml")) is not None:
        general, documentos["plan.yaml"] = _cargar(r, raiz, PlanGeneral, problemas)
    if (r := requerido("instituciones.yaml")) is not None:
        catalogo, documentos["instituciones.yaml"] = _cargar(r, raiz, Catalogo, problemas)
    if (carpeta / "objetivos-pmm.yaml").is_file():
        objetivos, documentos["objetivos-pmm.yaml"] = _cargar(carpeta / "objetivos-pmm.yaml", raiz, ObjetivosPMM,
                                                               problemas)
    ejes: list[Eje] = []
    archivos_eje: dict[str, str] = {}
    rutas = sorted(carpeta.glob("eje-*.yaml")) if carpeta.is_dir() else []
    if not rutas:
        problemas.append(problema("PNI201", "plan", 0, 0, "no hay archivos de eje (plan/eje-N-nombre.yaml)"))
    ejes_ok = True
    for ruta in rutas:
        eje, doc = _cargar(ruta, raiz, Eje, problemas)
        documentos[ruta.name] = doc
        if not isinstance(eje, Eje):
            ejes_ok = False
            continue
        m = RE_EJE.match(ruta.name)
        if not m or m.group(1) != eje.id:
            linea, col = doc.donde(("id",))
            problemas.append(problema("PNI208", doc.archivo, linea, col,
                                      f"el archivo se llama {ruta.name} pero contiene el eje «{eje.id}»; "
                                      f"renómbrelo a eje-{eje.id}-….yaml"))
        ejes.append(eje)
        archivos_eje[eje.id] = doc.archivo
    if not isinstance(general, PlanGeneral) or not isinstance(catalogo, Catalogo) or not ejes_ok:
        return None, problemas
    instituciones = {i.clave: i for i in catalogo.instituciones}
    plan = Plan(general, instituciones, objetivos if isinstance(objetivos, ObjetivosPMM) else None,
                sorted(ejes, key=lambda e: e.id), archivos_eje, documentos)
    return plan, problemas


def cargar_avance(ruta: Path, raiz: Path, datos: bytes | None = None) -> tuple[ArchivoAvance, list[Problema]]:
    """One progress file, read from disk or from `datos` (its bytes, already read by the cache)."""
    problemas: list[Problema] = []
    avance, doc = _cargar(ruta, raiz, Avance, problemas, datos)
    if isinstance(avance, Avance) and hasattr(doc, "aligerar"):
        doc.aligerar()  # the model holds the data now; the document keeps only what locates a problem
    return ArchivoAvance(doc.archivo, doc, avance if isinstance(avance, Avance) else None), problemas


def cargar_avances(raiz: Path, rutas: list[Path] | None = None) -> tuple[list[ArchivoAvance], list[Problema]]:
    archivos: list[ArchivoAvance] = []
    problemas: list[Problema] = []
    for ruta in rutas if rutas is not None else rutas_avances(raiz):
        archivo, probs = cargar_avance(ruta, raiz)
        archivos.append(archivo)
        problemas.extend(probs)
    return archivos, problemas
