"""The alignment of the plan with the Global Compact for Migration: the data in plan/eje-*.yaml (every activity
linked, every proposed link with the activity's own words), the objectives derived from it (pni_cli/objetivos.py)
and the content by objective at a cut-off date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from pni_cli.avance import Avance, NarrativaActividad, Reporte
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.objetivos import construir, contribuciones, id_de_objetivo, id_de_principio, sin_objetivo
from pni_cli.periodos import Semestre
from pni_cli.plan import Actividad, Plan
from pni_cli.progreso import Dato, Entrega, evaluar
from tests.conftest import REPO

_PLAN, _PROBLEMAS = cargar_plan(REPO)
MEDIOS = ["0.1.1", "0.1.2", "0.2.1", "0.2.2"]


def _plan() -> Plan:
    assert _PLAN is not None, _PROBLEMAS
    return _PLAN


def _citable(plan: Plan, act: Actividad) -> str:
    """What a reason may quote: the activity's texts, its indicators' and metas', and its intervention's."""
    itv = plan.intervenciones[act.id.rsplit(".", 1)[0]]
    textos = [act.texto, act.resultados_esperados, itv.texto,
              *(t for i in act.indicadores for t in (i.texto, i.meta.texto))]
    return " ¶ ".join(" ".join(t.split()) for t in textos)


def _vinculos(act: Actividad) -> list[tuple[str, str, str]]:
    """(where, what, reason) of every link of an activity and of its indicators."""
    out = [(act.id, f"objetivo {v.objetivo}", v.razon or "") for v in act.objetivos_pmm]
    out += [(act.id, f"principio {v.principio}", v.razon or "") for v in act.principios_pmm]
    out += [(i.id, f"objetivo {v.objetivo}", v.razon or "") for i in act.indicadores for v in i.objetivos_pmm or ()]
    return out


# --- the data ------------------------------------------------------------------------------------------------

def test_cada_actividad_tiene_su_alineacion() -> None:
    plan = _plan()
    sin = [a.id for a in plan.actividades.values() if not a.objetivos_pmm and not a.principios_pmm]
    assert sin == []
    assert len(plan.actividades) == 90


def test_las_actividades_sin_objetivo_son_los_medios_de_implementacion() -> None:
    """Coordination, strategy and budget of the whole plan contribute to no objective in particular: they follow
    the whole-of-government principle (P9) and are shown apart."""
    plan = _plan()
    assert [a.id for a in sin_objetivo(plan)] == MEDIOS
    for aid in MEDIOS:
        assert [p.principio for p in plan.actividades[aid].principios_pmm] == ["P9"]


@pytest.mark.parametrize("aid", sorted(_PLAN.actividades) if _PLAN else [])
def test_cada_razon_cita_palabras_literales_de_la_actividad(aid: str) -> None:
    """A proposed link names the words of the activity that support it, between «», each piece (split by «…»)
    literally in the activity, its indicators or its intervention."""
    plan = _plan()
    act = plan.actividades[aid]
    citable = _citable(plan, act)
    for donde, que, razon in _vinculos(act):
        citas = re.findall(r"«([^»]*)»", razon)
        assert citas, f"{donde} {que}: la razón no cita la actividad: {razon}"
        for cita in citas:
            for trozo in (t.strip(" ,.;:") for t in cita.split("…")):
                assert not trozo or " ".join(trozo.split()) in citable, f"{donde} {que}: «{trozo}»"


def test_todos_los_vinculos_son_propuestas_con_razon() -> None:
    plan = _plan()
    for act in plan.actividades.values():
        for v in (*act.objetivos_pmm, *act.principios_pmm):
            assert v.origen == "propuesta" and v.razon and len(v.razon) <= 200, act.id


def test_los_vinculos_indirectos_no_repiten_la_marca_en_la_razon() -> None:
    """`indirecto: true` says it; the reason says why."""
    for act in _plan().actividades.values():
        for v in act.objetivos_pmm:
            assert not (v.razon or "").lower().startswith("vínculo indirecto"), act.id


def test_objetivos_sin_actividad_y_principios_sin_actividad_como_dice_el_readme() -> None:
    plan = _plan()
    por_objetivo = contribuciones(plan)
    assert [n for n, c in por_objetivo.items() if not c] == [8, 13, 22]
    siguen = {v.principio for a in plan.actividades.values() for v in a.principios_pmm}
    assert sorted({f"P{n}" for n in range(1, 11)} - siguen) == ["P7"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "**Los objetivos 8, 13 y 22**" in readme and "**El principio P7, perspectiva de género,**" in readme
    objetivos = [v for a in plan.actividades.values() for v in a.objetivos_pmm]
    principios_ = [v for a in plan.actividades.values() for v in a.principios_pmm]
    de_indicadores = [v for a in plan.actividades.values() for i in a.indicadores for v in i.objetivos_pmm or ()]
    total = len(objetivos) + len(principios_) + len(de_indicadores)
    dicho = (f"los {total} vínculos son propuestas leídas del texto de cada actividad, cada una con su razón "
             f"({len(objetivos)} de actividades con objetivos, {sum(v.indirecto for v in objetivos)} de ellos "
             f"indirectos; {len(principios_)} con principios; {len(de_indicadores)} de indicadores)")
    assert dicho in " ".join(readme.split())


def test_un_indicador_con_vinculo_propio_reemplaza_los_de_su_actividad() -> None:
    plan = _plan()
    c = contribuciones(plan)
    bajo_15 = next(x for x in c[15] if x.actividad.id == "3.6.2")
    assert bajo_15.indicadores == () and bajo_15.vinculo is not None
    bajo_6 = next(x for x in c[6] if x.actividad.id == "3.6.2")
    assert [i.id for i in bajo_6.indicadores] == ["3.6.2.a"] and bajo_6.vinculo is None
    assert [i.id for i in next(x for x in c[4] if x.actividad.id == "5.4.2").indicadores] == ["5.4.2.a"]
    assert [i.id for i in next(x for x in c[20] if x.actividad.id == "4.6.5").indicadores] == ["4.6.5.a"]
    assert [i.id for i in next(x for x in c[19] if x.actividad.id == "4.6.5").indicadores] == ["4.6.5.a",
                                                                                               "4.6.5.b"]


@pytest.mark.parametrize(("texto", "esperado"), [("O21", 21), ("o3", 3), ("Objetivo 8", 8), ("21", None),
                                                 ("O", None), ("3.2.1", None), ("O1a", None)])
def test_id_de_objetivo(texto: str, esperado: int | None) -> None:
    assert id_de_objetivo(texto) == esperado


def test_id_de_principio() -> None:
    assert id_de_principio("p6") == "P6" and id_de_principio("P10") == "P10" and id_de_principio("PNI") is None


# --- the content at a cut-off date ---------------------------------------------------------------------------

def _avance(inst: str, periodo: str, reportes: list[Reporte], narrativa: list[NarrativaActividad] | None = None
            ) -> Avance:
    sem = Semestre.leer(periodo)
    return Avance(periodo, inst, sem.fin + dt.timedelta(days=10), reportes=tuple(reportes),
                  actividades=tuple(narrativa or ()))


def _situacion(plan: Plan, avances: list[Avance], corte: dt.date) -> object:
    datos = [Dato(r.indicador, a.institucion, Semestre.leer(a.periodo), float(r.valor), a.fecha_reporte)
             for a in avances for r in a.reportes]
    entregas = [Entrega(a.institucion, Semestre.leer(a.periodo), a.fecha_reporte, f"{a.periodo}/{a.institucion}",
                        frozenset(r.indicador for r in a.reportes)) for a in avances]
    return evaluar(plan, datos, entregas, corte)


def test_los_desgloses_de_un_flujo_se_suman_y_dicen_cuantos_informes_los_traen() -> None:
    plan = _plan()
    # 5.4.1.a: migrantes retornados que reciben servicios en GAMI (DGME, conteo mensual que se suma)
    avances = [_avance("DGME", "2025-S1", [Reporte("5.4.1.a", 100, {"sexo": {"mujeres": 60, "hombres": 40}})]),
               _avance("DGME", "2025-S2", [Reporte("5.4.1.a", 50, {"sexo": {"mujeres": 20, "hombres": 30},
                                                                    "edad": {"18-29": 50}})])]
    sit = _situacion(plan, avances, dt.date(2026, 3, 1))
    vista = construir(sit, plan, avances)  # type: ignore[arg-type]
    o21 = next(o for o in vista.objetivos if o.id == 21)
    cifra = next(c for a in o21.actividades for c in a.cifras if c.id == "5.4.1.a")
    assert cifra.reportado == "150"
    assert cifra.desglose == ("sexo: mujeres 80 · hombres 70", "edad: 18-29 50 (en 1 de 2 informes; suman 50)")
    assert [(r.periodo, r.valor, r.desglose) for r in cifra.reportes] == [
        ("2025-S1", "100", {"sexo": "mujeres 60 · hombres 40"}),
        ("2025-S2", "50", {"sexo": "mujeres 20 · hombres 30", "edad": "18-29 50"})]


def test_un_nivel_muestra_el_desglose_del_ultimo_semestre() -> None:
    plan = _plan()
    # 5.7.1.a: departamentos con servicios de salud mental (nivel)
    avances = [_avance("MINSAL", "2025-S1", [Reporte("5.7.1.a", 2, {"departamento": {"A": 1, "B": 1}})]),
               _avance("MINSAL", "2025-S2", [Reporte("5.7.1.a", 3, {"departamento": {"A": 1, "B": 1, "C": 1}})])]
    sit = _situacion(plan, avances, dt.date(2026, 3, 1))
    vista = construir(sit, plan, avances)  # type: ignore[arg-type]
    cifra = next(c for o in vista.objetivos if o.id == 21 for a in o.actividades for c in a.cifras
                 if c.id == "5.7.1.a")
    assert cifra.desglose == ("departamento (MINSAL, 2025-S2): A 1 · B 1 · C 1",)


def test_la_narrativa_aparece_bajo_cada_objetivo_de_su_actividad() -> None:
    plan = _plan()
    narrativa = [NarrativaActividad("5.4.2", logros="Se emitieron DUI en GAMI."),
                 NarrativaActividad("5.4.1")]  # nothing said: nothing shown
    avances = [_avance("DGME", "2025-S2", [], narrativa)]
    vista = construir(_situacion(plan, avances, dt.date(2026, 3, 1)), plan, avances)  # type: ignore[arg-type]
    con = {o.id for o in vista.objetivos for a in o.actividades for r in a.relatos}
    assert con == {4, 15, 21}
    relato = next(r for o in vista.objetivos if o.id == 4 for a in o.actividades for r in a.relatos)
    assert (relato.institucion, relato.periodo, relato.logros, relato.dificultades) == (
        "DGME", "2025-S2", "Se emitieron DUI en GAMI.", None)


def test_la_vista_dice_si_la_alineacion_es_propuesta() -> None:
    plan = _plan()
    sit = _situacion(plan, [], dt.date(2026, 3, 1))
    vista = construir(sit, plan, [])  # type: ignore[arg-type]
    assert vista.propuesta and vista.propuestos == vista.vinculos == 163
    assert [n for n, _ in vista.sin_actividad] == [8, 13, 22]
    assert [a.id for a in vista.medios] == MEDIOS
    # the Mecanismo confirmed every link: no proposal left
    confirmado = replace(plan, ejes=[replace(e, intervenciones=tuple(
        replace(i, actividades=tuple(
            replace(a, objetivos_pmm=tuple(replace(v, origen="mecanismo") for v in a.objetivos_pmm),
                    principios_pmm=tuple(replace(v, origen="mecanismo") for v in a.principios_pmm),
                    indicadores=tuple(replace(x, objetivos_pmm=None if x.objetivos_pmm is None else tuple(
                        replace(v, origen="mecanismo") for v in x.objetivos_pmm)) for x in a.indicadores))
            for a in i.actividades)) for i in e.intervenciones)) for e in plan.ejes],
        intervenciones={}, actividades={}, indicadores={}, actividad_de={}, eje_de={}, rutas={})
    vista = construir(_situacion(confirmado, [], dt.date(2026, 3, 1)), confirmado, [])  # type: ignore[arg-type]
    assert not vista.propuesta and vista.origenes == {"mecanismo": 163}
    assert not any(o.propuesto for o in vista.objetivos)
