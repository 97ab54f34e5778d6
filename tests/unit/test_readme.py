"""The README tells the truth: its tables of problem codes and of the source's inconsistencies match the code
and the data."""

from __future__ import annotations

import re

import pytest

from pni_cli.lectura.espacio import cargar_plan
from pni_cli.problemas import TIPOS
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_empieza_con_las_dos_ordenes() -> None:
    primeras = README.split("```")[1]
    assert "uv run pni estado" in primeras
    assert "uv run pytest" in primeras


@pytest.mark.parametrize("codigo", sorted(TIPOS))
def test_cada_codigo_esta_en_la_tabla(codigo: str) -> None:
    t = TIPOS[codigo]
    assert f"| {codigo} | `{t.nombre}` | {t.severidad.value} |" in README


def _notas() -> list[tuple[str, str]]:
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    out = []
    for eje in plan.ejes:
        out += [(f"Eje {eje.id}", n.codigo) for n in eje.inconsistencias]
        for itv in eje.intervenciones:
            out += [(itv.id, n.codigo) for n in itv.inconsistencias]
            for act in itv.actividades:
                out += [(act.id, n.codigo) for n in act.inconsistencias]
                for ind in act.indicadores:
                    out += [(ind.id, n.codigo) for n in ind.inconsistencias]
    for p in plan.principios.principios if plan.principios else ():
        out += [(p.id, n.codigo) for n in p.inconsistencias]
    return out


def test_hay_inconsistencias_registradas() -> None:
    assert len(_notas()) > 40


@pytest.mark.parametrize(("donde", "codigo"), _notas())
def test_cada_inconsistencia_esta_en_el_readme(donde: str, codigo: str) -> None:
    assert f"| {donde} | `{codigo}` |" in README


def test_ci_corre_la_orden_de_pruebas_del_readme() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "uv run pytest" in ci
    assert "uv run pni validar" in ci


def _mapa_de_modulos() -> str:
    seccion = README.split("### Para desarrolladores", 1)[1]
    return seccion.split("```", 2)[1]


def test_el_mapa_de_modulos_nombra_cada_modulo_y_solo_los_que_existen() -> None:
    """The map of «Para desarrolladores» names every module and package of pni_cli/, and nothing that is gone."""
    mapa = _mapa_de_modulos()
    paquete = REPO / "pni_cli"
    nombrados = set(re.findall(r"[a-z_]+\.py|[a-z_]+/", mapa))
    inexistentes = sorted(n for n in nombrados if not any(paquete.rglob(n.rstrip("/"))))
    assert inexistentes == [], f"el mapa nombra módulos que no existen: {inexistentes}"
    propios = {p.name for p in paquete.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    propios |= {f"{p.name}/" for p in paquete.iterdir() if (p / "__init__.py").is_file()}
    propios |= {p.name for p in (paquete / "lectura").glob("*.py") if p.name != "__init__.py"}
    assert sorted(propios - nombrados) == [], "módulos que el mapa del README no nombra"
