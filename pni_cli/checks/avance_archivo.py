"""Each progress file in its place: a known institution (a variant of the source, such as MPTS, is refused with the
clave to write), a folder and a name that match its contents (avances/<periodo>/<institucion>.yaml), and one file
per institution and semester: when two files report the same institution and semester, both get PNI315 and
neither counts until one is removed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..problemas import Problema, problema
from .plan_referencias import sugerir

if TYPE_CHECKING:
    from ..avance import ArchivoAvance
    from . import Contexto

INSTITUCION_DESCONOCIDA = "PNI302"
ARCHIVO_UBICACION = "PNI303"
ARCHIVO_DUPLICADO = "PNI315"
CODIGOS = frozenset({INSTITUCION_DESCONOCIDA, ARCHIVO_UBICACION, ARCHIVO_DUPLICADO})


def clave_de(archivo: ArchivoAvance, ctx: Contexto) -> str:
    """The institution a file reports for: its clave, or the clave a source variant (MPTS) stands for."""
    assert archivo.avance is not None
    clave = archivo.avance.institucion
    if ctx.plan is not None and clave not in ctx.plan.instituciones:
        return ctx.plan.resolver_institucion(clave) or clave
    return clave


def revisar(archivo: ArchivoAvance, ctx: Contexto) -> Iterator[Problema]:
    av = archivo.avance
    assert av is not None
    plan = ctx.plan
    ruta = PurePosixPath(archivo.ruta)
    clave = av.institucion
    if plan is not None and clave not in plan.instituciones:
        resuelta = plan.resolver_institucion(clave)
        pista = (f"; «{clave}» es una variante de la fuente: use la clave «{resuelta}»" if resuelta
                 else sugerir(clave, list(plan.instituciones)))
        yield archivo.problema(INSTITUCION_DESCONOCIDA, ("institucion",),
                               f"la institución «{clave}» no está en plan/instituciones.yaml{pista}")
    if ruta.stem != clave:
        yield archivo.problema(ARCHIVO_UBICACION, ("institucion",),
                               f"el archivo se llama «{ruta.name}» pero reporta a «{clave}»; llámelo «{clave}.yaml» "
                               "o corrija el campo institucion")
    if len(ruta.parts) >= 3 and ruta.parts[0] == "avances" and ruta.parts[1] != av.periodo:
        yield archivo.problema(ARCHIVO_UBICACION, ("periodo",),
                               f"el archivo está en la carpeta «{ruta.parts[1]}» pero reporta el periodo "
                               f"«{av.periodo}»; muévalo a avances/{av.periodo}/ o corrija el campo periodo")
    elif len(ruta.parts) != 3 and ruta.parts[0] == "avances":
        # avances/MTPS.yaml or avances/2025-S1/viejos/MTPS.yaml: not where a report of that period is looked for
        donde = "directamente en avances/" if len(ruta.parts) == 2 else f"en la subcarpeta {ruta.parent}/"
        yield archivo.problema(ARCHIVO_UBICACION, ("periodo",),
                               f"el archivo está {donde}; cada informe va en la carpeta de su periodo: "
                               f"muévalo a avances/{av.periodo}/{ruta.name}")
    llave = (clave_de(archivo, ctx), av.periodo)
    previos = ctx.vistos.setdefault(llave, [])
    if previos:
        yield archivo.problema(ARCHIVO_DUPLICADO, ("institucion",), _duplicado(previos[0][0], "ya", llave))
    lugar = archivo.documento.donde_en_la_raiz("institucion") if archivo.documento is not None else (0, 0)
    previos.append((archivo.ruta, *lugar))


def _duplicado(otro: str, como: str, llave: tuple[str, str]) -> str:
    clave, periodo = llave
    return (f"{otro} {como} contiene el informe de {clave} para {periodo}; una institución entrega un solo "
            "archivo por semestre: no se cuenta ninguno hasta que quede uno solo")


def primeros_duplicados(ctx: Contexto) -> Iterator[Problema]:
    """PNI315 for the first file of each (institution, semester) seen more than once."""
    for llave, archivos in ctx.vistos.items():
        if len(archivos) > 1:
            ruta, linea, columna = archivos[0]
            yield problema(ARCHIVO_DUPLICADO, ruta, linea, columna, _duplicado(archivos[1][0], "también", llave))
