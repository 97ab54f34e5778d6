"""The semáforo's rules (README, «Cómo se calcula el semáforo»), one hand-computed case per row, through the real
CLI (`pni estado --formato json`) on the real plan with progress files written here.

Every expected number is worked out in the row's comment from the plan's meta (plan/eje-*.yaml) and plan/plan.yaml
(verde 90, amarillo 70, revisar_meta 130, plazo_dias 30). The plan's first semester is 2024-S2: a window
«2024-2028» has 9 semesters (2024 counts one), «2025-2028» has 8. A semester is evaluated the day after its
deadline: 2024-S2 from 2025-01-31, 2025-S1 from 2025-07-31, 2025-S2 from 2026-01-31, 2026-S1 from 2026-07-31,
2026-S2 from 2027-01-31.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import correr, escribir

Informe = tuple[str, str, str, dict[str, Any]]  # (periodo, institucion, fecha_reporte, {indicador: valor | dict})


def escribir_informe(raiz: Path, periodo: str, institucion: str, fecha: str, reportes: dict[str, Any],
                     nombre: str | None = None) -> Path:
    lineas = [f"periodo: {periodo}", f"institucion: {institucion}", f"fecha_reporte: {fecha}", "reportes:"]
    if not reportes:
        lineas[-1] = "reportes: []"
    for ind, v in reportes.items():
        extra = v if isinstance(v, dict) else {"valor": v}
        lineas.append(f'  - indicador: "{ind.split("#")[0]}"')
        lineas += [f"    {k}: {json.dumps(x, ensure_ascii=False)}" for k, x in extra.items()]
    return escribir(raiz / "avances" / periodo / f"{nombre or institucion}.yaml", "\n".join(lineas) + "\n")


def estado(raiz: Path, corte: str) -> dict[str, Any]:
    r = correr("estado", "--formato", "json", "--corte", corte, cwd=raiz)
    assert r.codigo == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def indicador(doc: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(i for i in doc["indicadores"] if i["id"] == id_)


@dataclass
class Caso:
    id: str
    indicador: str
    corte: str
    informes: list[Informe]
    estado: str
    esperado: float | None = None
    reportado: float | None = None
    logro: float | None = None
    faltan: int | None = None  # missing owed reports
    final: bool | None = None
    revisar_meta: bool | None = None
    otros: dict[str, Any] = field(default_factory=dict)


M = "MRREE"
REUNIONES = [("2024-S2", M, "2025-01-10", {"0.1.1.a": 1}), ("2025-S1", M, "2025-07-10", {"0.1.1.a": 1}),
             ("2025-S2", M, "2026-01-10", {"0.1.1.a": 1}), ("2026-S1", M, "2026-07-10", {"0.1.1.a": 1}),
             ("2026-S2", M, "2027-01-20", {"0.1.1.a": 1})]

CASOS = [
    # --- rule 1: a semester counts the day after its deadline -------------------------------------------------
    # 0.1.1.a «Dos reuniones al año» (anual, flujo, MRREE, 2024-2028). At 15/01/2027 2026-S2 is en plazo (deadline
    # 30/01/2027): 2024 expects 2 × 1/2 = 1 (one semester in the window), 2025 expects 2, 2026 expects 2 × 1/2 = 1
    # (one of its two semesters evaluated): 4 expected, 1 + 2 + 1 = 4 credited → 100 %, verde.
    Caso("plazo-en-enero", "0.1.1.a", "2027-01-15", REUNIONES, "verde", 4, 4, 100, faltan=0),
    # on the deadline itself 2026-S2 is still en plazo, though its file (20/01/2027) has arrived
    Caso("plazo-el-ultimo-dia", "0.1.1.a", "2027-01-30", REUNIONES, "verde", 4, 4, 100, faltan=0),
    # the day after, 2026-S2 enters: 2026 expects 2 and has 2 → 5 of 5
    Caso("plazo-el-dia-siguiente", "0.1.1.a", "2027-01-31", REUNIONES, "verde", 5, 5, 100, faltan=0),
    # the same day without the 2026-S2 report: 2026 credits 1 of 2 → 4 of 5 = 80 %, amarillo, 1 of 5 missing
    Caso("plazo-vencido-sin-informe", "0.1.1.a", "2027-01-31", REUNIONES[:4], "amarillo", 5, 4, 80, faltan=1),
    # --- rule 2: what was known at the cut-off date ------------------------------------------------------------
    # 2025-S2's report delivered on 15/03/2026: at 15/02/2026 it does not count (2025 credits 1 of 2): 2 of 3 =
    # 66.67 %, rojo, 1 of 3 missing; at 01/04/2026 it counts: 3 of 3
    Caso("corte-pasado", "0.1.1.a", "2026-02-15",
         [*REUNIONES[:2], ("2025-S2", M, "2026-03-15", {"0.1.1.a": 1})], "rojo", 3, 2, 66.67, faltan=1),
    Caso("corte-posterior", "0.1.1.a", "2026-04-01",
         [*REUNIONES[:2], ("2025-S2", M, "2026-03-15", {"0.1.1.a": 1})], "verde", 3, 3, 100, faltan=0),
    # --- rule 4: per-year targets, year by year ----------------------------------------------------------------
    # 0.1.3.a «Una agenda por año»: five agendas in 2024-S2, none since. 2024 expects 0.5 and credits 0.5 (of 5);
    # 2025 expects 1, credits 0; 2026 (S1 evaluated) expects 0.5, credits 0: 0.5 of 2 = 25 %, rojo. «Revisar meta»
    # on what was reported: 5 ÷ 2 = 250 % > 130 %.
    Caso("surplus-no-tapa-otro-anio", "0.1.3.a", "2026-11-23",
         [("2024-S2", M, "2025-01-10", {"0.1.3.a": 5}), ("2025-S1", M, "2025-07-10", {"0.1.3.a": 0}),
          ("2025-S2", M, "2026-01-10", {"0.1.3.a": 0}), ("2026-S1", M, "2026-07-10", {"0.1.3.a": 0})],
         "rojo", 2, 5, 25, faltan=0, revisar_meta=True),
    # 5.4.1.a «500 migrantes por mes» (mensual: 6,000 a year): 2024 expects 6,000 × 1/2 = 3,000; 2,700 → 90 % verde
    Caso("mensual", "5.4.1.a", "2025-03-01", [("2024-S2", "DGME", "2025-01-20", {"5.4.1.a": 2700})],
         "verde", 3000, 2700, 90, faltan=0),
    # --- rule 8: exact arithmetic --------------------------------------------------------------------------------
    # 4.5.2.c «500 catálogos distribuidos» (total, straight line over 9 semesters): 3 evaluated → 500 × 3/9 = 166.67
    # expected; 150 reported → exactly 90 %: verde (in floats 89.99999999999999, amarillo)
    Caso("noventa-es-verde", "4.5.2.c", "2026-02-15",
         [("2024-S2", M, "2025-01-10", {"4.5.2.c": 150}), ("2025-S1", M, "2025-07-10", {"4.5.2.c": 0}),
          ("2025-S2", M, "2026-01-10", {"4.5.2.c": 0})], "verde", 166.67, 150, 90, faltan=0),
    # --- levels are never summed ----------------------------------------------------------------------------------
    # 5.5.1.b «14 departamentos» (nivel, total): 10 then 12 departments. The level is the latest, 12 (never 22);
    # the straight line expects 14 × 2/9 = 3.11 → credited 3.11, 100 %; 12 ÷ 3.11 = 386 % → «revisar meta»
    Caso("nivel-no-se-suma", "5.5.1.b", "2025-08-15",
         [("2024-S2", M, "2025-01-10", {"5.5.1.b": 10}), ("2025-S1", M, "2025-07-10", {"5.5.1.b": 12})],
         "verde", 3.11, 12, 100, faltan=0, revisar_meta=True),
    # 4.6.2.b «20 organizaciones activas por año» (nivel, anual): each year its latest level, weighted by its
    # evaluated semesters: 2024 level 10 (1 semester), 2025 level 15 (its S2; 2 semesters):
    # (10 × 1 + 15 × 2) ÷ (20 × 1 + 20 × 2) = 40/60 = 66.67 %, rojo; reported = the latest level, 15
    Caso("nivel-anual", "4.6.2.b", "2026-02-15",
         [("2024-S2", M, "2025-01-10", {"4.6.2.b": 10}), ("2025-S1", M, "2025-07-10", {"4.6.2.b": 20}),
          ("2025-S2", M, "2026-01-10", {"4.6.2.b": 15})], "rojo", 20, 15, 66.67, faltan=0),
    # --- rule 5: a milestone is not judged before it is due -------------------------------------------------------
    # 0.1.2.a «Una estrategia de trabajo» (hito, vence 2028-S2) at 30 % in 2026: en curso, never rojo
    Caso("hito-antes-de-vencer", "0.1.2.a", "2026-11-23", [("2025-S2", M, "2026-01-10", {"0.1.2.a": 30})],
         "en_curso", None, 30, None, faltan=3),
    # 0.3.3.a «Cuatro estudios al finalizar el periodo» (total, vence 2028-S2): one study in 2025, en curso
    Caso("total-al-finalizar", "0.3.3.a", "2026-11-23", [("2025-S2", "MECANISMO", "2026-01-10", {"0.3.3.a": 1})],
         "en_curso", None, 1, None, faltan=2),
    # --- rule 6: a closed window is final ------------------------------------------------------------------------
    # 3.2.1.a «Cinco temas de capacitación» (2024 only: 2024-S2): 4 of 5 → no cumplida, 80 %, final
    Caso("final-no-cumplida", "3.2.1.a", "2025-03-01", [("2024-S2", M, "2025-01-10", {"3.2.1.a": 4})],
         "no_cumplida", 5, 4, 80, faltan=0, final=True),
    Caso("final-cumplida", "3.2.1.a", "2025-03-01", [("2024-S2", M, "2025-01-10", {"3.2.1.a": 5})],
         "cumplida", 5, 5, 100, faltan=0, final=True),
    # 3.2.2.a «Un plan de formación» (hito, 2025: vence 2025-S2): 60 then 80; at 15/08/2025 only 2025-S1 is
    # evaluated: en curso; at 15/02/2026 the window is over: 80 of 100 → no cumplida, 80 %
    Caso("hito-en-su-ventana", "3.2.2.a", "2025-08-15",
         [("2025-S1", M, "2025-07-10", {"3.2.2.a": 60}), ("2025-S2", M, "2026-01-10", {"3.2.2.a": 80})],
         "en_curso", None, 60, None, faltan=0),
    Caso("hito-vencido", "3.2.2.a", "2026-02-15",
         [("2025-S1", M, "2025-07-10", {"3.2.2.a": 60}), ("2025-S2", M, "2026-01-10", {"3.2.2.a": 80})],
         "no_cumplida", 100, 80, 80, faltan=0, final=True),
    # a hito at 100 (with its evidence) is reached, and stays reached
    Caso("hito-cumplido-antes", "0.1.2.a", "2026-11-23",
         [("2025-S2", M, "2026-01-10", {"0.1.2.a": {"valor": 100, "evidencia": ["https://ejemplo.gob.sv/e"]}})],
         "cumplida", None, 100, None, faltan=3),
    # --- several institutions --------------------------------------------------------------------------------------
    # 1.4.2.a «100 participantes por año» (MRREE, MTPS, ESCO; suma): 2024 expects 50, has MRREE's 20; 2025 (S1)
    # expects 50, has 30 + 20 = 50: 70 of 100 → amarillo; missing: MTPS and ESCO in 2024-S2, ESCO in 2025-S1
    Caso("varias-instituciones", "1.4.2.a", "2025-08-15",
         [("2024-S2", M, "2025-01-10", {"1.4.2.a": 20}), ("2025-S1", M, "2025-07-10", {"1.4.2.a": 30}),
          ("2025-S1", "MTPS", "2025-07-10", {"1.4.2.a": 20})], "amarillo", 100, 70, 70, faltan=3),
    # 2.3.2.a «Una campaña implementada por año» (combinar: maximo): the same campaign reported by two of its five
    # responsables is one campaign: 2025 (S1) expects 0.5, has max(1, 1) = 1 (not 2)
    Caso("maximo", "2.3.2.a", "2025-08-15",
         [("2025-S1", "PNC", "2025-07-10", {"2.3.2.a": 1}), ("2025-S1", "FGR", "2025-07-10", {"2.3.2.a": 1})],
         "rojo", 1, 1, 50, faltan=8),
    # 3.3.1.a «Una agencia creada» (hito; combinar: responsable MRREE): MTPS's 100 does not count, MRREE's 50 does;
    # only MRREE owes it: 2025-S1 and 2025-S2 evaluated, both reported
    Caso("responsable-principal", "3.3.1.a", "2026-02-15",
         [("2025-S1", M, "2025-07-10", {"3.3.1.a": 20}), ("2025-S2", M, "2026-01-10", {"3.3.1.a": 50}),
          ("2025-S2", "MTPS", "2026-01-10", {"3.3.1.a": {"valor": 100, "evidencia": ["https://ejemplo.gob.sv/a"]}})],
         "en_curso", None, 50, None, faltan=0),
    # --- running totals -------------------------------------------------------------------------------------------
    # 0.3.1.a (acumulado, combinar maximo, vence 2028-S2): MRREE's totals 1, 3, 2: the latest total counts (2) and
    # the decrease is flagged
    Caso("acumulado", "0.3.1.a", "2026-11-23",
         [("2025-S1", M, "2025-07-10", {"0.3.1.a": 1}), ("2025-S2", M, "2026-01-10", {"0.3.1.a": 3}),
          ("2026-S1", M, "2026-07-10", {"0.3.1.a": 2})], "en_curso", None, 2, None,
         otros={"disminucion": True}),
    # --- a mean ------------------------------------------------------------------------------------------------------
    # 0.1.1.b «Dos participantes por eje de trabajo» (promedio 2): 1 then 3 → mean 2, 100 %
    Caso("promedio", "0.1.1.b", "2025-08-15",
         [("2024-S2", M, "2025-01-10", {"0.1.1.b": 1}), ("2025-S1", M, "2025-07-10", {"0.1.1.b": 3})],
         "verde", 2, 2, 100, faltan=0),
    # --- missing data is not poor performance ------------------------------------------------------------------------
    Caso("sin-reporte", "0.1.1.a", "2025-08-15", [], "sin_reporte", 2, None, None, faltan=2),
    Caso("no-iniciada", "1.2.2.a", "2025-08-15", [], "no_iniciada", None, None, None, faltan=0),
]


@pytest.mark.parametrize("caso", CASOS, ids=[c.id for c in CASOS])
def test_regla(caso: Caso, espacio: Path) -> None:
    for periodo, institucion, fecha, reportes in caso.informes:
        previo = espacio / "avances" / periodo / f"{institucion}.yaml"
        if previo.exists():  # one file per institution and semester: merge the rows of the case
            previo.unlink()
            reportes = {**_de(caso, periodo, institucion), **reportes}
        escribir_informe(espacio, periodo, institucion, fecha, reportes)
    e = indicador(estado(espacio, caso.corte), caso.indicador)
    assert e["estado"] == caso.estado, e
    for campo in ("esperado", "reportado", "logro"):
        esperado = getattr(caso, campo)
        assert (e[campo] is None) if esperado is None else e[campo] == pytest.approx(esperado, abs=0.01), (campo, e)
    if caso.faltan is not None:
        assert len(e["informes_faltantes"]) == caso.faltan, e["informes_faltantes"]
    if caso.final is not None:
        assert e["final"] is caso.final
    if caso.revisar_meta is not None:
        assert e["revisar_meta"] is caso.revisar_meta
    for k, v in caso.otros.items():
        assert e[k] == v, (k, e)


def _de(caso: Caso, periodo: str, institucion: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p, i, _, r in caso.informes:
        if (p, i) == (periodo, institucion):
            out.update(r)
    return out


# --- rule 3: only valid data counts ------------------------------------------------------------------------------

def test_un_archivo_con_errores_no_cuenta_y_su_entrega_dice_con_errores(espacio: Path) -> None:
    # MTPS's 2025-S1 file has a hito at 100 without evidence (PNI310): left out whole, its other value too
    escribir_informe(espacio, "2025-S1", "MTPS", "2025-07-10", {"1.4.2.a": 40, "3.3.1.a": 100})
    escribir_informe(espacio, "2025-S1", M, "2025-07-10", {"1.4.2.a": 10})
    doc = estado(espacio, "2025-08-15")
    # 1.4.2.a: only MRREE's 10 counts in 2025-S1 (expects 50)
    assert indicador(doc, "1.4.2.a")["reportado"] == 10
    [malo] = doc["archivos_con_errores"]
    assert malo == {"archivo": "avances/2025-S1/MTPS.yaml", "institucion": "MTPS", "periodo": "2025-S1",
                    "errores": 1, "codigos": ["PNI310"]}
    [entrega] = [c for c in doc["completitud"] if (c["institucion"], c["periodo"]) == ("MTPS", "2025-S1")]
    assert entrega["estado"] == "con_errores" and entrega["errores"] == 1


def test_dos_archivos_de_la_misma_institucion_y_semestre_no_cuentan(espacio: Path) -> None:
    escribir_informe(espacio, "2025-S1", M, "2025-07-10", {"0.1.1.a": 1})
    shutil.copy(espacio / "avances/2025-S1/MRREE.yaml", espacio / "avances/2025-S1/MRREE (1).yaml")
    doc = estado(espacio, "2025-08-15")
    assert indicador(doc, "0.1.1.a")["estado"] == "sin_reporte"  # neither doubles, nor counts
    assert sorted(a["archivo"] for a in doc["archivos_con_errores"]) == ["avances/2025-S1/MRREE (1).yaml",
                                                                          "avances/2025-S1/MRREE.yaml"]
    assert all("PNI315" in a["codigos"] for a in doc["archivos_con_errores"])
    r = correr("validar", "--corte", "2025-08-15", cwd=espacio)
    assert r.codigo == 1
    assert "avances/2025-S1/MRREE.yaml:2:14: error PNI315" in r.out and "MRREE (1).yaml:2:14: error PNI315" in r.out


def test_el_mismo_indicador_dos_veces_no_se_suma(espacio: Path) -> None:
    escribir_informe(espacio, "2025-S1", M, "2025-07-10", {"0.1.1.a": 1, "0.1.1.a#otra": 1})
    doc = estado(espacio, "2025-08-15")
    assert indicador(doc, "0.1.1.a")["estado"] == "sin_reporte"
    assert doc["archivos_con_errores"][0]["codigos"] == ["PNI311"]


def test_una_variante_de_la_fuente_se_rechaza_y_la_entrega_es_de_su_institucion(espacio: Path) -> None:
    escribir_informe(espacio, "2025-S1", "MPTS", "2025-07-10", {"1.4.2.a": 40})
    doc = estado(espacio, "2025-08-15")
    assert indicador(doc, "1.4.2.a")["estado"] == "sin_reporte"
    [malo] = doc["archivos_con_errores"]
    assert malo["institucion"] == "MTPS" and malo["codigos"] == ["PNI302"]
    [entrega] = [c for c in doc["completitud"] if (c["institucion"], c["periodo"]) == ("MTPS", "2025-S1")]
    assert entrega["estado"] == "con_errores"
    r = correr("validar", "--corte", "2025-08-15", cwd=espacio)
    assert "«MPTS» es una variante de la fuente: use la clave «MTPS»" in r.out


@pytest.mark.parametrize(("cambio", "codigo"), [
    (lambda plan: (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text(encoding="utf-8").replace(
        "amarillo: 70", "amarillo: 95"), encoding="utf-8"), "PNI209"),
    (lambda plan: shutil.copy(next(plan.glob("eje-3-*.yaml")), plan / "eje-3-copia.yaml"), "PNI202"),
], ids=["umbrales-invertidos", "eje-duplicado"])
def test_un_plan_con_errores_no_da_ningun_estado(espacio: Path, cambio: Any, codigo: str) -> None:
    cambio(espacio / "plan")
    for orden in (["estado"], ["reporte"], ["estado", "--formato", "json"]):
        r = correr(*orden, "--corte", "2025-08-15", cwd=espacio)
        assert r.codigo == 1 and r.out == "", r
        assert r.err.startswith("pni: el plan tiene") and "pni validar" in r.err
    assert codigo in correr("validar", "--corte", "2025-08-15", cwd=espacio).out


# --- rule 9: late and incomplete, both -----------------------------------------------------------------------------

def test_una_entrega_tarde_e_incompleta_es_las_dos_cosas(espacio: Path) -> None:
    # MTPS owes 1.4.1.a… in 2025-S1 (deadline 30/07/2025); it delivers one indicator on 20/08/2025: 21 days late
    escribir_informe(espacio, "2025-S1", "MTPS", "2025-08-20", {"1.4.2.a": 10})
    doc = estado(espacio, "2025-09-01")
    [c] = [c for c in doc["completitud"] if (c["institucion"], c["periodo"]) == ("MTPS", "2025-S1")]
    assert c["estado"] == "tarde" and c["tarde"] and c["incompleto"] and c["dias_retraso"] == 21
    md = correr("reporte", "--corte", "2025-09-01", cwd=espacio).out
    assert "tarde (21 días) e incompleto (1 de " in md
    [deuda] = [d for d in doc["deudas"] if d["institucion"] == "MTPS"]
    assert deuda["tardios"] == [{"periodo": "2025-S1", "dias": 21}] and deuda["incompletos"] == ["2025-S1"]
    # at a cut-off before it arrived, it is missing, and no lateness is counted that had not happened yet
    doc = estado(espacio, "2025-08-10")
    [c] = [c for c in doc["completitud"] if (c["institucion"], c["periodo"]) == ("MTPS", "2025-S1")]
    assert c["estado"] == "faltante" and c["dias_retraso"] == 0
    assert doc["archivos_posteriores_al_corte"] == ["avances/2025-S1/MTPS.yaml"]


def test_la_cabecera_nombra_el_semestre_en_plazo(espacio: Path) -> None:
    escribir_informe(espacio, "2026-S2", M, "2027-01-12", {"0.1.1.a": 1})
    doc = estado(espacio, "2027-01-15")
    [p] = doc["en_plazo"]
    assert p["periodo"] == "2026-S2" and p["vence"] == "2027-01-30" and p["recibidos"] == 1 and p["debidos"] > 1
    texto = correr("estado", "--corte", "2027-01-15", cwd=espacio).out
    assert f"2026-S2 en plazo hasta el 30/01/2027: 1 de {p['debidos']} informes recibidos" in " ".join(texto.split())
