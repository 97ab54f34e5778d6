"""pni_cli/typer_privado.py converts the options itself instead of through Typer's pydantic adapters (issue 6 (c)):
every option of every command gets that conversion, and it gives what Typer's own would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._coercion import build_runtime_param

from pni_cli.cli import app
from pni_cli.typer_privado import convertir_sin_pydantic


def _comandos() -> list[tuple[str, Any]]:
    grupo = typer.main.get_command(app)
    ctx = grupo.make_context("pni", ["--version"], resilient_parsing=True)
    pares = [("pni", p) for p in grupo.get_params(ctx)]
    for nombre, comando in grupo.commands.items():  # type: ignore[attr-defined]
        sub = comando.make_context(nombre, [], parent=ctx, resilient_parsing=True)
        pares += [(nombre, p) for p in comando.get_params(sub)]
    return pares


def test_cada_opcion_de_cada_comando_se_convierte_sin_pydantic() -> None:
    pares = _comandos()
    assert len(pares) > 40
    sin = [f"{nombre} {p.name}" for nombre, p in pares
           if type(getattr(p, "_runtime_param", None)).__name__ != "ConversionDirecta"]
    assert sin == [], "opciones que Typer convertiría con pydantic (¿otra versión de Typer?): " + ", ".join(sin)


@pytest.mark.parametrize(("anotacion", "valor"), [(str, "3.2.1"), (str, ""), (str, "MTPS"), (Path, "x/y.xlsx"),
                                                  (Path, "."), (bool, True), (bool, False),
                                                  (list[Path], ("a.yaml", "avances/"))])
def test_la_conversion_da_lo_mismo_que_la_de_typer(anotacion: Any, valor: Any) -> None:
    [param] = [p for _, p in _comandos() if p.type_descriptor.annotation == anotacion][:1]
    nuestra = param._runtime_param._coerce_value(valor, param=param, ctx=None)
    de_typer = build_runtime_param(param.type_descriptor)._coerce_value(valor, param=param, ctx=None)
    assert nuestra == de_typer and type(nuestra) is type(de_typer)


def test_lo_que_no_reconoce_lo_deja_a_typer() -> None:
    class Otro:
        type_descriptor = None
        _runtime_param = None

    assert convertir_sin_pydantic([Otro()]) == 0
