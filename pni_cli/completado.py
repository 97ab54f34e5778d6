"""Shell completion with the Tab key: Typer's own machinery, with Spanish words around it.

Typer's `--install-completion` / `--show-completion` options print English messages that cannot be translated
from outside, so `pni completar [SHELL] [--instalar]` offers the same scripts and installation. When the shell asks
for completions it runs `pni` with `_PNI_COMPLETE` set; `preparar()` registers Typer's completion classes first.
"""

from __future__ import annotations

from pathlib import Path

from .errores import ErrorDeUso

PROGRAMA = "pni"
VARIABLE = "_PNI_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
INSTALABLES = ("bash", "zsh", "fish")


def preparar() -> None:
    """Register Typer's completion classes for bash, zsh, fish and PowerShell."""
    from typer._completion_classes import completion_init

    completion_init()


def elegir(shell: str | None) -> str:
    """The shell named, or the one running `pni`; a usage error when neither is known."""
    if shell is None:
        from typer._completion_shared import _get_shell_name

        shell = _get_shell_name()
        if shell is None:
            raise ErrorDeUso("no se pudo saber qué intérprete de órdenes usa; indíquelo, p. ej. «pni completar bash»")
    shell = shell.strip().lower()
    if shell not in SHELLS:
        raise ErrorDeUso(f"«{shell}» no está entre los intérpretes admitidos: {', '.join(SHELLS)}")
    return shell


def guion(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROGRAMA, complete_var=VARIABLE, shell=shell) + "\n"


def instalar(shell: str) -> Path:
    """Install the script where Typer installs it (~/.bash_completions + ~/.bashrc, ~/.zfunc + ~/.zshrc,
    ~/.config/fish/completions); returns the script's path."""
    if shell not in INSTALABLES:
        raise ErrorDeUso(f"--instalar funciona con {', '.join(INSTALABLES)}; en PowerShell agregue el guion a su "
                         "perfil: pni completar powershell >> $PROFILE")
    from typer._completion_shared import install

    _, ruta = install(shell=shell, prog_name=PROGRAMA, complete_var=VARIABLE)
    return ruta
