"""Each problem code of the catalogue (pni_cli/problemas.py) has exactly one owner: the module that declares it in
its `CODIGOS` and gives it a name (`ILEGIBLE = "PNI012"`). Other modules produce it through that name, never by
writing the code again, so that a code's meaning is written in one place.

The owners are found by importing every module of pni_cli and reading its `CODIGOS`; the literals, by reading
each module's source with `ast`: any string of the code (docstrings aside, which may speak of any code) that
contains a code must be of a code its module owns.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import pni_cli
from pni_cli.problemas import TIPOS
from tests.conftest import REPO

RE_CODIGO = re.compile(r"PNI[0-9]{3}")


@cache
def todos_los_modulos() -> dict[str, ModuleType]:
    out = {"pni_cli": pni_cli}
    for info in pkgutil.walk_packages(pni_cli.__path__, "pni_cli."):
        if info.name != "pni_cli.__main__":  # runs the CLI when imported
            out[info.name] = importlib.import_module(info.name)
    return out


@cache
def duenos() -> dict[str, frozenset[str]]:
    """Module → the codes it declares in `CODIGOS` (modules without one left out)."""
    return {nombre: frozenset(m.CODIGOS) for nombre, m in todos_los_modulos().items() if hasattr(m, "CODIGOS")}


def test_se_importan_todos_los_modulos() -> None:
    archivos = {p for p in (REPO / "pni_cli").rglob("*.py")}
    assert len(todos_los_modulos()) == len(archivos) - 1  # all but __main__.py


@pytest.mark.parametrize("codigo", sorted(TIPOS))
def test_cada_codigo_tiene_exactamente_un_dueno(codigo: str) -> None:
    suyos = [nombre for nombre, codigos in duenos().items() if codigo in codigos]
    assert len(suyos) == 1, f"{codigo} lo declaran {suyos or 'ningún módulo'} en CODIGOS; debe ser exactamente uno"


def test_los_duenos_declaran_exactamente_el_catalogo() -> None:
    declarados = frozenset().union(*duenos().values())
    assert sorted(declarados - TIPOS.keys()) == [], "códigos declarados que no están en problemas.TIPOS"
    assert sorted(TIPOS.keys() - declarados) == [], "códigos del catálogo sin dueño"


@pytest.mark.parametrize("nombre", sorted(duenos()))
def test_cada_codigo_declarado_tiene_su_nombre_en_el_modulo(nombre: str) -> None:
    """`CODIGOS` is built from named constants, which the other modules import."""
    modulo = todos_los_modulos()[nombre]
    con_nombre = {v for k, v in vars(modulo).items() if k.isupper() and k != "CODIGOS" and isinstance(v, str)}
    assert sorted(duenos()[nombre] - con_nombre) == []


def _literales(nombre: str) -> list[tuple[int, str]]:
    """(line, code) of every code written in a string of the module's source, docstrings left out."""
    archivo = todos_los_modulos()[nombre].__file__
    assert archivo is not None
    arbol = ast.parse(Path(archivo).read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(arbol)
                  if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, c) for n in ast.walk(arbol)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            for c in RE_CODIGO.findall(n.value)]


@pytest.mark.parametrize("nombre", sorted(set(todos_los_modulos()) - {"pni_cli.problemas"}))
def test_cada_codigo_escrito_en_un_modulo_es_de_ese_modulo(nombre: str) -> None:
    ajenos = [f"línea {linea}: {codigo}" for linea, codigo in _literales(nombre)
              if codigo not in duenos().get(nombre, frozenset())]
    assert ajenos == [], (f"{nombre} escribe códigos que no son suyos; use la constante de su dueño: "
                          + ", ".join(ajenos))


def test_la_prueba_de_literales_ve_los_codigos_escritos() -> None:
    assert {c for _, c in _literales("pni_cli.checks.avance_archivo")} == duenos()["pni_cli.checks.avance_archivo"]
