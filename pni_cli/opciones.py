"""The options every command shares, read and checked: the workspace (--raiz), the cut-off date (--corte, --periodo),
the options that name something of the plan (--periodo, --institucion, --eje) and --formato. A wrong value is a
usage error (`ErrorDeUso`, exit code 2) that says what is expected."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from .errores import ErrorDeUso
from .periodos import Semestre
from .plan import Plan

_RE_FECHA = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def raiz_del_espacio(raiz: Path | None) -> Path:
    """--raiz, checked; or the workspace found walking up from the current folder."""
    from .lectura.rutas import SinEspacioDeTrabajo, buscar_raiz

    if raiz is not None:
        if not (raiz / "plan" / "plan.yaml").is_file():
            raise ErrorDeUso(f"--raiz {raiz}: no contiene plan/plan.yaml")
        return raiz
    try:
        return buscar_raiz(Path.cwd())
    except SinEspacioDeTrabajo as e:
        raise ErrorDeUso(str(e)) from None


def fecha_de_corte(texto: str | None, opcion: str = "--corte") -> dt.date:
    """A date written AAAA-MM-DD (ASCII digits only), or today when the option was not given."""
    if texto is None:
        return dt.date.today()
    t = texto.strip()
    try:
        if not _RE_FECHA.fullmatch(t):
            raise ValueError
        return dt.date.fromisoformat(t)
    except ValueError:
        from .lectura.escalares import pista_cifras

        raise ErrorDeUso(f"{opcion} «{texto}»: no es una fecha válida; use AAAA-MM-DD, p. ej. 2026-07-31"
                         f"{pista_cifras(t)}") from None


def formato_elegido(formato: str, formatos: Sequence[str]) -> str:
    """`--formato`, one of the command's `formatos`, or a usage error that lists them."""
    if formato not in formatos:
        lista = ", ".join(formatos[:-1]) + f" o {formatos[-1]}" if len(formatos) > 1 else formatos[0]
        raise ErrorDeUso(f"--formato «{formato}» no existe; use {lista}")
    return formato


def corte_y_periodo(corte: str | None, periodo: str | None) -> tuple[str | None, str | None]:
    """--corte and --periodo both fix the cut-off date: only one of them may be given."""
    if corte is not None and periodo is not None:
        raise ErrorDeUso("use --corte o --periodo, no los dos")
    return corte, periodo


def semestre_del_plan(plan: Plan, periodo: str) -> Semestre:
    """`--periodo` as a semester of the plan, or a usage error that says what is expected."""
    try:
        sem = Semestre.leer(periodo.strip().upper())
    except ValueError:
        from .lectura.escalares import pista_cifras

        raise ErrorDeUso(f"--periodo «{periodo}»: use AAAA-S1 o AAAA-S2, p. ej. 2026-S1"
                         f"{pista_cifras(periodo.strip())}") from None
    if not plan.primer_semestre <= sem <= plan.ultimo_semestre:
        raise ErrorDeUso(f"--periodo {sem}: el plan va de {plan.primer_semestre} a {plan.ultimo_semestre}")
    return sem


def dia_siguiente_al_plazo(plan: Plan, periodo: str) -> dt.date:
    """`--periodo P` as a cut-off date: the day after P's last day to deliver, so that every report of P is due
    and a missing one shows as missing."""
    sem = semestre_del_plan(plan, periodo)
    return sem.vencimiento(plan.general.plazo_dias) + dt.timedelta(days=1)


def institucion_del_plan(plan: Plan, nombre: str) -> str:
    """`--institucion` as a clave of the catalogue (source variants such as MPTS resolve), or a usage error."""
    clave = plan.resolver_institucion(nombre.strip())
    if clave is None:
        from .checks.plan_referencias import sugerir

        raise ErrorDeUso(f"--institucion «{nombre}» no está en plan/instituciones.yaml"
                         f"{sugerir(nombre.strip().upper(), list(plan.instituciones))}")
    return clave


def eje_del_plan(plan: Plan, eje: str) -> str:
    """`--eje` as the id of an eje of the plan, or a usage error listing them."""
    if eje not in {e.id for e in plan.ejes}:
        raise ErrorDeUso(f"--eje «{eje}» no existe; los ejes son {', '.join(e.id for e in plan.ejes)}")
    return eje
