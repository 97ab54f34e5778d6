"""The YAML transcription of the PNI 2024-2028 (plan/*.yaml) matches its source text, element by element.

The source is the text of the published plan (tests.conftest.FUENTE). Its matrix runs from the line
starting «MATRIZ DE LA IMPLEMENTACIÓN» to the line «ANEXO»; each row is a line of 7 tab-separated cells
(INTERVENCIÓN, ACTIVIDADES, RESULTADOS ESPERADOS, RESPONSABLES, INDICADORES, META, PERIODO). A row belongs to
the activity whose id last started an ACTIVIDADES cell. The YAML texts are the source's texts with the HTML
tags <p>/</p> removed and whitespace collapsed; `normalizar` does the same to the source so that the two can
be compared literally.

The source is part of the repository (docs/fuente/): a missing source is a failure that says so, never a skip,
so that a clone without it cannot pass while checking nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pytest

from pni_cli.lectura.espacio import cargar_plan
from pni_cli.plan import Actividad, Eje, Indicador, Institucion, Intervencion, Meta, Nota, Plan
from tests.conftest import FUENTE, REPO

SIN_FUENTE = (f"no se encuentra el texto fuente {FUENTE} (debe estar en el repositorio, en docs/fuente/): sin él "
              "no se puede comparar la transcripción con la fuente")

# Columns of a matrix row.
INTERVENCION, ACTIVIDADES, RESULTADOS, RESPONSABLES, INDICADORES, META, PERIODO = range(7)
CABECERA = ("INTERVENCIÓN", "ACTIVIDADES", "RESULTADOS ESPERADOS", "RESPONSABLES", "INDICADORES", "META",
            "PERIODO")

RE_ETIQUETA = re.compile(r"</?p>")
RE_ID_INTERVENCION = re.compile(r"^(\d\.\d+)(\.?) ")
RE_ID_ACTIVIDAD = re.compile(r"^(\d\.\d+\.\d+)(\.?) ")
RE_TITULO_EJE = re.compile(r"^EJE TEMÁTICO (\d):")
RE_SIGLA = re.compile(r"\b[A-ZÁÉÍÓÚÜÑ]{2,}\b")
RE_ANIO = re.compile(r"\d{4}")
RE_ANEXO = re.compile(r"^(\d+)\. (.+)$")

# Per eje: (intervenciones, actividades) in the matrix, counted by hand from the source.
CONTEOS = {"0": (4, 12), "1": (4, 8), "2": (6, 14), "3": (6, 13), "4": (6, 20), "5": (7, 11), "6": (5, 12)}
# Glossary entries that are not bodies (and so are not in instituciones.yaml).
GLOSARIO_NO_INSTITUCIONES = {"FEMI", "Guía", "IGM", "PMM", "PNI"}
# Where the matrix spells an institution's siglas differently from the glossary.
VARIANTES = {"1.4.3": "MPTS", "6.3.2": "MIGOBBDT", "6.3.3": "MIGOBBDT", "6.4.1": "MIGOBBDT"}
NUMEROS = {"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
           "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20}


def normalizar(texto: str) -> str:
    """The source text the way the YAML quotes it: no <p>/</p> tags, whitespace collapsed to single spaces."""
    return " ".join(RE_ETIQUETA.sub(" ", texto).split())


# --- the source ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fila:
    linea: int  # 1-based line of the source file
    celdas: tuple[str, ...]  # the 7 cells, normalised


@dataclass
class ActividadFuente:
    id: str
    eje: str  # the matrix section (eje) it appears in
    intervencion: str | None  # the intervention id in force when it appears
    texto: str  # the ACTIVIDADES cell after the id
    con_punto: bool  # the id is written with a trailing dot («4.4.1.»)
    filas: list[Fila] = field(default_factory=list)

    def celdas(self, columna: int) -> list[str]:
        """The non-empty cells of one column, in the order of the rows."""
        return [f.celdas[columna] for f in self.filas if f.celdas[columna]]


@dataclass
class IntervencionFuente:
    id: str
    eje: str
    con_punto: bool  # the id is written with a trailing dot («0.1.»), where it first appears
    textos: set[str] = field(default_factory=set)  # the cell after the id, wherever it appears (3.3 repeats)


@dataclass
class Fuente:
    texto: str  # the whole file, normalised
    lineas: list[str]
    actividades: dict[str, ActividadFuente] = field(default_factory=dict)  # in source order
    intervenciones: dict[str, IntervencionFuente] = field(default_factory=dict)  # first appearance
    repetidas: list[str] = field(default_factory=list)  # activity ids that start more than one row
    raras: list[str] = field(default_factory=list)  # matrix lines that could not be read as rows
    glosario: dict[str, str] = field(default_factory=dict)
    anexo: dict[int, str] = field(default_factory=dict)

    def de_eje(self, eje: str) -> tuple[list[str], list[str]]:
        """(intervention ids, activity ids) of one eje's section of the matrix."""
        return ([i.id for i in self.intervenciones.values() if i.eje == eje],
                [a.id for a in self.actividades.values() if a.eje == eje])


