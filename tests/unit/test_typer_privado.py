"""pni_cli/typer_privado.py converts the options itself instead of through Typer's pydantic adapters (issue 6 (c)):
every option of every command gets that conversion, and it gives what Typer's own would. And every hook degrades to
Typer's own behaviour when the private part it uses is gone or changed (a module that cannot be imported, an
abstract method renamed): `pni` still answers, in Spanish, with the same exit codes."""

from __future__ import annotations

import abc
import builtins
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._coercion import build_runtime_param

from pni_cli.cli import app
from pni_cli.errores import ErrorDeUso
from pni_cli.typer_privado import (
    convertir_sin_pydantic,
    errores_de_uso,
    guion_de_completado,
    instalar_completado,
    nombre_del_shell,
    registrar_completado,
)
from tests.conftest import correr


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


# --- a Typer without the private hooks: Typer's own behaviour, never an error --------------------------------------

def _sin_modulo(monkeypatch: pytest.MonkeyPatch, nombre: str) -> None:
    """pni's imports of the private module `nombre` fail from now on, as with a Typer release that dropped or moved
    it. Typer's own imports of it go on working: such a release would not import it either (Typer imports some of
    its private modules lazily, so removing the module from sys.modules would break Typer itself, not pni)."""
    real = builtins.__import__

    def importar(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        de_pni = str((globals or {}).get("__name__", "")).startswith("pni_cli")
        pedido = {name, *(f"{name}.{n}" for n in fromlist or ())}
        if de_pni and level == 0 and any(m == nombre or m.startswith(nombre + ".") for m in pedido):
            raise ModuleNotFoundError(f"No module named {nombre!r}", name=nombre)
        return real(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", importar)


def _parametros_sin_convertir() -> list[Any]:
    """The parameters of `pni validar` as Typer builds them, before any hook ran."""
    grupo = typer.main.get_command(app)
    comando = grupo.commands["validar"]  # type: ignore[attr-defined]
    ctx = comando.make_context("validar", [], resilient_parsing=True)
    params = super(type(comando), comando).get_params(ctx)
    for p in params:
        if hasattr(p, "_runtime_param"):
            p._runtime_param = None
    return params


def _la_cli_funciona_en_castellano() -> None:
    ayuda = correr("--help")
    assert ayuda.codigo == 0, ayuda.err
    assert ayuda.out.startswith("Uso: pni") and "Comandos:" in ayuda.out and "Muestra esta ayuda" in ayuda.out
    mal = correr("validar", "--no-existe")
    assert mal.codigo == 2, mal.err
    assert "pni: opción desconocida: --no-existe" in mal.err and "Traceback" not in mal.err
    assert "Pruebe «pni validar --help» para ver la ayuda." in mal.err
    bien = correr("esquema")
    assert bien.codigo == 0 and bien.out.startswith("{")


def test_sin_typer_coercion_typer_convierte_las_opciones_por_si_mismo(monkeypatch: pytest.MonkeyPatch) -> None:
    _sin_modulo(monkeypatch, "typer._coercion")
    params = _parametros_sin_convertir()
    assert convertir_sin_pydantic(params) == 0
    assert all(getattr(p, "_runtime_param", None) is None for p in params)
    _la_cli_funciona_en_castellano()


def test_si_cambia_el_metodo_abstracto_de_runtimeparam_typer_convierte(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Typer whose RuntimeParam asks for another method: the direct conversion cannot be built, nothing breaks."""
    import typer._coercion as coercion

    @dataclass(frozen=True)
    class OtroRuntimeParam(abc.ABC):
        parameter_info: Any
        annotation: Any

        @abc.abstractmethod
        def _convertir(self, value: Any, param: Any, ctx: Any) -> Any: ...

    monkeypatch.setattr(coercion, "RuntimeParam", OtroRuntimeParam)
    params = _parametros_sin_convertir()
    assert convertir_sin_pydantic(params) == 0
    assert all(getattr(p, "_runtime_param", None) is None for p in params)
    _la_cli_funciona_en_castellano()


def test_sin_las_excepciones_de_click_se_usa_la_base_publica_de_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    _sin_modulo(monkeypatch, "typer._click.exceptions")
    assert errores_de_uso() == (typer.TyperException, typer.TyperException)
    _la_cli_funciona_en_castellano()


def test_con_el_typer_probado_las_excepciones_son_las_de_su_click() -> None:
    uso, click = errores_de_uso()
    assert uso.__name__ == "UsageError" and click.__name__ == "ClickException"
    assert issubclass(uso, click) and issubclass(click, typer.TyperException)


def test_sin_los_modulos_de_completado_pni_completar_lo_dice_en_castellano(monkeypatch: pytest.MonkeyPatch) -> None:
    _sin_modulo(monkeypatch, "typer._completion_shared")
    _sin_modulo(monkeypatch, "typer._completion_classes")
    for llamada in (lambda: guion_de_completado("pni", "_PNI_COMPLETE", "bash"),
                    lambda: instalar_completado("pni", "_PNI_COMPLETE", "bash")):
        with pytest.raises(ErrorDeUso, match="el completado con Tab no está disponible con esta versión de Typer"):
            llamada()
    assert registrar_completado() is None  # nothing to register: completion requests get Typer's default
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    assert nombre_del_shell() == "zsh"
    r = correr("completar", "bash")
    assert r.codigo == 2 and r.out == ""
    assert "pni: el completado con Tab no está disponible con esta versión de Typer" in r.err
