"""Property tests (hypothesis): whatever a progress file holds, `pni validar` answers with problems, never with an
exception; validating twice gives the same answer; `pni estado --formato json` is strict JSON; and the same inputs
give the same `pni estado --formato json` and `pni reporte` (Markdown and Excel), byte for byte.

The in-process properties run `pni_cli.validar.validar_espacio` on a throwaway workspace with the real plan; the plan is
loaded once (its own loading is tested elsewhere) so that each example costs only the progress file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pni_cli import evaluacion, validar
from pni_cli.avance import MAX_PLAUSIBLE
from pni_cli.lectura import espacio as workspace
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.problemas import TIPOS, Problema
from pni_cli.render.estado_json import a_json
from pni_cli.render.validacion import texto as texto_problemas
from tests.cli.test_catalogo_malos import correr
from tests.conftest import REPO

CORTE = dt.date(2026, 11, 23)
ARCHIVO = "avances/2025-S1/MTPS.yaml"


@cache
def _ids() -> tuple[list[str], list[str]]:
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    return sorted(i.id for a in plan.actividades.values() for i in a.indicadores), sorted(plan.instituciones)


@pytest.fixture(scope="module")
def espacio_modulo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A workspace with the real plan, whose plan is loaded once for the whole module."""
    raiz = tmp_path_factory.mktemp("propiedades")
    shutil.copytree(REPO / "plan", raiz / "plan")
    (raiz / "avances" / "2025-S1").mkdir(parents=True)
    plan, problemas = cargar_plan(raiz)
    assert plan is not None and not problemas

    def una_vez(r: Path) -> tuple[Any, list[Problema]]:
        return (plan, []) if r == raiz else cargar_plan(r)  # a new list: validar extends it

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(validar, "cargar_plan", una_vez)
        mp.setattr(workspace, "cargar_plan", una_vez)  # the cache looks it up there at each call
        yield raiz


# --- strategies ------------------------------------------------------------------------------------------------

TEXTO = st.text(st.characters(codec="utf-8"), max_size=25)  # any character but lone surrogates
NUMERO = st.one_of(st.integers(min_value=-(10**40), max_value=10**40), st.floats(allow_nan=True, allow_infinity=True),
                   st.integers(min_value=0, max_value=200))
ESCALAR = st.one_of(NUMERO, st.booleans(), st.none(), TEXTO, st.dates())
RARO = st.one_of(ESCALAR, st.lists(ESCALAR, max_size=3), st.dictionaries(TEXTO, ESCALAR, max_size=3))
PERIODOS = ["2024-S2", "2025-S1", "2025-S2", "2026-S1", "2026-S2", "2025-s1", "2025-1", "2025-S3", "2030-S1"]
ESTADOS = ["no_iniciada", "en_curso", "completada", "suspendida", "En curso"]
DIMENSIONES = ["sexo", "edad", "nacionalidad", "departamento", "genero"]


def _reporte(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"indicador": st.one_of(st.sampled_from(ids), TEXTO, NUMERO), "valor": st.one_of(NUMERO, RARO)},
        optional={
            "desglose": st.one_of(RARO, st.dictionaries(st.sampled_from(DIMENSIONES),
                                                        st.dictionaries(TEXTO, NUMERO, max_size=3), max_size=2)),
            "estado": st.one_of(st.sampled_from(ESTADOS), RARO),
            "evidencia": st.one_of(st.lists(TEXTO, max_size=3), RARO),
            "observaciones": st.one_of(TEXTO, RARO),
            "otro": RARO,
        })


@st.composite
def registros(draw: st.DrawFn) -> dict[str, Any]:
    """A progress record shaped like the real thing, with any value in any field."""
    ids, claves = _ids()
    base = draw(st.fixed_dictionaries(
        {"periodo": st.one_of(st.sampled_from(PERIODOS), RARO),
         "institucion": st.one_of(st.sampled_from(["MTPS", *claves[:5]]), RARO),
         "fecha_reporte": st.one_of(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31)), RARO),
         "reportes": st.one_of(st.lists(_reporte(ids), max_size=4), RARO)},
        optional={"reportado_por": st.one_of(TEXTO, RARO), "ilustrativo": st.one_of(st.booleans(), RARO),
                  "extra": RARO}))
    return base


def _yaml_seguro(datos: Any) -> str:
    y = YAML(typ="safe", pure=True)
    y.allow_unicode = True
    buf = io.StringIO()
    y.dump(datos, buf)
    return buf.getvalue()


