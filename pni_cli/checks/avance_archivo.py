"""Each progress file in its place: a known institution, and a folder and name that match its contents
(avances/<periodo>/<institucion>.yaml), one file per institution and period."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..problems import Problema
from ..workspace import ArchivoAvance, Plan
from .plan_referencias import sugerir


def revisar(plan: Plan | None, archivos: list[ArchivoAvance],
            vistos: dict[tuple[str, str], str] | None = None) -> Iterator[Problema]:
    """`vistos` ((institución, periodo) → first file) carries the duplicate check across calls when the files are
    checked one at a time (pni_cli/validacion.py)."""
    if vistos is None:
        vistos = {}
    for a in archivos:
        av = a.avance
        if av is None:
            continue
        doc = a.documento
        assert doc is not None  # pni validar never reads from the cache
        ruta = PurePosixPath(a.ruta)
        clave = av.institucion
        if plan is not None and clave not in plan.instituciones:
            resuelta = plan.resolver_institucion(clave)
            pista = (f"; «{clave}» es una variante de la fuente: use la clave «{resuelta}»" if resuelta
                     else sugerir(clave, list(plan.instituciones)))
            yield doc.problema("PNI302", ("institucion",),
                               f"la institución «{clave}» no está en plan/instituciones.yaml{pista}")
        if ruta.stem != clave:
            yield doc.problema("PNI303", ("institucion",),
                               f"el archivo se llama «{ruta.name}» pero reporta a «{clave}»; llámelo «{clave}.yaml» "
                               "o corrija el campo institucion")
        if len(ruta.parts) >= 3 and ruta.parts[0] == "avances" and ruta.parts[1] != av.periodo:
            yield doc.problema("PNI303", ("periodo",),
                               f"el archivo está en la carpeta «{ruta.parts[1]}» pero reporta el periodo "
                               f"«{av.periodo}»; "
                               f"muévalo a avances/{av.periodo}/ o corrija el campo periodo")
        elif len(ruta.parts) != 3 and ruta.parts[0] == "avances":
            # avances/MTPS.yaml or avances/2025-S1/viejos/MTPS.yaml: not where a report of that period is looked for
            donde = "directamente en avances/" if len(ruta.parts) == 2 else f"en la subcarpeta {ruta.parent}/"
            yield doc.problema("PNI303", ("periodo",),
                               f"el archivo está {donde}; cada informe va en la carpeta de su periodo: "
                               f"muévalo a avances/{av.periodo}/{ruta.name}")
        llave = (clave, av.periodo)
        if llave in vistos:
            yield doc.problema("PNI315", ("institucion",),
                               f"{vistos[llave]} ya contiene el informe de {clave} para {av.periodo}; "
                               "una institución entrega un solo archivo por semestre")
        else:
            vistos[llave] = a.ruta
