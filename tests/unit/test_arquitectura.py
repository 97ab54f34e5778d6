"""The layout holds, read from the source with `ast` (nothing of pni_cli is run to find its imports):

- the private internals of a library are touched by its fenced module only: `typer._*` by typer_privado.py,
  openpyxl's `_style` and `_data_only` by openpyxl_privado.py, `yaml._yaml` by lectura/yaml_rapido.py; every
  form counts (`import`, `from … import`, `from typer import _x`, inside functions, a module name in a string
  for importlib);
- no import cycle among the modules of pni_cli, counting the imports inside functions (they run when the function
  does, and a cycle there is still a cycle). Imports under `if TYPE_CHECKING:` never execute and are left out;
  so is the implicit import of a module's parent packages, which Python has always started before the module
  itself;
- every command of the Typer app in cli.py has its module pni_cli/<command>.py with an `ejecutar` function, and
  cli.py hands the command to it;
- every pydantic model of modelos.py that `a_dominio` converts has a record of the same name in plan.py or
  avance.py with exactly the same fields, and every record has its model.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO

PAQUETE = REPO / "pni_cli"


@dataclass(frozen=True)
class Importacion:
    modulo: str  # the module imported, absolute (pni_cli.lectura.espacio, typer._coercion…)
    nombres: tuple[str, ...]  # the names taken from it (`from X import a, b`); () for `import X`
    linea: int
    solo_tipos: bool  # under `if TYPE_CHECKING:`: never executed


@cache
def modulos() -> dict[str, Path]:
    """Every module of pni_cli: dotted name → file."""
    out = {}
    for ruta in sorted(PAQUETE.rglob("*.py")):
        partes = ruta.relative_to(REPO).with_suffix("").parts
        if partes[-1] == "__init__":
            partes = partes[:-1]
        out[".".join(partes)] = ruta
    return out


@cache
def arbol(nombre: str) -> ast.Module:
    return ast.parse(modulos()[nombre].read_text(encoding="utf-8"), filename=str(modulos()[nombre]))


def _es_paquete(nombre: str) -> bool:
    return modulos()[nombre].name == "__init__.py"


def _type_checking(prueba: ast.expr) -> bool:
    return ((isinstance(prueba, ast.Name) and prueba.id == "TYPE_CHECKING")
            or (isinstance(prueba, ast.Attribute) and prueba.attr == "TYPE_CHECKING"))


def _absoluto(nombre: str, nodo: ast.ImportFrom) -> str:
    """The module a `from … import` names, with a relative import resolved against the module `nombre`."""
    if nodo.level == 0:
        return nodo.module or ""
    partes = nombre.split(".") if _es_paquete(nombre) else nombre.split(".")[:-1]
    base = partes[:len(partes) - (nodo.level - 1)]
    return ".".join([*base, *([nodo.module] if nodo.module else [])])


def leer_importaciones(modulo: ast.Module, nombre: str) -> tuple[Importacion, ...]:
    """Every import statement of the module `nombre` (its tree), wherever it stands: top level, functions, try,
    if."""
    out: list[Importacion] = []

    def visitar(nodo: ast.AST, solo_tipos: bool) -> None:
        if isinstance(nodo, ast.If) and _type_checking(nodo.test):
            for hijo in nodo.body:
                visitar(hijo, True)
            for hijo in nodo.orelse:
                visitar(hijo, solo_tipos)
            return
        if isinstance(nodo, ast.Import):
            out.extend(Importacion(a.name, (), nodo.lineno, solo_tipos) for a in nodo.names)
        elif isinstance(nodo, ast.ImportFrom):
            out.append(Importacion(_absoluto(nombre, nodo), tuple(a.name for a in nodo.names), nodo.lineno,
                                   solo_tipos))
        for hijo in ast.iter_child_nodes(nodo):
            visitar(hijo, solo_tipos)

    visitar(modulo, False)
    return tuple(out)


@cache
def importaciones(nombre: str) -> tuple[Importacion, ...]:
    return leer_importaciones(arbol(nombre), nombre)


def _relativo(nombre: str) -> str:
    return modulos()[nombre].relative_to(REPO).as_posix()


# --- fenced internals ---------------------------------------------------------------------------------------------

def privados_en(modulo: ast.Module, nombre: str, biblioteca: str, privado: re.Pattern[str]) -> list[str]:
    """Where the module `nombre` (its tree) reaches a private module of `biblioteca` (`privado` matches the dotted
    name): «line: what»."""
    hallados = []
    for imp in leer_importaciones(modulo, nombre):
        candidatos = [imp.modulo]
        if imp.modulo == biblioteca:
            candidatos += [f"{biblioteca}.{n}" for n in imp.nombres]  # from typer import _coercion
        hallados += [f"{imp.linea}: {c}" for c in candidatos if privado.match(c)]
    for nodo in ast.walk(modulo):  # importlib.import_module("typer._coercion"), __import__(…)
        if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str) and privado.match(nodo.value):
            hallados.append(f"{nodo.lineno}: «{nodo.value}»")
    return hallados


def _modulos_privados(nombre: str, biblioteca: str, privado: re.Pattern[str]) -> list[str]:
    return [f"{_relativo(nombre)}:{h}" for h in privados_en(arbol(nombre), nombre, biblioteca, privado)]


@pytest.mark.parametrize(("biblioteca", "privado", "cercado"), [
    ("typer", re.compile(r"typer\._"), "pni_cli.typer_privado"),
    ("yaml", re.compile(r"yaml\._yaml\b"), "pni_cli.lectura.yaml_rapido"),
], ids=["typer", "yaml"])
def test_solo_el_modulo_cercado_importa_lo_privado_de_la_biblioteca(biblioteca: str, privado: re.Pattern[str],
                                                                    cercado: str) -> None:
    fuera = [h for nombre in modulos() if nombre != cercado for h in _modulos_privados(nombre, biblioteca, privado)]
    assert fuera == [], f"solo {cercado} puede usar lo privado de {biblioteca}: " + "; ".join(fuera)
    assert _modulos_privados(cercado, biblioteca, privado), f"{cercado} ya no usa lo privado de {biblioteca}: " \
                                                            "¿sobra el cerco (y la fijación de versión)?"


ATRIBUTOS_OPENPYXL = {"_style", "_data_only"}


def _atributos_openpyxl(nombre: str) -> list[str]:
    hallados = []
    for nodo in ast.walk(arbol(nombre)):
        if isinstance(nodo, ast.Attribute) and nodo.attr in ATRIBUTOS_OPENPYXL:
            hallados.append(f"{_relativo(nombre)}:{nodo.lineno}: .{nodo.attr}")
        elif isinstance(nodo, ast.Constant) and nodo.value in ATRIBUTOS_OPENPYXL:  # getattr(c, "_style")
            hallados.append(f"{_relativo(nombre)}:{nodo.lineno}: «{nodo.value}»")
    return hallados


def test_solo_openpyxl_privado_toca_lo_privado_de_openpyxl() -> None:
    fuera = [h for nombre in modulos() if nombre != "pni_cli.openpyxl_privado" for h in _atributos_openpyxl(nombre)]
    assert fuera == [], "solo pni_cli/openpyxl_privado.py puede usar lo privado de openpyxl: " + "; ".join(fuera)
    assert {h.rsplit(".", 1)[-1] for h in _atributos_openpyxl("pni_cli.openpyxl_privado")} >= ATRIBUTOS_OPENPYXL


def test_la_prueba_ve_cada_forma_de_importar() -> None:
    """The readers above on a module written for them: each form is found, and TYPE_CHECKING is told apart."""
    modulo = ast.parse("from typing import TYPE_CHECKING\nimport typer._click\nfrom typer import _completion_shared\n"
                       "import typer\n"
                       "def f():\n    from typer._coercion import RuntimeParam\n    import importlib\n"
                       "    importlib.import_module('typer._completion_classes')\n"
                       "if TYPE_CHECKING:\n    from .plan import Plan\nelse:\n    from . import plan\n")
    nombre = "pni_cli.checks.plan_ids"
    hallados = privados_en(modulo, nombre, "typer", re.compile(r"typer\._"))
    assert [h.split(": ", 1)[1] for h in hallados] == ["typer._click", "typer._completion_shared", "typer._coercion",
                                                       "«typer._completion_classes»"]
    assert [(i.modulo, i.solo_tipos) for i in leer_importaciones(modulo, nombre) if i.modulo.startswith("pni_cli")] \
        == [("pni_cli.checks.plan", True), ("pni_cli.checks", False)]


# --- no import cycle -----------------------------------------------------------------------------------------------

def _destinos(nombre: str, imp: Importacion) -> set[str]:
    """The modules of pni_cli that an import executes: the module named, or, for `from pkg import x`, the
    submodule pkg.x when x is one (and pkg itself when a name is taken from its __init__)."""
    todos = modulos()
    if imp.modulo not in todos:
        return set()
    if not imp.nombres:
        return {imp.modulo}
    submodulos = {f"{imp.modulo}.{n}" for n in imp.nombres} & todos.keys()
    if len(submodulos) < len(imp.nombres) or not _es_paquete(imp.modulo):
        submodulos.add(imp.modulo)
    return submodulos - {nombre}


@cache
def grafo() -> dict[str, set[str]]:
    return {nombre: {d for imp in importaciones(nombre) if not imp.solo_tipos for d in _destinos(nombre, imp)}
            for nombre in modulos()}


def ciclos(aristas: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as a list."""
    indice: dict[str, int] = {}
    bajo: dict[str, int] = {}
    pila: list[str] = []
    en_pila: set[str] = set()
    out: list[list[str]] = []

    def visitar(v: str) -> None:
        indice[v] = bajo[v] = len(indice)
        pila.append(v)
        en_pila.add(v)
        for w in sorted(aristas.get(v, ())):
            if w not in indice:
                visitar(w)
                bajo[v] = min(bajo[v], bajo[w])
            elif w in en_pila:
                bajo[v] = min(bajo[v], indice[w])
        if bajo[v] == indice[v]:
            componente = []
            while True:
                w = pila.pop()
                en_pila.discard(w)
                componente.append(w)
                if w == v:
                    break
            if len(componente) > 1 or v in aristas.get(v, ()):
                out.append(sorted(componente))

    for v in sorted(aristas):
        if v not in indice:
            visitar(v)
    return out


