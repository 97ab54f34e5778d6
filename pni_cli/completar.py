"""`pni completar`: completion of commands and options with the Tab key, with Spanish words around Typer's own
machinery. Typer's `--install-completion` / `--show-completion` print English messages that cannot be translated
from outside, so `pni completar [SHELL] [--instalar]` offers the same scripts and installation. When the shell asks
for completions it runs `pni` with `_PNI_COMPLETE` set; `preparar()` registers Typer's completion classes first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errores import ErrorDeUso

PROGRAMA = "pni"
VARIABLE = "_PNI_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
INSTALABLES = ("bash", "zsh", "fish")


def preparar() -> None:
    """Register Typer's completion classes for bash, zsh, fish and PowerShell."""
    from .typer_privado import registrar_completado

    registrar_completado()


def elegir(shell: str | None) -> str:
    """The shell named, or the one running `pni`; a usage error when neither is known."""
    if shell is None:
        from .typer_privado import nombre_del_shell

        shell = nombre_del_shell()
        if shell is None:
            raise ErrorDeUso("no se pudo saber qué intérprete de órdenes usa; indíquelo, p. ej. «pni completar bash»")
    shell = shell.strip().lower()
    if shell not in SHELLS:
        raise ErrorDeUso(f"«{shell}» no está entre los intérpretes admitidos: {', '.join(SHELLS)}")
    return shell


def guion(shell: str) -> str:
    from .typer_privado import guion_de_completado

    return guion_de_completado(PROGRAMA, VARIABLE, shell) + "\n"


def instalar(shell: str) -> Path:
    """Install the script where Typer installs it (~/.bash_completions + ~/.bashrc, ~/.zfunc + ~/.zshrc,
    ~/.config/fish/completions); returns the script's path."""
    if shell not in INSTALABLES:
        raise ErrorDeUso(f"--instalar funciona con {', '.join(INSTALABLES)}; en PowerShell agregue el guion a su "
                         "perfil: pni completar powershell >> $PROFILE")
    from .typer_privado import instalar_completado

    return instalar_completado(PROGRAMA, VARIABLE, shell)


def ejecutar(*, shell: str | None, instalar_guion: bool) -> int:
    elegido = elegir(shell)
    if not instalar_guion:
        sys.stdout.write(guion(elegido))
        return 0
    ruta = instalar(elegido)
    sys.stderr.write(f"Completado de {elegido} instalado en {ruta}; funciona en las terminales que abra desde "
                     "ahora.\n")
    return 0