def _yaml_ingenuo(datos: Any, sangria: str = "") -> str:
    """YAML as a person types it: every value written as it prints, never quoted."""
    if isinstance(datos, dict):
        return "".join(f"{sangria}{k}:" + (f"\n{_yaml_ingenuo(v, sangria + '  ')}" if isinstance(v, dict | list) and v
                                            else f" {'' if v is None else v}\n") for k, v in datos.items())
    if isinstance(datos, list):
        return "".join(f"{sangria}-\n{_yaml_ingenuo(v, sangria + '  ')}" if isinstance(v, dict | list) and v
                       else f"{sangria}- {v}\n" for v in datos)
    return f"{sangria}{datos}\n"


# --- properties ------------------------------------------------------------------------------------------------

def _firma(problemas: list[Problema]) -> list[tuple[str, str, int, int, str, str]]:
    return [(p.codigo, p.archivo, p.linea, p.columna, p.mensaje, p.severidad.value) for p in problemas]


def _validar_dos_veces(raiz: Path, contenido: bytes) -> list[Problema]:
    (raiz / ARCHIVO).write_bytes(contenido)
    res = validar.validar_espacio(raiz, None, CORTE)  # must not raise, whatever the file holds
    otra = validar.validar_espacio(raiz, None, CORTE)
    assert _firma(otra.problemas) == _firma(res.problemas)
    for p in res.problemas:
        assert p.codigo in TIPOS
        assert p.archivo == ARCHIVO, p  # the plan is fine: every problem is the progress file's
        assert p.linea >= 0 and p.columna >= 0
        assert p.mensaje.strip()
        p.mensaje.encode("utf-8")  # printable as it is
        assert "\n" not in p.mensaje and "\r" not in p.mensaje, p  # one problem, one line: nothing forged
    texto_problemas(res).encode("utf-8")
    return res.problemas


_AJUSTES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])


@_AJUSTES
@given(registros(), st.booleans())
def test_cualquier_registro_da_problemas_y_nunca_una_excepcion(espacio_modulo: Path, registro: dict[str, Any],
                                                               ingenuo: bool) -> None:
    texto = _yaml_ingenuo(registro) if ingenuo else _yaml_seguro(registro)
    _validar_dos_veces(espacio_modulo, texto.encode("utf-8", "surrogatepass"))


VALIDO = (REPO / "tests" / "fixtures" / "malos" / "yaml" / "carpeta-equivocada.yaml").read_bytes()
_PIEZAS = [b" ", b"\t", b"\n", b"\r", b":", b"- ", b"[", b"]", b"{", b"}", b'"', b"'", b"&a ", b"*a", b"!!python/x ",
           b"!t ", b"<<: ", b"? ", b"#", b"%YAML 1.1\n", b"---\n", b"...\n", b"|", b">", b"\\", b"\x00", b"\x07",
           b"\xef\xbb\xbf", b"\xff", b"\xc3", "ñ".encode(), b"0042", b"3.10", b"1e400", b".nan", b"yes", b"~",
           b"2024-02-30", b"9" * 120, b"\xe2\x80\xa8"]


@_AJUSTES
@given(st.lists(st.tuples(st.sampled_from(["borrar", "insertar", "reemplazar", "duplicar-linea", "cortar"]),
                          st.integers(min_value=0, max_value=len(VALIDO)), st.sampled_from(_PIEZAS)),
                min_size=1, max_size=8))
def test_mutaciones_de_un_archivo_valido_dan_problemas_y_nunca_una_excepcion(
        espacio_modulo: Path, ediciones: list[tuple[str, int, bytes]]) -> None:
    datos = VALIDO
    for que, pos, pieza in ediciones:
        pos = min(pos, len(datos))
        if que == "borrar":
            datos = datos[:pos] + datos[pos + len(pieza):]
        elif que == "insertar":
            datos = datos[:pos] + pieza + datos[pos:]
        elif que == "reemplazar":
            datos = datos[:pos] + pieza + datos[pos + len(pieza):]
        elif que == "duplicar-linea":
            inicio = datos.rfind(b"\n", 0, pos) + 1
            fin = datos.find(b"\n", pos)
            fin = len(datos) if fin < 0 else fin + 1
            datos = datos[:fin] + datos[inicio:fin] + datos[fin:]
        else:
            datos = datos[:pos]
    _validar_dos_veces(espacio_modulo, datos)


