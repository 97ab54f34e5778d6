"""Fuzzing through the real CLI (hypothesis): a valid file of the workspace — a progress file or a file of the plan —
is mutated, byte by byte or in its YAML structure (a value replaced by any other, a key dropped, an element
repeated), and `pni validar`, `pni estado` and `pni reporte` must answer with problems or with their output, never
with an internal error or a traceback, and never print a control, bidi or invisible character.

Deterministic (derandomize) and bounded, so that CI is never flaky and the module runs in seconds;
`PNI_FUZZ_EJEMPLOS=500` runs more examples (random ones) when hunting.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tests.conftest import REPO, correr
from tests.unit.test_texto_seguro import peligrosos

CORTE = "2026-11-23"
AVANCE = "avances/2025-S2/DGME.yaml"
PLAN = ["plan/plan.yaml", "plan/eje-3-movilidad-laboral.yaml", "plan/instituciones.yaml"]
_EJEMPLOS = int(os.environ.get("PNI_FUZZ_EJEMPLOS", "0"))
AJUSTES = settings(max_examples=_EJEMPLOS or 6, derandomize=not _EJEMPLOS, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    raiz = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "plan", raiz / "plan")
    for periodo in ("2025-S1", "2025-S2"):
        (raiz / "avances" / periodo).mkdir(parents=True)
        for clave in ("DGME", "MTPS", "MRREE"):
            shutil.copyfile(REPO / "avances" / periodo / f"{clave}.yaml", raiz / "avances" / periodo / f"{clave}.yaml")
    yield raiz


# --- mutations ---------------------------------------------------------------------------------------------------

RAROS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from([0, -1, 1, 3_000_000, 10**12 + 1, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["２０２５-S1", "٢٠٢٥-S1", "0000-S1", "9999-S2", "1.4.1.a", "3.10", "", " ", "MTPS", "x" * 300,
                     "\x1b[2J\x1b]52;c;aGk=\x07", "\u202eRLO", "1.4.2\u200d.a", "\ufffe", "[/] [link=http://x]a[/link]",
                     "[x](http://evil) ![i](http://e/i.png) *em*", "=HYPERLINK(\"http://x\")", "{{ 7 * 7 }}",
                     "2024-02-30", "porcentaje", "conteo", "hito", "por_definir", "anual", "total"]),
    st.text(max_size=12),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=3),
    st.dictionaries(st.sampled_from(["valor", "tipo", "desde", "hasta", "x"]), st.integers(), max_size=2),
)


def _hojas(datos: Any, ruta: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value (leaves and collections) of `datos`."""
    out = [ruta]
    if isinstance(datos, dict):
        for k, v in datos.items():
            out += _hojas(v, (*ruta, k))
    elif isinstance(datos, list):
        for i, v in enumerate(datos):
            out += _hojas(v, (*ruta, i))
    return out


def _en(datos: Any, ruta: tuple[Any, ...]) -> Any:
    for k in ruta:
        datos = datos[k]
    return datos


