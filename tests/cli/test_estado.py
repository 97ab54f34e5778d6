"""`pni estado` end to end: the real CLI in a subprocess, on small workspaces (the real plan + a few progress
files written here), always with a fixed cut-off date. Expected numbers are computed by hand in comments from the
plan's metas and plan/plan.yaml (verde 90, amarillo 70, revisar_meta 130, plazo_dias 30)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from pni_cli.lectura.espacio import cargar_plan
from pni_cli.render.estado import SIMBOLOS
from tests.conftest import REPO, correr, escribir

CORTE = "2026-01-31"  # 2024-S2, 2025-S1, 2025-S2 are over; 2025-S2's deadline (2026-01-30) has passed


def avance(raiz: Path, periodo: str, institucion: str, fecha: str, valores: dict[str, float], *,
           ilustrativo: bool = False) -> Path:
    lineas = [f"periodo: {periodo}", f"institucion: {institucion}", f"fecha_reporte: {fecha}"]
    if ilustrativo:
        lineas.append("ilustrativo: true")
    lineas.append("reportes:" if valores else "reportes: []")
    for ind, valor in valores.items():
        lineas += [f'  - indicador: "{ind}"', f"    valor: {valor}"]
    return escribir(raiz / "avances" / periodo / f"{institucion}.yaml", "\n".join(lineas) + "\n")


@pytest.fixture
def ws(espacio: Path) -> Path:
    """The real plan and six small progress files; none illustrative."""
    avance(espacio, "2024-S2", "BANDESAL", "2025-02-04", {"4.6.8.a": 1, "4.6.8.b": 50})  # 5 days late
    avance(espacio, "2025-S1", "BANDESAL", "2025-07-30", {"4.6.8.a": 0, "4.6.8.b": 40})  # on the last day
    avance(espacio, "2025-S1", "MRREE", "2025-07-15", {"4.6.8.b": 10})
    avance(espacio, "2024-S2", "DGME", "2025-01-20", {"5.4.1.a": 3000})
    avance(espacio, "2025-S1", "DGME", "2025-07-10", {"5.4.1.a": 2400})
    avance(espacio, "2025-S2", "DGME", "2026-01-05", {"5.4.1.a": 3600, "3.3.1.a": 60})
    avance(espacio, "2025-S2", "MTPS", "2026-01-20", {"3.3.1.a": 40, "1.4.1.a": 1})
    return espacio


def estado_json(raiz: Path, *args: str) -> dict[str, Any]:
    r = correr("estado", "--formato", "json", *args, cwd=raiz)
    assert r.codigo == 0, r.err
    assert r.err == ""
    return json.loads(r.out)  # type: ignore[no-any-return]


def tabla(raiz: Path, *args: str) -> str:
    r = correr("estado", *args, cwd=raiz)
    assert r.codigo == 0, r.err
    return r.out


def plano(texto: str) -> str:
    """The text with every run of whitespace (line wraps included) collapsed to one space."""
    return " ".join(texto.split())


def por_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in doc["indicadores"]}


def entregas(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["institucion"], c["periodo"]): c for c in doc["completitud"]}


def ninguno(**n: int) -> dict[str, int]:
    return {"cumplida": 0, "verde": 0, "amarillo": 0, "rojo": 0, "no_cumplida": 0, "en_curso": 0, "sin_reporte": 0,
            "no_iniciada": 0, "meta_por_definir": 0, **n}


def test_el_espacio_de_prueba_es_valido(ws: Path) -> None:
    r = correr("validar", "--corte", CORTE, cwd=ws)
    assert r.codigo == 0, r.out


# --- JSON: the numbers ----------------------------------------------------------------------------------------

def test_json_cabecera(ws: Path) -> None:
    doc = estado_json(ws, "--corte", CORTE)
    assert doc["version"] == 2
    assert doc["corte"] == "2026-01-31"
    assert doc["semestres_evaluados"] == ["2024-S2", "2025-S1", "2025-S2"]
    assert doc["ilustrativo"] is False
    assert doc["filtros"] == {"eje": None, "institucion": None, "semaforo": None, "buscar": None}
    assert doc["umbrales"] == {"verde": 90, "amarillo": 70, "revisar_meta": 130}
    assert doc["archivos_con_errores"] == []


def test_json_indicadores(ws: Path) -> None:
    ind = por_id(estado_json(ws, "--corte", CORTE))
    # 4.6.8.a «Tres nuevas líneas de crédito», total, 2024-2028 (9): 3 × 3/9 = 1 expected at the third evaluated
    # semester; reported 1 + 0 = 1 → 100 % verde
    assert {k: ind["4.6.8.a"][k] for k in ("tipo", "frecuencia", "estado", "esperado", "reportado", "logro",
                                           "meta_final", "semestres_evaluados", "semestres_ventana",
                                           "ultimo_periodo", "instituciones", "actividad", "intervencion",
                                           "eje")} == {
        "tipo": "conteo", "frecuencia": "total", "estado": "verde", "esperado": 1.0, "reportado": 1.0,
        "logro": 100.0, "meta_final": 3.0, "semestres_evaluados": 3, "semestres_ventana": 9,
        "ultimo_periodo": "2025-S1", "instituciones": ["BANDESAL"], "actividad": "4.6.8", "intervencion": "4.6",
        "eje": "4"}
    # 4.6.8.b «100 miembros por año» (combinar maximo: BANDESAL and MRREE would report the same people): 2024
    # expects 50 and has 50; 2025 expects 100 and has max(40, 10) = 40 in S1, nothing in S2 → 90 of 150 = 60 %
    # rojo; the window's meta 50 + 100 × 4 = 450
    b = ind["4.6.8.b"]
    assert (b["estado"], b["esperado"], b["reportado"], b["logro"], b["meta_final"]) == (
        "rojo", 150.0, 90.0, 60.0, 450.0)
    assert b["combinar"] == "maximo" and b["acumulacion"] == "flujo"
    assert b["instituciones"] == ["BANDESAL", "MRREE"]
    # 5.4.1.a «500 migrantes por mes» (6000 a year): 2024 expects 3000 (has 3000), 2025 expects 6000 (has 2400 +
    # 3600) → 9000 of 9000, 100 %; the window's meta 3000 + 6000 × 4 = 27000
    m = ind["5.4.1.a"]
    assert (m["estado"], m["esperado"], m["reportado"], m["logro"], m["meta_final"]) == (
        "verde", 9000.0, 9000.0, 100.0, 27000.0)
    assert m["ultimo_periodo"] == "2025-S2"
    # 3.3.1.a hito «Liderado por el MRREE» (combinar: responsable MRREE): DGME's 60 and MTPS's 40 do not count,
    # MRREE reported nothing → sin reporte; the two owed reports are MRREE's
    h = ind["3.3.1.a"]
    assert (h["tipo"], h["estado"], h["esperado"], h["reportado"], h["logro"], h["combinar"]) == (
        "hito", "sin_reporte", None, None, None, "responsable")
    assert (h["semestres_evaluados"], h["semestres_ventana"], h["instituciones"]) == (2, 4, [])
    assert h["informes_faltantes"] == [{"institucion": "MRREE", "periodo": "2025-S1"},
                                       {"institucion": "MRREE", "periodo": "2025-S2"}]
    # 1.4.1.a «Tres estudios», total 2025-2028 (8): 3 × 2/8 = 0.75; 1 reported → credited 0.75 (100 %); «revisar
    # meta» on what was reported: 133.33 % > 130
    t = ind["1.4.1.a"]
    assert (t["estado"], t["esperado"], t["reportado"], t["logro"], t["revisar_meta"]) == (
        "verde", 0.75, 1.0, 100.0, True)
    # 1.4.1.b «10 actores» total 2025-2028: 10 ÷ 8 × 2 = 2.5, nothing reported
    s = ind["1.4.1.b"]
    assert (s["estado"], s["esperado"], s["reportado"], s["logro"]) == ("sin_reporte", 2.5, None, None)
    # 1.2.2.a runs 2026-2027: nothing over yet
    n = ind["1.2.2.a"]
    assert (n["estado"], n["esperado"], n["semestres_evaluados"], n["semestres_ventana"]) == (
        "no_iniciada", None, 0, 4)
    assert ind["0.2.3.a"]["estado"] == "meta_por_definir"
    assert ind["0.2.3.a"]["esperado"] is None


def test_json_totales(ws: Path) -> None:
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    n_ind, n_act = len(plan.indicadores), len(plan.actividades)
    doc = estado_json(ws, "--corte", CORTE)
    assert len(doc["indicadores"]) == n_ind
    # verde: 4.6.8.a, 5.4.1.a, 1.4.1.a; rojo: 4.6.8.b; no iniciada: 1.2.2.a-b and 2.4.2.a-b (2026-2027 and
    # 2026-2028); por definir: 0.2.3.a; everything else has no report (3.3.1.a too: only MRREE's counts).
    assert doc["total"]["indicadores"] == ninguno(verde=3, rojo=1, no_iniciada=4, meta_por_definir=1,
                                                  sin_reporte=n_ind - 9)
    # activities: 4.6.8 rojo, 5.4.1 verde (one indicator), 1.2.2 and 2.4.2 no iniciada; 3.3.1 (b), 1.4.1 (b)
    # and 0.2.3 (b, c) have an indicator without report, like all the others
    assert doc["total"]["actividades"] == ninguno(rojo=1, verde=1, no_iniciada=2, sin_reporte=n_act - 4)
    act = {a["id"]: a for a in doc["actividades"]}
    assert act["4.6.8"] == {"id": "4.6.8", "intervencion": "4.6", "eje": "4", "estado": "rojo",
                            "indicadores": ["4.6.8.a", "4.6.8.b"]}
    assert act["3.3.1"]["estado"] == "sin_reporte"
    assert act["0.2.3"]["estado"] == "sin_reporte"
    ejes = {e["id"]: e for e in doc["ejes"]}
    assert sorted(ejes) == ["0", "1", "2", "3", "4", "5", "6"]
    assert ejes["4"]["indicadores"]["verde"] == 1 and ejes["4"]["indicadores"]["rojo"] == 1
    assert ejes["1"]["indicadores"]["no_iniciada"] == 2 and ejes["2"]["indicadores"]["no_iniciada"] == 2


def test_json_completitud(ws: Path) -> None:
    c = entregas(estado_json(ws, "--corte", CORTE))
    # 2024-S2 deadline 2024-12-31 + 30 = 2025-01-30; delivered 2025-02-04 → 5 days late
    assert c[("BANDESAL", "2024-S2")] == {
        "institucion": "BANDESAL", "periodo": "2024-S2", "estado": "tarde", "vencimiento": "2025-01-30",
        "fecha_reporte": "2025-02-04", "dias_retraso": 5, "debidos": 2, "recibidos": 2, "faltantes": [],
        "archivo": "avances/2024-S2/BANDESAL.yaml", "tarde": True, "incompleto": False, "en_plazo": False,
        "errores": 0, "codigos": []}
    # 2025-S1 deadline 2025-06-30 + 30 = 2025-07-30; delivered that very day
    a = c[("BANDESAL", "2025-S1")]
    assert (a["estado"], a["vencimiento"], a["dias_retraso"]) == ("a_tiempo", "2025-07-30", 0)
    # 2025-S2 deadline 2026-01-30 < 2026-01-31 and no file
    assert c[("BANDESAL", "2025-S2")] == {
        "institucion": "BANDESAL", "periodo": "2025-S2", "estado": "faltante", "vencimiento": "2026-01-30",
        "fecha_reporte": None, "dias_retraso": 0, "debidos": 2, "recibidos": 0,
        "faltantes": ["4.6.8.a", "4.6.8.b"], "archivo": None, "tarde": False, "incompleto": False,
        "en_plazo": False, "errores": 0, "codigos": []}
    # MRREE owes far more than 4.6.8.b
    assert c[("MRREE", "2025-S1")]["estado"] == "incompleto"
    assert c[("MRREE", "2025-S1")]["recibidos"] == 1
    assert "4.6.8.b" not in c[("MRREE", "2025-S1")]["faltantes"]
    # DGME 2025-S2: 5.4.1.a received (its 3.3.1.a is not owed: only MRREE's figure counts there), the rest (e.g.
    # 5.4.2.a) missing
    d = c[("DGME", "2025-S2")]
    assert (d["estado"], d["recibidos"], d["fecha_reporte"]) == ("incompleto", 1, "2026-01-05")
    assert "3.3.1.a" not in d["faltantes"]
    assert "5.4.2.a" in d["faltantes"] and "5.4.1.a" not in d["faltantes"]
    # OIM owes 1.1.2.a-b for 2024-S2 only, and sent nothing
    assert c[("OIM", "2024-S2")]["estado"] == "faltante"
    assert c[("OIM", "2024-S2")]["debidos"] == 2
    assert ("OIM", "2025-S1") not in c
    # MECANISMO owes 0.3.3.a from 2025 only
    assert ("MECANISMO", "2024-S2") not in c
    assert c[("MECANISMO", "2025-S1")]["debidos"] == 1


def test_json_pendiente_antes_del_vencimiento(ws: Path) -> None:
    doc = estado_json(ws, "--corte", "2026-01-15")  # 2025-S2 is over, its deadline is 2026-01-30
    c = entregas(doc)
    assert c[("BANDESAL", "2025-S2")]["estado"] == "pendiente" and c[("BANDESAL", "2025-S2")]["en_plazo"]
    assert doc["semestres_evaluados"] == ["2024-S2", "2025-S1"]
    assert [p["periodo"] for p in doc["en_plazo"]] == ["2025-S2"]
    # on its last day a semester is still running: nothing of it is owed yet
    assert not any(p == "2025-S2" for _, p in entregas(estado_json(ws, "--corte", "2025-12-31")))
    assert c[("BANDESAL", "2024-S2")]["estado"] == "tarde"


def test_periodo_es_el_dia_siguiente_al_vencimiento_de_ese_semestre(ws: Path) -> None:
    doc = estado_json(ws, "--periodo", "2025-S1")
    assert doc["corte"] == "2025-07-31"  # 2025-06-30 + 30 days is the last day to deliver; the next day
    assert doc["semestres_evaluados"] == ["2024-S2", "2025-S1"]
    ind = por_id(doc)
    # 5.4.1.a: 2024 expects 3000 (has 3000), 2025-S1 3000 (has 2400); 2025-S2's 3600 is not evaluated → 5400 of
    # 6000: exactly 90 % → verde
    assert (ind["5.4.1.a"]["esperado"], ind["5.4.1.a"]["reportado"], ind["5.4.1.a"]["logro"]) == (
        6000.0, 5400.0, 90.0)
    assert ind["5.4.1.a"]["estado"] == "verde"
    # 4.6.8.b: 2024 expects 50 (has 50), 2025-S1 50 (has max(40, 10) = 40) → 90 of 100 → 90 %, verde
    assert (ind["4.6.8.b"]["esperado"], ind["4.6.8.b"]["reportado"], ind["4.6.8.b"]["estado"]) == (
        100.0, 90.0, "verde")
    # 4.6.8.a: 3 × 2/9 = 0.67; 1 reported → credited 0.67, 100 %; 150 % reported → revisar meta
    assert (ind["4.6.8.a"]["esperado"], ind["4.6.8.a"]["logro"], ind["4.6.8.a"]["revisar_meta"]) == (
        0.67, 100.0, True)
    # 3.3.1.a: a hito not due before 2026-S2, nothing from MRREE → sin reporte, nothing expected yet
    assert (ind["3.3.1.a"]["estado"], ind["3.3.1.a"]["esperado"]) == ("sin_reporte", None)
    c = entregas(doc)
    assert c[("BANDESAL", "2025-S1")]["estado"] == "a_tiempo"
    assert c[("MECANISMO", "2025-S1")]["estado"] == "faltante"  # the deadline has passed
    assert not any(p == "2025-S2" for _, p in c)
    # the same as asking for that date, and lower case is accepted
    assert doc == estado_json(ws, "--corte", "2025-07-31")
    assert doc == estado_json(ws, "--periodo", "2025-s1")


# --- filters --------------------------------------------------------------------------------------------------

def test_filtro_eje(ws: Path) -> None:
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    n_eje4 = sum(1 for i in plan.indicadores if i.startswith("4."))
    doc = estado_json(ws, "--corte", CORTE, "--eje", "4")
    assert doc["filtros"] == {"eje": "4", "institucion": None, "semaforo": None, "buscar": None}
    assert {i["eje"] for i in doc["indicadores"]} == {"4"}
    assert len(doc["indicadores"]) == n_eje4
    assert [e["id"] for e in doc["ejes"]] == ["4"]
    assert doc["total"]["indicadores"] == ninguno(verde=1, rojo=1, sin_reporte=n_eje4 - 2)  # 4.6.8.a, 4.6.8.b
    # only institutions responsible for something in eje 4
    assert {c["institucion"] for c in doc["completitud"]} == {"BANDESAL", "MRREE", "MITUR", "CORSATUR", "ISTU"}


def test_filtro_institucion(ws: Path) -> None:
    doc = estado_json(ws, "--corte", CORTE, "--institucion", "BANDESAL")
    assert doc["filtros"] == {"eje": None, "institucion": "BANDESAL", "semaforo": None, "buscar": None}
    assert [i["id"] for i in doc["indicadores"]] == ["4.6.8.a", "4.6.8.b"]  # BANDESAL: activity 4.6.8 only
    assert [(a["id"], a["estado"]) for a in doc["actividades"]] == [("4.6.8", "rojo")]
    assert doc["total"]["indicadores"] == ninguno(verde=1, rojo=1)
    assert [(c["institucion"], c["periodo"], c["estado"]) for c in doc["completitud"]] == [
        ("BANDESAL", "2024-S2", "tarde"), ("BANDESAL", "2025-S1", "a_tiempo"), ("BANDESAL", "2025-S2", "faltante")]


def test_filtros_combinados(ws: Path) -> None:
    doc = estado_json(ws, "--corte", CORTE, "--eje", "1", "--institucion", "MTPS")
    assert [a["id"] for a in doc["actividades"]] == ["1.4.1", "1.4.2", "1.4.3"]
    assert doc["total"]["indicadores"] == ninguno(verde=1, sin_reporte=5)  # 1.4.1.a verde; a-b × 3 − 1


@pytest.mark.parametrize("variante", ["MPTS", "mtps", "Mtps"])
def test_institucion_acepta_variantes_de_la_fuente(ws: Path, variante: str) -> None:
    # the source writes «MPTS» in activity 1.4.3; it is the MTPS (plan/instituciones.yaml, alias)
    doc = estado_json(ws, "--corte", CORTE, "--institucion", variante)
    assert doc["filtros"]["institucion"] == "MTPS"
    assert doc == estado_json(ws, "--corte", CORTE, "--institucion", "MTPS")
    assert "1.4.3.a" in por_id(doc)
    assert {c["institucion"] for c in doc["completitud"]} == {"MTPS"}


def test_institucion_variante_en_la_tabla(ws: Path) -> None:
    r = correr("estado", "--corte", CORTE, "--institucion", "MPTS", cwd=ws)
    assert r.codigo == 0, r.err
    assert "institución MTPS" in plano(r.out)


# --- usage errors ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "mensaje"), [
    (["--eje", "9"], "--eje «9» no existe; los ejes son 0, 1, 2, 3, 4, 5, 6"),
    (["--eje", "eje1"], "--eje «eje1» no existe"),
    (["--institucion", "NOEXISTE"], "--institucion «NOEXISTE» no está en plan/instituciones.yaml"),
    (["--corte", "2025-13-01"], "--corte «2025-13-01»: no es una fecha válida; use AAAA-MM-DD"),
    (["--corte", "31/12/2025"], "no es una fecha válida"),
    (["--corte", "2025-12-31", "--periodo", "2025-S1"], "use --corte o --periodo, no los dos"),
    (["--periodo", "2025-S3"], "--periodo «2025-S3»: use AAAA-S1 o AAAA-S2"),
    (["--periodo", "2023-S2"], "--periodo 2023-S2: el plan va de 2024-S2 a 2028-S2"),
    (["--formato", "xml"], "--formato «xml» no existe"),
])
def test_errores_de_uso(ws: Path, args: list[str], mensaje: str) -> None:
    for formato in ([], ["--formato", "json"]) if "--formato" not in args else ([],):
        r = correr("estado", *formato, *args, cwd=ws)
        assert r.codigo == 2
        assert r.out == ""
        assert r.err.startswith("pni: ")
        assert mensaje in r.err
        assert "Traceback" not in r.err


@pytest.mark.parametrize(("archivo", "cambio"), [
    ("plan.yaml", lambda t: t.replace("verde: 90", "verde: noventa")),
    ("eje-3-movilidad-laboral.yaml", lambda t: t + "\n  - [sin cerrar\n"),
])
def test_plan_roto_sale_con_1_y_remite_a_validar(ws: Path, archivo: str, cambio: Any) -> None:
    ruta = ws / "plan" / archivo
    ruta.write_text(cambio(ruta.read_text(encoding="utf-8")), encoding="utf-8")
    for formato in ("tabla", "json"):
        r = correr("estado", "--corte", CORTE, "--formato", formato, cwd=ws)
        assert r.codigo == 1
        assert r.out == ""
        assert "pni validar" in r.err
        assert f"plan/{archivo}" in r.err
        assert "Traceback" not in r.err


def test_plan_sin_instituciones(ws: Path) -> None:
    (ws / "plan" / "instituciones.yaml").unlink()
    r = correr("estado", "--corte", CORTE, cwd=ws)
    assert r.codigo == 1
    assert "pni validar" in r.err


# --- the table ------------------------------------------------------------------------------------------------

# every state as a word, next to its own symbol (whatever the symbols are, they must differ)
PALABRAS = {"cumplida": "cumplida", "verde": "verde", "amarillo": "amarillo", "rojo": "rojo",
            "no_cumplida": "no cumplida", "en_curso": "en curso", "sin_reporte": "sin reporte",
            "no_iniciada": "no iniciada", "meta_por_definir": "meta por definir"}


def test_cada_estado_tiene_su_simbolo() -> None:
    assert set(SIMBOLOS) == set(PALABRAS)
    assert len(set(SIMBOLOS.values())) == len(SIMBOLOS)
    assert all(s.strip() for s in SIMBOLOS.values())


def test_tabla_sin_color_conserva_palabras_y_simbolos(ws: Path) -> None:
    out = tabla(ws, "--corte", CORTE)
    assert "\x1b[" not in out  # NO_COLOR and a pipe: no escape codes
    texto = plano(out)
    assert "situación al 31/01/2026" in texto
    assert "3 semestres evaluados: 2024-S2 a 2025-S2" in texto
    leyenda = texto[texto.index("Leyenda:"):]
    for estado, palabra in PALABRAS.items():
        assert f"{SIMBOLOS[estado]} {palabra}: " in leyenda
    assert "«revisar meta»: lo reportado pasa del 130 % de lo esperado" in leyenda
    assert "logro ≥ 90 %" in leyenda and "logro < 70 %" in leyenda
    # alerts name the indicators
    assert "Revisar meta (1): 1.4.1.a" in texto
    assert "Niveles discrepantes" not in texto  # 3.3.1.a's DGME and MTPS differ, but only MRREE's counts


def test_tabla_detalle_muestra_ids_y_estados(ws: Path) -> None:
    sin = plano(tabla(ws, "--corte", CORTE))
    assert "4.6.8.a" not in sin
    con = plano(tabla(ws, "--corte", CORTE, "--detalle"))
    for texto in ("4.6.8 ", "4.6.8.a", "4.6.8.b", "Eje 4 · Atención a la Diáspora"):
        assert texto in con
    # one line per indicator: id, state, logro, reported of expected with the unit
    assert f"4.6.8.b {SIMBOLOS['rojo']} rojo 60 % 90 de 150 miembros" in con
    assert f"4.6.8.a {SIMBOLOS['verde']} verde 100 % 1 de 1 nuevas líneas de crédito" in con
    # the 2025-S2 report is missing, 2024-S2 came 5 days late (no file with errors, none incomplete)
    assert "BANDESAL 2025-S2 — — 2024-S2 (5)" in con


def test_banner_solo_con_datos_ilustrativos(ws: Path) -> None:
    assert "DATOS ILUSTRATIVOS" not in tabla(ws, "--corte", CORTE)
    assert estado_json(ws, "--corte", CORTE)["ilustrativo"] is False
    avance(ws, "2024-S2", "OIM", "2025-01-10", {"1.1.2.b": 5}, ilustrativo=True)
    texto = plano(tabla(ws, "--corte", CORTE))
    assert "DATOS ILUSTRATIVOS" in texto
    assert "de avance con errores" not in texto
    assert estado_json(ws, "--corte", CORTE)["ilustrativo"] is True


def test_banner_con_los_avances_del_repositorio(espacio_con_avances: Path) -> None:
    assert "DATOS ILUSTRATIVOS" in tabla(espacio_con_avances, "--corte", CORTE)


def test_archivo_invalido_se_deja_fuera_y_se_avisa(ws: Path) -> None:
    # no fecha_reporte: the file does not follow the format, so nothing in it counts
    escribir(ws / "avances" / "2025-S1" / "MTPS.yaml",
             'periodo: 2025-S1\ninstitucion: MTPS\nreportes:\n  - indicador: "1.4.1.b"\n    valor: 5\n')
    texto = plano(tabla(ws, "--corte", CORTE))
    assert "⚠ 1 archivo de avance con errores no se cuenta: avances/2025-S1/MTPS.yaml (1 error)." in texto
    assert "pni validar" in texto
    doc = estado_json(ws, "--corte", CORTE)
    assert doc["archivos_con_errores"] == [{"archivo": "avances/2025-S1/MTPS.yaml", "institucion": "MTPS",
                                            "periodo": "2025-S1", "errores": 1, "codigos": ["PNI102"]}]
    assert por_id(doc)["1.4.1.b"]["estado"] == "sin_reporte"
    # delivered, but with errors: not «faltante»
    assert entregas(doc)[("MTPS", "2025-S1")]["estado"] == "con_errores"


# --- determinism ----------------------------------------------------------------------------------------------

def test_json_determinista(ws: Path) -> None:
    a = correr("estado", "--formato", "json", "--corte", CORTE, cwd=ws)
    b = correr("estado", "--formato", "json", "--corte", CORTE, cwd=ws)
    assert a.codigo == b.codigo == 0
    assert a.out == b.out


def test_json_determinista_con_los_avances_del_repositorio(espacio_con_avances: Path, tmp_path: Path) -> None:
    otra = tmp_path / "otra"
    shutil.copytree(espacio_con_avances / "plan", otra / "plan")
    shutil.copytree(espacio_con_avances / "avances", otra / "avances")
    a = correr("estado", "--formato", "json", "--corte", "2026-11-23", cwd=espacio_con_avances)
    b = correr("estado", "--formato", "json", "--corte", "2026-11-23", cwd=otra)  # another folder, same data
    assert a.codigo == b.codigo == 0
    assert a.out == b.out
    assert json.loads(a.out)["ilustrativo"] is True


# --- the institution's view -----------------------------------------------------------------------------------

def test_institucion_dice_que_debe_y_para_cuando(ws: Path) -> None:
    out = tabla(ws, "--corte", CORTE, "--institucion", "BANDESAL")
    texto = plano(out)
    # each semester it owes, how its report came, and the indicators it did not report
    assert "Informes de avance de BANDESAL" in texto
    assert "2024-S2 30/01/2025 04/02/2025 ▲ tarde (5 días)" in texto
    assert "2025-S1 30/07/2025 30/07/2025 ✔ a tiempo" in texto
    assert ("2025-S2 30/01/2026 — ✖ faltante · sin reportar 2 de 2 indicadores: 4.6.8.a, 4.6.8.b" in texto)
    # the next report it owes: 2026-S1, due 2026-07-30
    assert "Próximo plazo: 30/07/2026, el informe de 2026-S1 (2 indicadores)." in texto
    # its activity, one line per indicator, with its own figure beside the total
    assert f"4.6.8.b {SIMBOLOS['rojo']} rojo 60 % 90 de 150 miembros de la diáspora · BANDESAL: 90" in texto
    assert "4.6.8 " in texto and "compartida con MRREE" in texto
    # the table of every institution's debts is not this view's: its own is above
    assert "Informes faltantes, con errores, incompletos o tarde" not in texto
    assert "Total de BANDESAL" in texto and "Total del plan" not in texto


def test_institucion_que_no_informo_nada_se_muestra_sin_color(ws: Path) -> None:
    from pni_cli.evaluacion import evaluar_espacio
    from pni_cli.render.estado import texto_estado

    # OIM owes 1.1.2.a-b for 2024-S2 and sent nothing; MRREE reported nothing of its activity either
    ev = evaluar_espacio(ws, corte=CORTE, periodo=None, eje=None, institucion="OIM")
    out = texto_estado(ev.situacion, ev.plan, [], detalle=False, eje=None, institucion="OIM", color=True, ancho=120)
    assert "OIM no ha entregado ningún informe" in out
    tabla_ = out[out.index("Total de OIM"):].splitlines()[0]
    colores = re.compile(r"\x1b\[(?!0m|1m)[0-9;]*m")  # any style but bold (the footer's) and reset
    assert not colores.search(tabla_), tabla_  # the counts of its states: no colour
    # an institution that reported gets its colours
    ev = evaluar_espacio(ws, corte=CORTE, periodo=None, eje=None, institucion="BANDESAL")
    out = texto_estado(ev.situacion, ev.plan, [], detalle=False, eje=None, institucion="BANDESAL", color=True,
                       ancho=120)
    assert colores.search(out[out.index("Total de BANDESAL"):].splitlines()[0])


def test_antes_del_plan_no_dice_que_todo_se_entrego(ws: Path) -> None:
    texto = plano(tabla(ws, "--corte", "2020-01-01"))
    assert "anterior al cierre del primer semestre del plan (2024-S2" in texto
    assert "entregaron completos" not in texto
    # with the first semester en plazo nothing is due either: nobody «delivered everything»
    texto = plano(tabla(ws, "--corte", "2025-01-15"))
    assert "Aún no vence ningún informe de avance: 2024-S2 está en plazo hasta el 30/01/2025." in texto
    assert "entregaron completos" not in texto


# --- --semaforo and --buscar -----------------------------------------------------------------------------------

def test_semaforo_filtra_todas_las_tablas(ws: Path) -> None:
    doc = estado_json(ws, "--corte", CORTE, "--semaforo", "rojo,verde")
    assert doc["filtros"]["semaforo"] == ["rojo", "verde"]
    assert sorted(i["id"] for i in doc["indicadores"]) == ["1.4.1.a", "4.6.8.a", "4.6.8.b", "5.4.1.a"]
    assert doc["total"]["indicadores"] == ninguno(verde=3, rojo=1)
    assert {a["id"] for a in doc["actividades"]} == {"1.4.1", "4.6.8", "5.4.1"}
    # deliveries of those indicators only: DGME owes 5.4.1.a and delivered it each semester
    assert not [c for c in doc["completitud"] if c["institucion"] == "DGME" and c["estado"] == "faltante"]
    texto = plano(tabla(ws, "--corte", CORTE, "--semaforo", "rojo"))
    assert "Filtro: semáforo rojo" in texto and "Total filtrado" in texto
    assert f"4.6.8.b {SIMBOLOS['rojo']} rojo" in texto
    assert "4.6.8.a" not in texto and "5.4.1.a" not in texto


@pytest.mark.parametrize("escrito", ["sin reporte", "Sin-Reporte", "SIN_REPORTE"])
def test_semaforo_acepta_el_estado_como_se_escriba(ws: Path, escrito: str) -> None:
    doc = estado_json(ws, "--corte", CORTE, "--semaforo", escrito)
    assert doc["filtros"]["semaforo"] == ["sin_reporte"]
    assert {i["estado"] for i in doc["indicadores"]} == {"sin_reporte"}


def test_buscar_sin_tildes_ni_mayusculas(ws: Path) -> None:
    # 4.6.8.a «nuevas líneas de crédito»
    doc = estado_json(ws, "--corte", CORTE, "--buscar", "LINEAS credito")
    assert "4.6.8.a" in [i["id"] for i in doc["indicadores"]]
    assert doc["filtros"]["buscar"] == "LINEAS credito"
    nada = plano(tabla(ws, "--corte", CORTE, "--buscar", "palabraquenoexiste"))
    assert "Ningún indicador coincide con el filtro." in nada
    assert "entregaron completos" not in nada


@pytest.mark.parametrize(("args", "mensaje"), [
    (["--semaforo", "morado"], "--semaforo «morado» no es un estado del semáforo"),
    (["--semaforo", ","], "--semaforo necesita uno o varios estados"),
    (["--buscar", "  "], "--buscar necesita una o varias palabras"),
])
def test_filtros_mal_escritos_son_errores_de_uso(ws: Path, args: list[str], mensaje: str) -> None:
    r = correr("estado", *args, cwd=ws)
    assert r.codigo == 2 and r.out == ""
    assert mensaje in r.err


def test_estados_con_colores_y_simbolos_distintos() -> None:
    from pni_cli.render.estado import ESTILOS

    assert len(set(ESTILOS.values())) == len(ESTILOS) == 9
    assert set(ESTILOS) == set(SIMBOLOS)
