"""The only module that touches Typer's private internals (`typer._*`); a test fails if another module does.

Typer is pinned in pyproject.toml to the minor version these hooks are tested with (0.29). Each hook degrades to
Typer's own behaviour when a Typer release changes or drops what it uses, never to an error:

- `convertir_sin_pydantic`: Typer ≥ 0.29 converts every option through a pydantic TypeAdapter built at each run,
  which imports pydantic (about 0.1 s) even for a plain text; pni's options are texts, paths, lists of paths and
  flags, converted here directly. Without the hook, Typer converts them itself: only slower.
- `errores_de_uso`: the exception classes of Typer's bundled click (usage errors carry the context whose usage line
  is printed); without them, Typer's public base class `typer.TyperException`.
- completion (`registrar_completado`, `guion_de_completado`, `instalar_completado`, `nombre_del_shell`): Typer's
  completion scripts and installation, which `typer.completion` re-exports from its private modules; without
  them, `pni completar` says completion is not available with this Typer, instead of failing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from .errores import ErrorDeUso

_DIRECTAS: dict[tuple[Any, Any], type] = {}


def _clase_directa() -> type | None:
    """The direct conversion, built once for the Typer it extends (Typer asks for the parameters several times a
    run); None when Typer no longer has what it builds on."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:
        return None
    hecha = _DIRECTAS.get((RuntimeParam, build_runtime_param))
    if hecha is None:
        hecha = _DIRECTAS[(RuntimeParam, build_runtime_param)] = _nueva_clase(RuntimeParam, build_runtime_param)
    return hecha


def _nueva_clase(base: type, build_runtime_param: Any) -> type:
    @dataclass(frozen=True)
    class ConversionDirecta(base):  # type: ignore[misc]
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is str and isinstance(value, str):
                return value
            if self.annotation is bool and isinstance(value, bool):
                return value
            if self.annotation is Path and isinstance(value, str):
                return Path(value)
            if self.annotation == list[Path] and all(isinstance(v, str) for v in value):
                return [Path(v) for v in value]
            # anything unexpected: Typer's own conversion, with its checks and messages
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    return ConversionDirecta


def _es_simple(param: Any) -> bool:
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not hasattr(param, "_runtime_param") or getattr(desc, "file_annotation", None) is not None:
        return False
    info = getattr(desc, "parameter_info", None)
    if info is None or getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return False
    if getattr(desc, "annotation", None) in (str, bool):
        return True
    if desc.annotation not in (Path, list[Path]):
        return False
    # a path Typer would check (exists=True, resolve_path=True…) keeps Typer's conversion
    return (not getattr(info, "exists", False) and not getattr(info, "resolve_path", False)
            and not getattr(info, "writable", False) and getattr(info, "path_type", None) is None
            and getattr(info, "file_okay", True) and getattr(info, "dir_okay", True))


def convertir_sin_pydantic(params: list[Any]) -> int:
    """Give each simple parameter the direct conversion; returns how many got it (0 when the hook is gone)."""
    try:
        clase = _clase_directa()
    except Exception:  # a Typer whose RuntimeParam is no longer a dataclass, or is final
        return 0
    if clase is None:
        return 0
    hechos = 0
    for param in params:
        if getattr(param, "_runtime_param", True) is None and _es_simple(param):
            try:
                param._runtime_param = clase(parameter_info=param.type_descriptor.parameter_info,
                                             annotation=param.type_descriptor.annotation)
            except Exception:  # a renamed abstract hook, another constructor: Typer converts it itself
                return hechos
            hechos += 1
    return hechos


def errores_de_uso() -> tuple[type[Exception], type[Exception]]:
    """(UsageError, ClickException) of Typer's bundled click; the public `typer.TyperException` for both when
    they cannot be found (a usage error then loses only its usage line)."""
    try:
        from typer._click.exceptions import ClickException, UsageError
    except ImportError:
        return typer.TyperException, typer.TyperException
    return UsageError, ClickException


def nombre_del_shell() -> str | None:
    """The shell running pni (bash, zsh…), as Typer detects it; else the basename of $SHELL; else None."""
    try:
        from typer._completion_shared import _get_shell_name

        nombre = _get_shell_name()
    except Exception:
        nombre = None
    if nombre is None:
        shell = os.environ.get("SHELL", "").strip()
        nombre = os.path.basename(shell) or None
    return nombre


def _sin_completado(e: Exception) -> ErrorDeUso:
    return ErrorDeUso(f"el completado con Tab no está disponible con esta versión de Typer ({type(e).__name__}); "
                      "actualice pni")


def registrar_completado() -> None:
    """Register Typer's completion classes for bash, zsh, fish and PowerShell (nothing if they are gone)."""
    try:
        from typer._completion_classes import completion_init
    except ImportError:
        return
    completion_init()


def guion_de_completado(programa: str, variable: str, shell: str) -> str:
    try:
        from typer._completion_shared import get_completion_script
    except ImportError as e:
        raise _sin_completado(e) from None
    return get_completion_script(prog_name=programa, complete_var=variable, shell=shell)


def instalar_completado(programa: str, variable: str, shell: str) -> Path:
    """Install the script where Typer installs it; returns the script's path."""
    try:
        from typer._completion_shared import install
    except ImportError as e:
        raise _sin_completado(e) from None
    _, ruta = install(shell=shell, prog_name=programa, complete_var=variable)
    return Path(ruta)