@st.composite
def mutacion_estructural(draw: st.DrawFn, original: bytes) -> bytes:
    y = YAML(typ="safe", pure=True)
    datos = y.load(io.BytesIO(original))
    datos = copy.deepcopy(datos)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        rutas = [r for r in _hojas(datos) if r]
        if not rutas:  # everything was removed already
            break
        ruta = draw(st.sampled_from(rutas))
        padre = _en(datos, ruta[:-1])
        que = draw(st.sampled_from(["reemplazar", "reemplazar", "quitar", "repetir"]))
        if que == "reemplazar":
            padre[ruta[-1]] = draw(RAROS)
        elif que == "quitar":
            del padre[ruta[-1]]
        elif isinstance(padre, list):
            padre.insert(ruta[-1], copy.deepcopy(padre[ruta[-1]]))
    salida = io.StringIO()
    escritor = YAML(typ="safe", pure=True)
    escritor.allow_unicode = True
    escritor.dump(datos, salida)
    return salida.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def mutacion_de_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    datos = bytearray(original)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        pos = draw(st.integers(min_value=0, max_value=max(len(datos) - 1, 0)))
        que = draw(st.sampled_from(["cambiar", "insertar", "borrar", "cortar"]))
        if que == "cambiar" and datos:
            datos[pos] = draw(st.integers(min_value=0, max_value=255))
        elif que == "insertar":
            datos[pos:pos] = draw(st.sampled_from([b"\t", b"\x00", b"\xff", b"&a ", b"*a", b"- ", b": ", b"\n  ",
                                                   b"!!python/object:os.system ", b"[", b"{", b'"', b"'",
                                                   b"%YAML 1.3\n", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\r", b"#"]))
        elif que == "borrar":
            del datos[pos:pos + draw(st.integers(min_value=1, max_value=20))]
        else:
            del datos[pos:]
    return bytes(datos)


def mutaciones(ruta: str) -> st.SearchStrategy[bytes]:
    original = (REPO / ruta).read_bytes()
    return st.one_of(mutacion_estructural(original), mutacion_de_bytes(original))


# --- the property ----------------------------------------------------------------------------------------------------

def _sin_error_interno(ws: Path) -> None:
    for args in (("validar",), ("estado",), ("reporte",)):
        r = correr(*args, "--corte", CORTE, cwd=ws)
        for flujo in (r.out, r.err):
            assert "error interno" not in flujo and "Traceback" not in flujo, (args, r.err[-2000:])
            malos = peligrosos(flujo, "\n")
            assert not malos, (args, malos[:5])
        assert r.codigo in (0, 1), (args, r.codigo, r.err[-2000:])


def _probar(ws: Path, ruta: str, contenido: bytes) -> None:
    destino = ws / ruta
    original = destino.read_bytes()
    try:
        destino.write_bytes(contenido)
        _sin_error_interno(ws)
    finally:
        destino.write_bytes(original)


@AJUSTES
@given(st.data())
def test_un_avance_mutado_nunca_da_un_error_interno(ws: Path, data: st.DataObject) -> None:
    _probar(ws, AVANCE, data.draw(mutaciones(AVANCE)))


@AJUSTES
@given(st.data())
def test_un_archivo_del_plan_mutado_nunca_da_un_error_interno(ws: Path, data: st.DataObject) -> None:
    ruta = data.draw(st.sampled_from(PLAN))
    _probar(ws, ruta, data.draw(mutaciones(ruta)))


@pytest.mark.parametrize("ruta, antes, despues", [
    ("plan/plan.yaml", "plazo_dias: 30", "plazo_dias: 3000000"),
    ("plan/plan.yaml", "  desde: 2024", "  desde: 1"),
    ("plan/plan.yaml", "  hasta: 2028", "  hasta: 9999"),
    ("plan/plan.yaml", 'primer_periodo: "2024-S2"', 'primer_periodo: "0000-S1"'),
    ("plan/plan.yaml", 'ultimo_periodo: "2028-S2"', 'ultimo_periodo: "9999-S2"'),
    ("plan/plan.yaml", "revisar_meta: 130", "revisar_meta: 1.0e+308"),
    ("plan/eje-3-movilidad-laboral.yaml", "valor: 5000", "valor: 1.0e+300"),
    (AVANCE, "periodo: 2025-S2", "periodo: 0000-S2"),
    (AVANCE, "periodo: 2025-S2", "periodo: 9999-S2"),
])
def test_valores_extremos_que_el_motor_no_puede_usar_no_pasan_validar(ws: Path, ruta: str, antes: str,
                                                                       despues: str) -> None:
    """Values found by hand and by the fuzzer: each is refused by validar (with its place) or computed with."""
    texto = (REPO / ruta).read_text(encoding="utf-8")
    assert antes in texto, antes
    _probar(ws, ruta, texto.replace(antes, despues, 1).encode())