@st.composite
def registros_validos(draw: st.DrawFn) -> dict[str, Any]:
    """A record that passes validation, with numbers up to the plausible maximum (10^12, PNI307 beyond)."""
    ids, _ = _ids()
    numero = st.one_of(st.integers(min_value=0, max_value=MAX_PLAUSIBLE), st.floats(min_value=0, max_value=1e12),
                       st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=100))
    elegidos = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
    return {"periodo": "2025-S1", "institucion": "MTPS", "fecha_reporte": dt.date(2025, 7, 14),
            "reportes": [{"indicador": i, "valor": draw(numero)} for i in elegidos]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(registros_validos(), min_size=1, max_size=3))
def test_estado_json_es_json_estricto_con_cualquier_numero(espacio_modulo: Path,
                                                          registros: list[dict[str, Any]]) -> None:
    """Any plausible value never makes estado fail nor write NaN or Infinity."""
    _estado_json_estricto(espacio_modulo, registros)


def test_estado_json_es_json_estricto_aun_con_un_valor_absurdo(espacio_modulo: Path) -> None:
    _estado_json_estricto(espacio_modulo, [{"periodo": "2025-S1", "institucion": "MTPS",
                                            "fecha_reporte": dt.date(2025, 7, 14),
                                            "reportes": [{"indicador": "1.4.2.a", "valor": 1.7e308}]}])


def _estado_json_estricto(espacio_modulo: Path, registros: list[dict[str, Any]]) -> None:
    for n, r in enumerate(registros):
        carpeta = espacio_modulo / "avances" / ["2025-S1", "2025-S2", "2026-S1"][n]
        carpeta.mkdir(exist_ok=True)
        r = {**r, "periodo": carpeta.name, "fecha_reporte": fecha_de_entrega(carpeta.name)}
        (carpeta / "MTPS.yaml").write_text(_yaml_seguro(r), encoding="utf-8")
    try:
        ev = evaluacion.evaluar_espacio(espacio_modulo, corte=CORTE.isoformat(), periodo=None, eje=None,
                                        institucion=None)
        salida = a_json(ev.situacion, ev.plan, ev.invalidos)

        def rechazar(constante: str) -> Any:
            raise AssertionError(f"«{constante}» no es JSON")

        doc = json.loads(salida, parse_constant=rechazar)
        assert doc["version"] == 2
        for ind in doc["indicadores"]:
            for clave in ("esperado", "reportado", "logro"):
                assert ind[clave] is None or math.isfinite(ind[clave]), ind
    finally:
        for carpeta in (espacio_modulo / "avances").iterdir():
            shutil.rmtree(carpeta)
        (espacio_modulo / "avances" / "2025-S1").mkdir()


def fecha_de_entrega(periodo: str) -> dt.date:
    """A delivery date a few days after the semester's end."""
    anio, s = int(periodo[:4]), periodo[-1]
    return dt.date(anio, 7, 10) if s == "1" else dt.date(anio + 1, 1, 10)


# --- the same inputs, the same outputs (the real CLI, a handful of random workspaces) ---------------------------

@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(registros_validos(), min_size=1, max_size=3), st.sampled_from(["2026-01-31", "2026-11-23"]))
def test_mismas_entradas_mismas_salidas(tmp_path_factory: pytest.TempPathFactory, registros: list[dict[str, Any]],
                                        corte: str) -> None:
    raiz = tmp_path_factory.mktemp("deterministas")
    shutil.copytree(REPO / "plan", raiz / "plan")
    for n, r in enumerate(registros):
        periodo = ["2025-S1", "2025-S2", "2026-S1"][n]
        destino = raiz / "avances" / periodo / "MTPS.yaml"
        destino.parent.mkdir(parents=True)
        destino.write_text(_yaml_seguro({**r, "periodo": periodo, "fecha_reporte": fecha_de_entrega(periodo)}),
                           encoding="utf-8")
    salidas = []
    for vez in range(2):
        estado = correr("estado", "--formato", "json", "--corte", corte, cwd=raiz)
        md = correr("reporte", "--corte", corte, cwd=raiz)
        xlsx = raiz / f"informe-{vez}.xlsx"
        excel = correr("reporte", "--formato", "xlsx", "--salida", str(xlsx), "--corte", corte, cwd=raiz)
        for s in (estado, md, excel):
            assert s.codigo == 0, s
            assert "Traceback" not in s.err
        salidas.append((estado.out, md.out, xlsx.read_bytes()))
    assert salidas[0][0] == salidas[1][0], "pni estado --formato json cambió entre dos ejecuciones"
    assert salidas[0][1] == salidas[1][1], "pni reporte (Markdown) cambió entre dos ejecuciones"
    assert salidas[0][2] == salidas[1][2], "pni reporte --formato xlsx cambió entre dos ejecuciones"
