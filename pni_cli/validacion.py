"""`pni validar`: load the plan and the progress files, run every check, gather every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import avance_archivo, avance_fechas, avance_reportes, plan_ids, plan_periodos, plan_referencias
from .problems import Problema, Severidad, ordenar
from .workspace import ArchivoAvance, Plan, cargar_avance, cargar_plan, rutas_avances


@dataclass
class Resultado:
    archivos: list[str] = field(default_factory=list)
    problemas: list[Problema] = field(default_factory=list)

    @property
    def errores(self) -> int:
        return sum(p.severidad is Severidad.ERROR for p in self.problemas)

    @property
    def avisos(self) -> int:
        return sum(p.severidad is Severidad.AVISO for p in self.problemas)

    def falla(self, estricto: bool) -> bool:
        return self.errores > 0 or (estricto and self.avisos > 0)


def revisar_plan(plan: Plan) -> list[Problema]:
    return [*plan_ids.revisar(plan), *plan_referencias.revisar(plan), *plan_periodos.revisar(plan)]


def revisar_avances(plan: Plan | None, archivos: list[ArchivoAvance], corte: dt.date,
                    vistos: dict[tuple[str, str], str] | None = None) -> list[Problema]:
    problemas = [*avance_archivo.revisar(plan, archivos, vistos), *avance_fechas.revisar(plan, archivos, corte)]
    if plan is not None:
        problemas.extend(avance_reportes.revisar(plan, archivos))
    return problemas


def _precisar_indicadores(plan: Plan, archivos: list[ArchivoAvance], problemas: list[Problema]) -> list[Problema]:
    """An indicador that fails the schema's format (an activity id «1.4.2», «1.4.2.A») gets the plan's hint."""
    pistas: dict[tuple[str, int, int], str] = {}
    for a in archivos:
        if a.avance is not None:
            continue  # a valid file's document no longer keeps its data (workspace.cargar_avance)
        assert a.documento is not None  # pni validar never reads from the cache
        datos = a.documento.datos
        if not isinstance(datos, dict) or not isinstance(datos.get("reportes"), list):
            continue
        for i, rep in enumerate(datos["reportes"]):
            if isinstance(rep, dict) and isinstance(rep.get("indicador"), str):
                pista = avance_reportes.sugerir_indicador(plan, rep["indicador"].strip())
                if pista:
                    pistas[(a.documento.archivo, *a.documento.donde(("reportes", i, "indicador")))] = pista
    return [replace(p, mensaje=p.mensaje + pistas[(p.archivo, p.linea, p.columna)])
            if p.codigo == "PNI104" and (p.archivo, p.linea, p.columna) in pistas else p for p in problemas]


def expandir(rutas: list[Path]) -> list[Path]:
    """Files named on the command line; folders are searched for *.yaml / *.yml."""
    out: list[Path] = []
    for r in rutas:
        if r.is_dir():
            out.extend(sorted(p for p in r.rglob("*") if p.is_file() and p.suffix.lower() in (".yaml", ".yml")))
        else:
            out.append(r)
    return out


def validar(raiz: Path, rutas: list[Path] | None, corte: dt.date) -> Resultado:
    """Check the plan and the progress files (all of them, or only `rutas` that are not plan files)."""
    plan, problemas = cargar_plan(raiz)
    res = Resultado()
    res.archivos.extend(sorted({p.archivo for p in problemas}
                               | {f"plan/{n}" for n in (plan.documentos if plan else {})}))
    if plan is not None:
        problemas.extend(revisar_plan(plan))
    if rutas:
        carpeta_plan = (raiz / "plan").resolve()
        expandidas = expandir(rutas)
        elegidas = [r for r in expandidas if r.resolve().parent != carpeta_plan]
        if len(elegidas) < len(expandidas) or any(r.resolve() == carpeta_plan for r in rutas):
            # a plan file is named (a commit that changes the plan, in the pre-commit hook): every progress file
            # is read against the plan, so all of them are checked again
            vistas = {r.resolve() for r in elegidas}
            elegidas += [r for r in rutas_avances(raiz) if r.resolve() not in vistas]
    else:
        elegidas = rutas_avances(raiz)
    # One file at a time: what a file holds is dropped once it is checked, so that memory does not grow with
    # the files already checked; only the duplicate check (PNI315) carries something from file to file.
    vistos: dict[tuple[str, str], str] = {}
    for ruta in elegidas:
        archivo, probs = cargar_avance(ruta, raiz)
        problemas.extend(_precisar_indicadores(plan, [archivo], probs) if plan is not None else probs)
        problemas.extend(revisar_avances(plan, [archivo], corte, vistos))
        res.archivos.append(archivo.ruta)
    res.problemas = ordenar(problemas)
    return res