def _indice(lineas: list[str], desde: int, cumple: str, exacta: bool) -> int:
    for i in range(desde, len(lineas)):
        if (lineas[i].strip() == cumple) if exacta else lineas[i].startswith(cumple):
            return i
    raise AssertionError(f"la fuente no tiene la línea {'' if exacta else 'que empieza por '}«{cumple}»")


def leer_fuente(crudo: str) -> Fuente:
    lineas = crudo.splitlines()
    fuente = Fuente(normalizar(crudo), lineas)
    inicio = _indice(lineas, 0, "MATRIZ DE LA IMPLEMENTACIÓN", exacta=False)
    fin = _indice(lineas, inicio, "ANEXO", exacta=True)
    eje = "0"
    actual: ActividadFuente | None = None
    intervencion: str | None = None
    for n in range(inicio + 1, fin):
        linea = lineas[n]
        if m := RE_TITULO_EJE.match(linea):
            eje, actual, intervencion = m.group(1), None, None
            continue
        if "\t" not in linea:
            continue
        crudas = linea.split("\t")
        if len(crudas) != len(CABECERA):
            fuente.raras.append(f"línea {n + 1}: {len(crudas)} columnas")
            continue
        celdas = tuple(normalizar(c) for c in crudas)
        if celdas == CABECERA:
            continue
        if m := RE_ID_INTERVENCION.match(celdas[INTERVENCION]):
            intervencion = m.group(1)
            fuente.intervenciones.setdefault(intervencion, IntervencionFuente(intervencion, eje, m.group(2) == "."))
            fuente.intervenciones[intervencion].textos.add(celdas[INTERVENCION][m.end():])
        if m := RE_ID_ACTIVIDAD.match(celdas[ACTIVIDADES]):
            if m.group(1) in fuente.actividades:
                fuente.repetidas.append(m.group(1))
            actual = ActividadFuente(m.group(1), eje, intervencion, celdas[ACTIVIDADES][m.end():],
                                     m.group(2) == ".")
            fuente.actividades.setdefault(actual.id, actual)
        if actual is None:
            fuente.raras.append(f"línea {n + 1}: fila antes de la primera actividad de su eje")
            continue
        actual.filas.append(Fila(n + 1, celdas))

    glosario = _indice(lineas, 0, "GLOSARIO", exacta=True)
    for linea in lineas[glosario + 1:_indice(lineas, glosario, "PRESENTACIÓN", exacta=True)]:
        if "\t" in linea:
            sigla, significado = linea.split("\t", 1)
            fuente.glosario[sigla.strip()] = normalizar(significado)
    for linea in lineas[fin + 1:]:
        if m := RE_ANEXO.match(linea.strip()):
            fuente.anexo[int(m.group(1))] = normalizar(m.group(2))
    return fuente


