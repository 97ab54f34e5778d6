"""The pure pieces of the terminal views: Spanish plurals, search without accents, lines wrapped between items,
bars on one scale, figures with units, the parsing of --semaforo, and validar's lines wrapped for a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from pni_cli.consultas import estados_pedidos
from pni_cli.errores import ErrorDeUso
from pni_cli.lenguaje import contar, contiene_palabras, lista, normalizar, plural, verbo
from pni_cli.plan import Meta
from pni_cli.progreso import ESTADOS
from pni_cli.render.piezas import barra, cantidad, envolver, escala, valor
from pni_cli.render.validacion import envolver as envolver_linea
from pni_cli.semaforo import SIMBOLOS


@pytest.mark.parametrize(("singular", "esperado"), [
    ("informe", "informes"), ("institución", "instituciones"), ("indicador", "indicadores"),
    ("actividad", "actividades"), ("error", "errores"), ("aviso", "avisos"), ("día", "días"),
    ("intervención", "intervenciones"), ("revisado", "revisados"), ("vez", "veces")])
def test_plurales(singular: str, esperado: str) -> None:
    assert plural(singular) == esperado


def test_contar_y_concordar() -> None:
    assert contar(1, "informe") == "1 informe"
    assert contar(0, "informe") == "0 informes"
    assert contar(1234, "institución") == "1,234 instituciones"
    assert verbo(1, "falta", "faltan") == "falta" and verbo(3, "falta", "faltan") == "faltan"
    assert lista(["rojo", "verde", "amarillo"], "o") == "rojo, verde o amarillo"


def test_buscar_sin_tildes_ni_mayusculas() -> None:
    assert normalizar("  Migración   LABORAL Niño ") == "migracion laboral nino"
    assert contiene_palabras("Movilidad laboral y migración", "MIGRACION laboral")
    assert not contiene_palabras("Movilidad laboral", "migración")


def _lineas(t: object, ancho: int) -> list[str]:
    consola = Console(width=ancho, color_system=None, highlight=False, emoji=False, markup=False)
    with consola.capture() as c:
        consola.print(t)
    return c.get().rstrip("\n").split("\n")


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.lists(st.text(alphabet="abcdeñó.-", min_size=1, max_size=12), min_size=1, max_size=30),
       st.integers(min_value=20, max_value=120))
def test_envolver_nunca_pasa_del_ancho_ni_parte_un_item(items: list[str], ancho: int) -> None:
    t = envolver(items, ancho, separador=", ", sangria=2, prefijo="Lista: ")
    lineas = _lineas(t, ancho)
    assert all(len(x) <= ancho for x in lineas), lineas
    assert t.plain.count("\n") == len(lineas) - 1  # rich never had to wrap it again
    trozos = [p.strip() for x in lineas for p in x.removeprefix("Lista: ").split(",") if p.strip()]
    assert trozos == items


def test_envolver_un_item_mas_largo_que_la_linea_se_parte_entre_palabras() -> None:
    t = envolver(["institución MTPS (Ministerio de Trabajo y Previsión Social)"], 40, sangria=2, prefijo="Filtro: ")
    assert t.plain == "Filtro: institución MTPS (Ministerio de\n  Trabajo y Previsión Social)"


def test_una_barra_es_tan_larga_como_su_cuenta() -> None:
    conteo = {"verde": 3, "rojo": 1}
    assert barra(conteo).plain == "●●●✖"
    assert barra({"verde": 40, "rojo": 2}, escala(42, 10)).plain == "●●●●●●●✖"  # 5 per symbol: 8.4 → 8, rojo shows
    # eje 0 at 80 columns: 19 indicators at 4 per symbol, 5 symbols for 6 states: the single verde shows
    eje_0 = {"verde": 1, "amarillo": 4, "rojo": 4, "en_curso": 4, "sin_reporte": 5, "meta_por_definir": 1}
    assert barra(eje_0, 4).plain == "●▲✖◐?"
    # objective 10: 4 indicators at 2 per symbol, 2 symbols for 3 states: the rojo before the amarillo
    assert barra({"amarillo": 1, "rojo": 1, "sin_reporte": 2}, 2).plain == "✖?"
    assert len(barra({"verde": 42}, 5).plain) == 8  # 42 / 5 = 8.4
    assert len(barra({"sin_reporte": 1}, 5).plain) == 1  # one indicator still shows
    assert escala(42, 42) == 1 and escala(42, 10) == 5


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(ESTADOS), st.integers(min_value=0, max_value=60), max_size=9),
       st.integers(min_value=1, max_value=8))
def test_una_barra_es_proporcional_y_no_esconde_estados(conteo: dict[str, int], por_simbolo: int) -> None:
    """As long as the rounded count (each symbol is worth the same in every row); every state present is shown
    while the bar has room, the larger counts first; a state with more indicators never gets fewer symbols."""
    texto = barra(conteo, por_simbolo, color=False).plain
    presentes = [e for e in ESTADOS if conteo.get(e, 0)]
    total = sum(conteo.values())
    largo = max(1, int(total / por_simbolo + 0.5)) if total else 0
    assert len(texto) == largo
    simbolos = {e: texto.count(SIMBOLOS[e]) for e in ESTADOS}
    assert all(simbolos[e] == 0 for e in ESTADOS if e not in presentes)
    assert sum(simbolos[e] > 0 for e in presentes) == min(len(presentes), largo), (conteo, texto)
    assert all(simbolos[a] >= simbolos[b] for a in presentes for b in presentes if conteo[a] > conteo[b]), texto


def test_las_cifras_llevan_su_unidad_y_los_conteos_son_enteros() -> None:
    personas = Meta("100 personas por año.", "conteo", 100, "personas", "anual")
    assert cantidad(2222.2, personas, calculado=True) == "2,222 personas"
    assert valor(5.5, personas) == "5.5"  # reported as written
    porcentaje = Meta("75% de brechas.", "porcentaje", 75, None, "total")
    assert cantidad(18.75, porcentaje) == "18.8 %"


@pytest.mark.parametrize("esperado, texto", [(1.125, "1.1"), (0.375, "0.4"), (0.04, "0.04"), (3, "3"),
                                             (9.96, "10"), (12.5, "13"), (2222.2, "2,222")])
def test_lo_esperado_pequeno_lleva_un_decimal_y_nunca_se_redondea_a_cero(esperado: float, texto: str) -> None:
    estudios = Meta("Tres estudios.", "conteo", 3, "estudios", "total")
    assert valor(esperado, estudios, calculado=True) == texto


def test_semaforo_pedido() -> None:
    assert estados_pedidos("rojo, sin reporte,Meta-por-definir") == ("rojo", "sin_reporte", "meta_por_definir")
    assert estados_pedidos(",".join(ESTADOS)) == ESTADOS
    with pytest.raises(ErrorDeUso, match="morado"):
        estados_pedidos("rojo,morado")


def test_validar_parte_sus_lineas_entre_palabras_solo_para_una_terminal() -> None:
    linea = ("avances/2025-S1/MTPS.yaml:6:12: aviso PNI313 [conteo-no-entero] 5.5 participantes: un conteo suele "
             "ser un número entero")
    assert envolver_linea(linea, None) == linea
    partida = envolver_linea(linea, 50).split("\n")
    assert all(len(x) <= 50 for x in partida)
    assert " ".join(x.strip() for x in partida) == linea