def test_el_detector_de_ciclos_los_encuentra() -> None:
    assert ciclos({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert ciclos({"a": {"b"}, "b": set()}) == []


def test_el_grafo_cuenta_las_importaciones_dentro_de_funciones_y_no_las_de_tipos() -> None:
    g = grafo()
    assert "pni_cli.validar" in g["pni_cli.cli"]  # `from . import validar as comando`, inside the command
    assert "pni_cli.plan" in g["pni_cli.modelos"]  # inside _clases_del_dominio
    assert "pni_cli.plan" not in g["pni_cli.checks.plan_ids"]  # only under TYPE_CHECKING


def test_ningun_ciclo_de_importaciones() -> None:
    hallados = ciclos(grafo())
    detalle = "; ".join(" ↔ ".join(c) for c in hallados)
    assert hallados == [], f"módulos que se importan entre sí (también dentro de funciones): {detalle}"


# --- one module per command ---------------------------------------------------------------------------------------

def _comandos_de_cli() -> dict[str, ast.FunctionDef]:
    """The functions of cli.py decorated with `@app.command(…)`, by command name."""
    out = {}
    for nodo in arbol("pni_cli.cli").body:
        if not isinstance(nodo, ast.FunctionDef):
            continue
        for dec in nodo.decorator_list:
            llamada = dec if isinstance(dec, ast.Call) else None
            funcion = llamada.func if llamada is not None else dec
            if isinstance(funcion, ast.Attribute) and funcion.attr == "command":
                nombre = next((k.value.value for k in (llamada.keywords if llamada else [])
                               if k.arg == "name" and isinstance(k.value, ast.Constant)), nodo.name)
                out[str(nombre)] = nodo
    return out


def test_los_comandos_leidos_son_los_de_la_aplicacion() -> None:
    from pni_cli.cli import app

    registrados = {c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands}
    assert set(_comandos_de_cli()) == registrados
    assert len(registrados) >= 9


@pytest.mark.parametrize("comando", sorted(_comandos_de_cli()))
def test_cada_comando_tiene_su_modulo_con_ejecutar(comando: str) -> None:
    nombre = f"pni_cli.{comando}"
    assert nombre in modulos(), f"el comando «{comando}» no tiene su módulo pni_cli/{comando}.py"
    funciones = {n.name for n in arbol(nombre).body if isinstance(n, ast.FunctionDef)}
    assert "ejecutar" in funciones, f"pni_cli/{comando}.py no define ejecutar()"
    funcion = _comandos_de_cli()[comando]
    propias = [i for i in ast.walk(funcion) if isinstance(i, ast.ImportFrom) and i.level == 1 and i.module is None]
    assert [a.name for i in propias for a in i.names] == [comando], \
        f"cli.{funcion.name} debe pasar el comando a pni_cli/{comando}.py (from . import {comando})"


# --- the file contract and the domain records ---------------------------------------------------------------------

def _campos_de_clases(nombre: str, es_de_interes: object) -> dict[str, list[str]]:
    """Class name → its annotated fields, in order, for the classes of a module that `es_de_interes` keeps."""
    out = {}
    for nodo in arbol(nombre).body:
        if isinstance(nodo, ast.ClassDef) and callable(es_de_interes) and es_de_interes(nodo):
            out[nodo.name] = [s.target.id for s in nodo.body
                              if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                              and not (isinstance(s.annotation, ast.Name) and s.annotation.id == "ClassVar")]
    return out


def _modelos() -> dict[str, list[str]]:
    """The pydantic models of modelos.py: the classes built on its `Base`."""
    return _campos_de_clases("pni_cli.modelos",
                             lambda c: any(isinstance(b, ast.Name) and b.id == "Base" for b in c.bases))


def _es_registro(c: ast.ClassDef) -> bool:
    def nombre(d: ast.expr) -> str:
        d = d.func if isinstance(d, ast.Call) else d
        return d.id if isinstance(d, ast.Name) else d.attr if isinstance(d, ast.Attribute) else ""

    return any(nombre(d) == "dataclass" for d in c.decorator_list)


# The records that hold a whole (indexes, where each value sits), built by the loaders, not converted from a model
CONTENEDORES = {"Plan", "ArchivoAvance"}


def _registros() -> dict[str, tuple[str, list[str]]]:
    out = {}
    for modulo in ("pni_cli.plan", "pni_cli.avance"):
        for clase, campos in _campos_de_clases(modulo, _es_registro).items():
            if clase not in CONTENEDORES:
                assert clase not in out, f"el registro {clase} está a la vez en plan.py y avance.py"
                out[clase] = (modulo, campos)
    return out


def test_cada_modelo_tiene_su_registro_y_cada_registro_su_modelo() -> None:
    modelos, registros = _modelos(), _registros()
    assert len(modelos) >= 20
    assert sorted(set(modelos) - set(registros)) == [], "modelos sin registro en plan.py/avance.py"
    assert sorted(set(registros) - set(modelos)) == [], "registros sin modelo en modelos.py"


@pytest.mark.parametrize("clase", sorted(_modelos()))
def test_el_modelo_y_su_registro_tienen_los_mismos_campos(clase: str) -> None:
    modulo, campos = _registros()[clase]
    assert sorted(campos) == sorted(_modelos()[clase]), f"{clase}: modelos.py y {_relativo(modulo)} difieren"


def test_a_dominio_convierte_cada_modelo_en_su_registro() -> None:
    """What the source says is what runs: a_dominio's table is exactly these records, with these fields."""
    from pni_cli import modelos

    tabla = modelos._clases_del_dominio()
    assert set(tabla) == set(_modelos())
    for clase, registro in tabla.items():
        assert registro.__module__ == _registros()[clase][0]
        assert {f.name for f in dataclasses.fields(registro)} == set(getattr(modelos, clase).model_fields)