@cache
def _fuente() -> Fuente:
    return leer_fuente(FUENTE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fuente() -> Fuente:
    if not FUENTE.is_file():
        pytest.fail(SIN_FUENTE)
    return _fuente()


# --- the plan -----------------------------------------------------------------------------------------------

_PLAN, _PROBLEMAS = cargar_plan(REPO)


def _plan() -> Plan:
    assert _PLAN is not None, f"plan/ no se puede cargar: {_PROBLEMAS}"
    return _PLAN


def test_la_fuente_esta_en_el_repositorio_y_el_plan_la_nombra() -> None:
    assert FUENTE.is_file(), SIN_FUENTE
    assert REPO / _plan().general.fuente.archivo == FUENTE
    assert FUENTE.read_text(encoding="utf-8").count("MATRIZ DE LA IMPLEMENTACIÓN") >= 1


EJES: list[str] = [e.id for e in _PLAN.ejes] if _PLAN else []
INTERVENCIONES: list[str] = list(_PLAN.intervenciones) if _PLAN else []
ACTIVIDADES_IDS: list[str] = list(_PLAN.actividades) if _PLAN else []
INDICADORES_IDS: list[str] = list(_PLAN.indicadores) if _PLAN else []
METAS_NUMERICAS: list[str] = [i.id for i in _PLAN.indicadores.values()
                              if i.meta.tipo in ("conteo", "promedio", "porcentaje")] if _PLAN else []


def codigos(notas: Iterable[Nota]) -> set[str]:
    return {n.codigo for n in notas}


def eje(id_: str) -> Eje:
    return _plan().eje_de[id_]


def actividad(id_: str) -> Actividad:
    return _plan().actividades[id_]


def indicador(id_: str) -> Indicador:
    return _plan().indicadores[id_]


def intervencion(id_: str) -> Intervencion:
    return _plan().intervenciones[id_]


def en_fuente(fuente: Fuente, id_: str) -> ActividadFuente:
    assert id_ in fuente.actividades, f"la actividad {id_} no está en la matriz de la fuente"
    return fuente.actividades[id_]


def test_el_plan_carga_sin_problemas() -> None:
    plan, problemas = cargar_plan(REPO)
    assert plan is not None
    assert problemas == []


def test_la_matriz_de_la_fuente_se_lee_entera(fuente: Fuente) -> None:
    """Guards the reading of the source: every matrix line is a 7-column row or a header, no id repeats."""
    assert fuente.raras == []
    assert fuente.repetidas == []
    for act in fuente.actividades.values():
        assert act.id.startswith(f"{act.eje}."), f"{act.id} aparece en la sección del eje {act.eje}"
        assert act.intervencion is not None and act.id.startswith(f"{act.intervencion}."), (
            f"{act.id} aparece bajo la intervención {act.intervencion}")


# --- 1. the activities are the matrix's ---------------------------------------------------------------------

def test_las_actividades_son_las_de_la_matriz(fuente: Fuente) -> None:
    en_yaml = set(_plan().actividades)
    en_matriz = set(fuente.actividades)
    assert en_yaml == en_matriz, (f"solo en la fuente: {sorted(en_matriz - en_yaml)}; "
                                  f"solo en el YAML: {sorted(en_yaml - en_matriz)}")
    assert len(en_matriz) == 90


def test_hay_90_actividades() -> None:
    assert len(_plan().actividades) == 90
    assert sum(len(i.actividades) for e in _plan().ejes for i in e.intervenciones) == 90  # no duplicated ids


def test_las_actividades_siguen_el_orden_de_la_matriz(fuente: Fuente) -> None:
    assert list(_plan().actividades) == list(fuente.actividades)


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_actividad_en_su_eje_e_intervencion(id_: str, fuente: Fuente) -> None:
    act = en_fuente(fuente, id_)
    assert eje(id_).id == act.eje
    itv = next(i for i in eje(id_).intervenciones if any(a.id == id_ for a in i.actividades))
    assert itv.id == act.intervencion


def test_las_intervenciones_son_las_de_la_matriz(fuente: Fuente) -> None:
    assert list(_plan().intervenciones) == list(fuente.intervenciones)


# --- 2. counts per eje --------------------------------------------------------------------------------------

def test_siete_ejes() -> None:
    assert list(CONTEOS) == EJES


@pytest.mark.parametrize(("id_eje", "esperado"), CONTEOS.items())
def test_conteos_del_yaml(id_eje: str, esperado: tuple[int, int]) -> None:
    e = eje(id_eje)
    assert (len(e.intervenciones), sum(len(i.actividades) for i in e.intervenciones)) == esperado


@pytest.mark.parametrize(("id_eje", "esperado"), CONTEOS.items())
def test_conteos_de_la_matriz(id_eje: str, esperado: tuple[int, int], fuente: Fuente) -> None:
    intervenciones, actividades = fuente.de_eje(id_eje)
    contados = (len(intervenciones), len(actividades))
    e = eje(id_eje)
    assert contados == (len(e.intervenciones), sum(len(i.actividades) for i in e.intervenciones))
    assert contados == esperado
    # the activity ids also give the interventions: no intervention without its row, none without activities
    assert set(intervenciones) == {a.rsplit(".", 1)[0] for a in actividades}


# --- 3. the texts are the source's, literally ---------------------------------------------------------------

@pytest.mark.parametrize("id_", EJES)
def test_textos_del_eje(id_: str, fuente: Fuente) -> None:
    e = eje(id_)
    for texto in (e.titulo_fuente, e.descripcion, e.resumen_fuente.texto):
        assert texto in fuente.texto, f"eje {id_}: «{texto}» no está en la fuente"


@pytest.mark.parametrize("id_", INTERVENCIONES)
def test_texto_de_la_intervencion(id_: str, fuente: Fuente) -> None:
    texto = intervencion(id_).texto
    assert texto in fuente.texto
    assert f"{id_} {texto}" in fuente.texto or f"{id_}. {texto}" in fuente.texto
    assert id_ in fuente.intervenciones, f"la intervención {id_} no está en la matriz"
    assert fuente.intervenciones[id_].textos == {texto}


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_texto_de_la_actividad(id_: str, fuente: Fuente) -> None:
    texto = actividad(id_).texto
    assert texto in fuente.texto
    assert f"{id_} {texto}" in fuente.texto or f"{id_}. {texto}" in fuente.texto, (
        f"la fuente no tiene «{id_} {texto}» en una misma celda")
    assert en_fuente(fuente, id_).texto == texto


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_resultados_esperados(id_: str, fuente: Fuente) -> None:
    texto = actividad(id_).resultados_esperados
    assert texto in fuente.texto
    assert en_fuente(fuente, id_).celdas(RESULTADOS) == [texto]


@pytest.mark.parametrize("id_", INDICADORES_IDS)
def test_texto_del_indicador_y_de_su_meta(id_: str, fuente: Fuente) -> None:
    ind = indicador(id_)
    assert ind.texto in fuente.texto, f"{id_}: el indicador «{ind.texto}» no está en la fuente"
    assert ind.meta.texto in fuente.texto, f"{id_}: la meta «{ind.meta.texto}» no está en la fuente"
    act = en_fuente(fuente, _plan().actividad_de[id_].id)
    filas = [" \t ".join(f.celdas) for f in act.filas]
    assert any(ind.texto in f and ind.meta.texto in f for f in filas), (
        f"{id_}: ninguna fila de la actividad {act.id} tiene a la vez «{ind.texto}» y «{ind.meta.texto}»")
    en_su_columna = any(ind.texto in f.celdas[INDICADORES] and ind.meta.texto in f.celdas[META]
                        for f in act.filas)
    assert en_su_columna or "celda-desplazada" in codigos(ind.inconsistencias), (
        f"{id_}: indicador y meta fuera de las columnas INDICADORES y META sin anotar «celda-desplazada»")


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_ninguna_celda_queda_sin_transcribir(id_: str, fuente: Fuente) -> None:
    """Every INDICADORES and META cell of the activity's rows (and every indicator or meta displaced to
    another column) is made of the activity's indicator and meta texts: nothing of the source was dropped."""
    act = actividad(id_)
    piezas = sorted({t for i in act.indicadores for t in (i.texto, i.meta.texto)}, key=len, reverse=True)
    indicadores = {i.texto for i in act.indicadores}
    for fila in en_fuente(fuente, id_).filas:
        celdas = [fila.celdas[INDICADORES], fila.celdas[META]]
        if fila.celdas[INTERVENCION] and not RE_ID_INTERVENCION.match(fila.celdas[INTERVENCION]):
            celdas.append(fila.celdas[INTERVENCION])  # an indicator displaced to the INTERVENCIÓN column
        if fila.celdas[RESPONSABLES] in indicadores:
            celdas.append(fila.celdas[RESPONSABLES])  # an indicator displaced to the RESPONSABLES column
        for celda in celdas:
            resto = celda
            for pieza in piezas:
                resto = resto.replace(pieza, "")
            assert not resto.strip(" .,;"), (
                f"línea {fila.linea}: «{resto.strip()}» de «{celda}» no se transcribió")


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_texto_del_periodo(id_: str, fuente: Fuente) -> None:
    texto = actividad(id_).periodo.texto
    if texto:
        assert texto in fuente.texto


# --- 4. periods ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_periodo_de_la_actividad(id_: str, fuente: Fuente) -> None:
    act = actividad(id_)
    filas = en_fuente(fuente, id_).filas
    celda = filas[0].celdas[PERIODO]
    assert act.periodo.texto == celda
    assert [f.celdas[PERIODO] for f in filas[1:] if f.celdas[PERIODO]] == [], "otra fila tiene otro periodo"
    anios = [int(a) for a in RE_ANIO.findall(celda)]
    if anios:
        assert (act.periodo.desde, act.periodo.hasta) == (anios[0], anios[-1])
        assert "periodo-vacio" not in codigos(act.inconsistencias)
    else:
        assert "periodo-vacio" in codigos(act.inconsistencias), f"{id_}: PERIODO vacío y no se anota"
    if celda and not re.fullmatch(r"\d{4}(-\d{4})?", celda):
        assert "periodo-formato" in codigos(act.inconsistencias), f"{id_}: periodo «{celda}» y no se anota"


def test_periodo_vacio_de_3_6_2(fuente: Fuente) -> None:
    assert en_fuente(fuente, "3.6.2").filas[0].celdas[PERIODO] == ""
    act = actividad("3.6.2")
    assert act.periodo.texto == ""
    assert "periodo-vacio" in codigos(act.inconsistencias)


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_periodo_dentro_de_la_vigencia(id_: str) -> None:
    periodo, vigencia = actividad(id_).periodo, _plan().general.vigencia
    assert vigencia.desde <= periodo.desde <= periodo.hasta <= vigencia.hasta


# --- 5. indicator ids ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_ids_de_los_indicadores(id_: str) -> None:
    ids = [i.id for i in actividad(id_).indicadores]
    assert all(isinstance(i, str) for i in ids)
    assert ids == [f"{id_}.{chr(ord('a') + k)}" for k in range(len(ids))]


@pytest.mark.parametrize("id_", [*INTERVENCIONES, *ACTIVIDADES_IDS])
def test_id_con_punto_final_anotado(id_: str, fuente: Fuente) -> None:
    elemento: Intervencion | Actividad
    if id_.count(".") == 1:
        con_punto, elemento = fuente.intervenciones[id_].con_punto, intervencion(id_)
    else:
        con_punto, elemento = en_fuente(fuente, id_).con_punto, actividad(id_)
    assert ("id-formato" in codigos(elemento.inconsistencias)) == con_punto


# --- 6. the summary table's counts --------------------------------------------------------------------------

def leer_conteo(texto: str) -> tuple[int, int]:
    m = re.search(r"(\w+) intervenciones y (\w+) actividades", texto)
    assert m, f"«{texto}» no dice cuántas intervenciones y actividades"
    intervenciones, actividades = (int(g) if g.isdigit() else NUMEROS[g] for g in m.groups())
    return intervenciones, actividades


@pytest.mark.parametrize("id_", EJES)
def test_resumen_fuente_dice_lo_que_anota(id_: str) -> None:
    resumen = eje(id_).resumen_fuente
    assert (resumen.intervenciones, resumen.actividades) == leer_conteo(resumen.texto)


@pytest.mark.parametrize("id_", EJES)
def test_resumen_fuente_es_la_fila_de_la_tabla(id_: str, fuente: Fuente) -> None:
    resumen = eje(id_).resumen_fuente.texto
    filas = [ln for ln in fuente.lineas if ln.count("\t") >= 2 and normalizar(ln.split("\t")[-1]) == resumen]
    assert len(filas) == 1, f"eje {id_}: el resumen no es la última celda de una fila de la fuente"


@pytest.mark.parametrize("id_", EJES)
def test_resumen_distinto_de_la_matriz_se_anota(id_: str, fuente: Fuente) -> None:
    e = eje(id_)
    intervenciones, actividades = fuente.de_eje(id_)
    coincide = (e.resumen_fuente.intervenciones, e.resumen_fuente.actividades) == (len(intervenciones),
                                                                                    len(actividades))
    assert coincide != ("resumen-conteo" in codigos(e.inconsistencias)), (
        f"eje {id_}: el resumen {'coincide' if coincide else 'no coincide'} con la matriz y "
        f"{'sí' if not coincide else 'no'} debería anotarse «resumen-conteo»")


def test_resumenes_que_no_cuadran() -> None:
    assert (eje("3").resumen_fuente.intervenciones, eje("3").resumen_fuente.actividades) == (7, 15)
    assert eje("5").resumen_fuente.actividades == 12
    assert "resumen-conteo" in codigos(eje("3").inconsistencias)
    assert "resumen-conteo" in codigos(eje("5").inconsistencias)


# --- 7. responsables ----------------------------------------------------------------------------------------

def nombres(inst: Institucion) -> list[str]:
    return [n for n in (inst.clave, inst.siglas, inst.nombre, *inst.alias) if n]


def responsables_en_fuente(act: Actividad, fuente: Fuente) -> list[str]:
    """The activity's RESPONSABLES cells, leaving out an indicator displaced into that column."""
    indicadores = {i.texto for i in act.indicadores}
    return [c for c in en_fuente(fuente, act.id).celdas(RESPONSABLES) if c not in indicadores]


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_texto_de_responsables(id_: str, fuente: Fuente) -> None:
    act = actividad(id_)
    assert act.responsables.texto == " ".join(responsables_en_fuente(act, fuente))


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_cada_sigla_responsable_esta_en_instituciones(id_: str, fuente: Fuente) -> None:
    act = actividad(id_)
    for sigla in RE_SIGLA.findall(" ".join(en_fuente(fuente, id_).celdas(RESPONSABLES))):
        clave = _plan().resolver_institucion(sigla)
        assert clave is not None, f"{id_}: «{sigla}» no es ninguna institución del catálogo"
        assert clave in act.responsables.instituciones, (
            f"{id_}: «{sigla}» ({clave}) no está entre los responsables")


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_cada_nombre_responsable_esta_en_instituciones(id_: str, fuente: Fuente) -> None:
    """A responsible named in words: «Ministerio de Vivienda», «MAG y sus dependencias»…"""
    act = actividad(id_)
    celdas = " ".join(responsables_en_fuente(act, fuente))
    for inst in _plan().instituciones.values():
        for nombre in nombres(inst):
            if " " in nombre and re.search(rf"\b{re.escape(nombre)}\b", celdas):
                assert inst.clave in act.responsables.instituciones, (
                    f"{id_}: «{nombre}» no está entre los responsables")


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_las_claves_responsables_existen(id_: str) -> None:
    claves = actividad(id_).responsables.instituciones
    assert len(set(claves)) == len(claves), f"{id_}: clave repetida en {claves}"
    assert [c for c in claves if c not in _plan().instituciones] == [], "claves que no están en instituciones.yaml"


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_cada_institucion_responsable_se_nombra_en_la_fuente(id_: str, fuente: Fuente) -> None:
    act = actividad(id_)
    celdas = " ".join(responsables_en_fuente(act, fuente))
    for clave in act.responsables.instituciones:
        inst = _plan().instituciones.get(clave)
        assert inst is not None, f"{id_}: «{clave}» no está en instituciones.yaml"
        assert any(re.search(rf"\b{re.escape(n)}\b", celdas, re.IGNORECASE) for n in nombres(inst)), (
            f"{id_}: «{clave}» no aparece en la celda RESPONSABLES «{celdas}»")


@pytest.mark.parametrize("id_", ACTIVIDADES_IDS)
def test_siglas_variantes_anotadas(id_: str, fuente: Fuente) -> None:
    """A sigla that resolves only through an alias (an erratum of the source) carries «siglas-variante»."""
    act = actividad(id_)
    variantes = set()
    for sigla in RE_SIGLA.findall(" ".join(en_fuente(fuente, id_).celdas(RESPONSABLES))):
        clave = _plan().resolver_institucion(sigla)
        inst = _plan().instituciones.get(clave or "")
        if inst is not None and sigla not in (inst.clave, inst.siglas):
            variantes.add(sigla)
    assert variantes == ({VARIANTES[id_]} if id_ in VARIANTES else set())
    assert bool(variantes) == ("siglas-variante" in codigos(act.inconsistencias))


@pytest.mark.parametrize(("id_", "sigla"), VARIANTES.items())
def test_variante_conocida(id_: str, sigla: str) -> None:
    act = actividad(id_)
    assert sigla in act.responsables.texto.split()
    assert _plan().resolver_institucion(sigla) in act.responsables.instituciones
    assert "siglas-variante" in codigos(act.inconsistencias)


# --- 8. instituciones.yaml ----------------------------------------------------------------------------------

def test_glosario_de_la_fuente(fuente: Fuente) -> None:
    assert len(fuente.glosario) == 35
    assert set(fuente.glosario) >= GLOSARIO_NO_INSTITUCIONES


def test_cada_sigla_del_glosario_es_una_institucion(fuente: Fuente) -> None:
    fallos = []
    for sigla, significado in fuente.glosario.items():
        if sigla in GLOSARIO_NO_INSTITUCIONES:
            continue
        clave = _plan().resolver_institucion(sigla)
        if clave is None:
            fallos.append(f"{sigla} ({significado}) no está en instituciones.yaml")
        elif _plan().instituciones[clave].nombre != significado:
            fallos.append(f"{sigla}: el nombre «{_plan().instituciones[clave].nombre}» no es «{significado}»")
    assert fallos == []
    assert _plan().resolver_institucion("Mecanismo") == "MECANISMO"


def test_el_glosario_que_no_es_institucion_esta_en_plan_yaml(fuente: Fuente) -> None:
    en_plan = {t.sigla: t.significado for t in _plan().general.glosario}
    assert en_plan == {s: fuente.glosario[s] for s in GLOSARIO_NO_INSTITUCIONES}
    assert [s for s in GLOSARIO_NO_INSTITUCIONES if _plan().resolver_institucion(s)] == []


def test_el_anexo_tiene_47_miembros(fuente: Fuente) -> None:
    assert list(fuente.anexo) == list(range(1, 48))


@pytest.mark.parametrize("numero", range(1, 48))
def test_miembro_del_anexo(numero: int, fuente: Fuente) -> None:
    con_numero = [i for i in _plan().instituciones.values() if i.anexo and i.anexo.numero == numero]
    assert len(con_numero) == 1, f"anexo {numero}: {len(con_numero)} instituciones lo llevan"
    inst = con_numero[0]
    assert inst.anexo is not None and inst.anexo.texto == fuente.anexo[numero]
    assert inst.miembro_mecanismo
    if m := re.search(r"\(([^)]+)\)\.?$", inst.anexo.texto):  # its siglas in the annex resolve to it
        assert _plan().resolver_institucion(m.group(1)) == inst.clave


def test_solo_los_47_del_anexo_llevan_anexo() -> None:
    numeros = sorted(i.anexo.numero for i in _plan().instituciones.values() if i.anexo)
    assert numeros == list(range(1, 48))


def test_claves_y_nombres_sin_ambiguedad() -> None:
    """No name (clave, siglas or alias) of one institution is a name of another one."""
    vistos: dict[str, str] = {}
    for inst in _plan().instituciones.values():
        for nombre in {n.upper() for n in (inst.clave, inst.siglas, *inst.alias) if n}:
            assert vistos.setdefault(nombre, inst.clave) == inst.clave, (
                f"«{nombre}» es {vistos[nombre]} y {inst.clave}")


# --- 9. objetivos-pmm.yaml ----------------------------------------------------------------------------------

def test_23_objetivos() -> None:
    objetivos = _plan().objetivos
    assert objetivos is not None
    assert [o.id for o in objetivos.objetivos] == list(range(1, 24))


def test_objetivos_literales(fuente: Fuente) -> None:
    objetivos = _plan().objetivos
    assert objetivos is not None
    fallos = [f"{o.id} {o.etiqueta}: {o.texto}" for o in objetivos.objetivos
              if not (o.texto.startswith(f"{o.id}. ") and o.texto in fuente.texto
                      and f"{o.id} {o.etiqueta}" in fuente.texto)]
    assert fallos == []


def test_ningun_vinculo_dice_venir_de_la_fuente() -> None:
    """The source announces its alignment with the GCM («como se detalla a continuación») but the table that
    followed was an image, lost in the text: no link can claim `origen: fuente` until it is recovered."""
    plan = _plan()
    fuente = [a.id for a in plan.actividades.values()
              for v in (*a.objetivos_pmm, *a.principios_pmm,
                        *(w for i in a.indicadores for w in (i.objetivos_pmm or ()))) if v.origen == "fuente"]
    assert fuente == []


# --- 9b. principios-pmm.yaml --------------------------------------------------------------------------------

def test_10_principios() -> None:
    principios = _plan().principios
    assert principios is not None
    assert [p.id for p in principios.principios] == [f"P{n}" for n in range(1, 11)]


def test_principios_literales_y_en_orden(fuente: Fuente) -> None:
    """Each principle is a row «nombre<TAB>texto» of the source's table, in the source's order."""
    principios = _plan().principios
    assert principios is not None
    filas = [normalizar(linea.replace("\t", " ")) for linea in FUENTE.read_text(encoding="utf-8").splitlines()
             if linea.count("\t") == 1]
    posiciones = []
    for p in principios.principios:
        fila = f"{p.nombre} {p.texto}"
        assert fila in filas, p.id
        posiciones.append(filas.index(fila))
    assert posiciones == sorted(posiciones)


def test_la_errata_de_p6_se_anota(fuente: Fuente) -> None:
    principios = _plan().principios
    assert principios is not None
    p6 = principios.principios[5]
    assert "no agresión" in p6.texto and "no agresión" in fuente.texto
    assert [n.codigo for n in p6.inconsistencias] == ["errata"]
    assert "no regresión" in p6.inconsistencias[0].descripcion


# --- 10. the typed reading of the metas ---------------------------------------------------------------------

@dataclass(frozen=True)
class Lectura:
    texto: str
    tipo: str
    valor: float | None = None
    frecuencia: str | None = None
    entregable: str | None = None
    definida_en: str | None = None


LECTURAS = {
    "0.1.1.a": Lectura("Dos reuniones al año.", "conteo", 2, "anual"),
    "0.1.1.b": Lectura("Dos participantes por eje de trabajo.", "promedio", 2),
    "0.1.2.a": Lectura("Una estrategia de trabajo.", "hito", entregable="estrategia de trabajo"),
    "0.2.3.a": Lectura("Meta a elaborar en actividad 0.2.1.", "por_definir", definida_en="0.2.1"),
    "0.2.3.b": Lectura("75% de brechas.", "porcentaje", 75, "total"),
    "0.3.1.a": Lectura("4 bases de datos actualizadas y/o estandarizadas al finalizar el periodo.", "conteo",
                       4, "total"),
    "0.3.4.a": Lectura("25% de los actores por año.", "porcentaje", 25, "anual"),
    "1.1.2.a": Lectura("Una estrategia finalizada y aprobada.", "hito", entregable="estrategia"),
    "1.3.1.b": Lectura("5,000 personas por año.", "conteo", 5000, "anual"),
    "1.4.1.a": Lectura("Tres estudios.", "conteo", 3, "total"),
    "2.1.1.b": Lectura("8 instituciones participantes.", "promedio", 8),
    "4.4.2.a": Lectura("Más de 15 mil atenciones brindadas por el Consulado Virtual por año.", "conteo",
                       15000, "anual"),
    "4.5.2.b": Lectura("Dos veces por año.", "conteo", 2, "anual"),
    "5.1.1.b": Lectura("Ocho instituciones participantes.", "promedio", 8),
    "5.4.1.a": Lectura("500 migrantes por mes.", "conteo", 500, "mensual"),
    "5.5.1.c": Lectura("50 migrantes retornados por mes.", "conteo", 50, "mensual"),
    "6.1.1.a": Lectura("Al menos tres reuniones por año.", "conteo", 3, "anual"),
    "6.3.2.b": Lectura("Un plan de formación", "hito", entregable="plan de formación"),
}


def leer(meta: Meta) -> Lectura:
    return Lectura(meta.texto, meta.tipo, meta.valor, meta.frecuencia, meta.entregable, meta.definida_en)


def test_las_lecturas_cubren_todos_los_tipos() -> None:
    tipos = {lec.tipo for lec in LECTURAS.values()}
    assert tipos == {"conteo", "porcentaje", "promedio", "hito", "por_definir"}
    usadas = {i.meta.frecuencia for i in _plan().indicadores.values() if i.meta.frecuencia}
    assert usadas <= {lec.frecuencia for lec in LECTURAS.values()}


@pytest.mark.parametrize(("id_", "esperada"), LECTURAS.items())
def test_lectura_de_la_meta(id_: str, esperada: Lectura) -> None:
    assert leer(indicador(id_).meta) == esperada


def numero_inicial(texto: str) -> int | None:
    """The number a meta starts with: «5,000 …» → 5000, «Más de 15 mil …» → 15000, «Al menos tres …» → 3."""
    t = texto.lower()
    for prefijo in ("al menos ", "más de "):
        t = t.removeprefix(prefijo)
    if m := re.match(r"(\d{1,3}(?:,\d{3})+|\d+)( mil\b)?", t):
        return int(m.group(1).replace(",", "")) * (1000 if m.group(2) else 1)
    return NUMEROS.get(t.split(" ", 1)[0])


@pytest.mark.parametrize("id_", METAS_NUMERICAS)
def test_valor_de_la_meta_sale_de_su_texto(id_: str) -> None:
    meta = indicador(id_).meta
    if meta.tipo == "porcentaje":
        m = re.search(r"(\d+(?:\.\d+)?) ?%", meta.texto)
        assert m is not None and meta.valor == float(m.group(1))
        return
    if (cifras := re.match(r"\d[\d,]*", meta.texto)) and "mil" not in meta.texto.split():
        assert meta.valor == int(cifras.group().replace(",", "")), f"{id_}: «{meta.texto}» → {meta.valor}"
    numero = numero_inicial(meta.texto)
    assert numero is not None, f"{id_}: «{meta.texto}» no empieza por un número legible"
    assert meta.valor == numero


# 0.1.2.b «Revisión anual de la Estrategia» shares its source cell's only meta («Una estrategia de trabajo.») with
# 0.1.2.a: its typed reading (one review a year) comes from the indicator's own words
LEIDAS_DEL_INDICADOR = {"0.1.2.b"}


@pytest.mark.parametrize("id_", [i for i in METAS_NUMERICAS if indicador(i).meta.tipo != "promedio"])
def test_frecuencia_de_la_meta_sale_de_su_texto(id_: str) -> None:
    meta = indicador(id_).meta
    texto = meta.texto.lower()
    if id_ in LEIDAS_DEL_INDICADOR:  # no meta of its own: read from the indicator, and recorded as such
        assert any(n.codigo == "meta-indicador-discordante" for n in indicador(id_).inconsistencias)
        texto = indicador(id_).texto.lower().replace("anual", "por año")
    if "por mes" in texto or "al mes" in texto:
        esperada = "mensual"
    elif "por semestre" in texto or "cada 6 meses" in texto:
        esperada = "semestral"
    elif "por año" in texto or "al año" in texto:
        esperada = "anual"
    else:
        esperada = "total"
    assert meta.frecuencia == esperada


@pytest.mark.parametrize("id_", INDICADORES_IDS)
def test_unidad_y_entregable_salen_de_los_textos(id_: str) -> None:
    """The typed reading names what is counted or delivered with words of the meta or of the indicator."""
    ind = indicador(id_)
    textos = f"{ind.meta.texto} {ind.texto}".lower()
    if ind.meta.tipo in ("conteo", "porcentaje", "promedio"):
        assert ind.meta.unidad, f"{id_}: meta numérica sin unidad"
    if ind.meta.tipo == "hito":
        assert ind.meta.entregable, f"{id_}: hito sin entregable"
    for campo in (ind.meta.unidad, ind.meta.entregable):
        assert campo is None or campo.lower() in textos, f"{id_}: «{campo}» no sale de «{textos}»"


@pytest.mark.parametrize("id_", [i for i in INDICADORES_IDS if indicador(i).meta.tipo == "por_definir"])
def test_meta_por_definir_remite_a_una_actividad(id_: str) -> None:
    meta = indicador(id_).meta
    assert meta.definida_en in _plan().actividades
    assert meta.definida_en in meta.texto
