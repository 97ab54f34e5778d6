"""Terminal conventions, for every command: --version, Spanish help with an example, shell completion, plain output
with NO_COLOR or when not writing to a terminal, --quiet/--verbose on validar, errors on standard error and data on
standard output."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from pni_cli import __version__
from pni_cli.cli import app
from tests.conftest import REPO, correr, correr_proceso, escribir

COMANDOS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None)
INGLES = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this", "[default", "[required]", "<path>",
          "<str>", "<text>", "<integer>", "list[", "Install completion", "Show completion")


def test_version() -> None:
    for opcion in ("--version", "-V"):
        r = correr(opcion)
        assert (r.codigo, r.out, r.err) == (0, f"pni {__version__}\n", "")


def test_la_ayuda_general_lista_cada_comando() -> None:
    r = correr("--help")
    assert r.codigo == 0 and r.err == ""
    listados = re.findall(r"^  (\w+) ", r.out.split("Comandos:")[1], re.M)
    assert sorted(listados) == COMANDOS
    assert {"cambios", "completar"} <= set(COMANDOS)


@pytest.mark.parametrize("comando", COMANDOS)
def test_ayuda_en_espanol_con_un_ejemplo(comando: str) -> None:
    r = correr(comando, "--help")
    assert r.codigo == 0 and r.err == ""
    assert r.out.startswith(f"Uso: pni {comando} ")
    assert re.search(rf"^  Ejemplos?: pni {comando}\b", r.out, re.M), r.out
    for palabra in INGLES:
        assert palabra not in r.out, (palabra, r.out)
    assert "-h, --help     " in r.out or "-h, --help" in r.out


# --- standard output and standard error ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("estado", "--opcion-que-no-existe"),
    ("estado", "--eje", "9"),
    ("estado", "--corte", "31/01/2026"),
    ("estado", "--institucion", "MTSP"),
    ("validar", "--formato", "xml"),
    ("validar", "-q", "-v"),
    ("mostrar", "9.9.9"),
    ("reporte", "--formato", "xlsx"),
    ("reporte", "--periodo", "2031-S1"),
    ("plantilla", "--institucion", "MTPS"),
    ("plantilla", "--institucion", "MTPS", "--periodo", "2026-S3"),
    ("importar", "no-existe.xlsx"),
    ("esquema", "de-mas"),
    ("cambios",),
    ("completar", "tcsh"),
    ("no-es-un-comando",),
], ids=lambda a: " ".join(a))
def test_los_errores_van_a_la_salida_de_error(args: tuple[str, ...]) -> None:
    r = correr(*args, "--corte", "2026-11-23") if args[0] == "validar" else correr(*args)
    assert r.codigo in (1, 2), r
    assert r.out == "", r.out
    assert "pni: " in r.err and "Traceback" not in r.err


def test_los_datos_van_a_la_salida_estandar(tmp_path: Path) -> None:
    for args in (("estado", "--corte", "2026-11-23"), ("estado", "--formato", "json", "--corte", "2026-11-23"),
                 ("validar", "--corte", "2026-11-23"), ("mostrar", "3.2.1"), ("esquema",),
                 ("reporte", "--corte", "2026-11-23"), ("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1"),
                 ("completar", "bash")):
        r = correr(*args)
        assert r.codigo == 0, (args, r.err)
        assert r.out and r.err == "", args
    r = correr("reporte", "--corte", "2026-11-23", "--salida", str(tmp_path / "informe.md"))
    assert r.out == "" and r.err.startswith("Informe escrito en")


# --- colour: only on a terminal, never with NO_COLOR -----------------------------------------------------

def _en_terminal(*args: str, no_color: bool) -> str:
    """Run pni with its standard output on a pseudo-terminal; what it wrote."""
    entorno = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    entorno.update({"COLUMNS": "120", "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8"})
    entorno.pop("GITHUB_ACTIONS", None)
    if no_color:
        entorno["NO_COLOR"] = "1"
    principal, secundario = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "pni_cli", *args], cwd=REPO, env=entorno, stdout=secundario,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(secundario)
    trozos = []
    while True:
        listo, _, _ = select.select([principal], [], [], 60)
        if not listo:
            break
        try:
            trozo = os.read(principal, 65536)
        except OSError:  # the other end closed
            break
        if not trozo:
            break
        trozos.append(trozo)
    p.wait(timeout=60)
    os.close(principal)
    return b"".join(trozos).decode("utf-8", "replace")


@pytest.mark.parametrize("args", [("estado", "--corte", "2026-11-23"), ("mostrar", "MTPS"),
                                  ("validar", "avances/2025-S1", "--corte", "2020-01-01"),
                                  ("cambios", "--desde", "HEAD", "--corte", "2026-11-23")], ids=lambda a: a[0])
def test_color_solo_en_una_terminal_y_nunca_con_no_color(args: tuple[str, ...]) -> None:
    assert "\x1b[" in _en_terminal(*args, no_color=False)
    assert "\x1b[" not in _en_terminal(*args, no_color=True)
    entorno = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    p = subprocess.run([sys.executable, "-m", "pni_cli", *args], cwd=REPO, env=entorno, capture_output=True,
                       text=True, encoding="utf-8")  # a pipe, not a terminal
    assert p.stdout and "\x1b[" not in p.stdout


# --- validar --quiet / --verbose ---------------------------------------------------------------------------

AVISO = """\
periodo: 2025-S1
institucion: MTPS
fecha_reporte: 2025-07-14
reportes:
  - indicador: "1.4.2.a"
    valor: 5.5
"""


def test_quiet_sin_problemas_no_dice_nada(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", AVISO.replace("5.5", "5"))
    r = correr("validar", "-q", "--corte", "2026-11-23", cwd=espacio)
    assert (r.codigo, r.out, r.err) == (0, "", "")


def test_quiet_oculta_los_avisos_salvo_con_estricto(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", AVISO)
    r = correr("validar", "--quiet", "--corte", "2026-11-23", cwd=espacio)
    assert (r.codigo, r.out) == (0, "")
    r = correr("validar", "-q", "--estricto", "--corte", "2026-11-23", cwd=espacio)
    assert r.codigo == 1
    assert r.out == "avances/2025-S1/MTPS.yaml:6:12: aviso PNI313 [conteo-no-entero] 5.5 participantes: un conteo " \
                    "suele ser un número entero\n"


def test_quiet_muestra_solo_los_errores_sin_resumen(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", AVISO + '  - indicador: "9.9.9.z"\n    valor: 1\n')
    r = correr("validar", "-q", "--corte", "2026-11-23", cwd=espacio)
    assert r.codigo == 1
    lineas = r.out.splitlines()
    assert len(lineas) == 1 and " error PNI301 " in lineas[0]
    r = correr("validar", "-q", "--formato", "github", "--corte", "2026-11-23", cwd=espacio)
    assert r.codigo == 1
    assert [x.split(" ")[0] for x in r.out.splitlines()] == ["::error"]
    # json and sarif are data: --quiet does not cut them
    completo = correr("validar", "--formato", "json", "--corte", "2026-11-23", cwd=espacio).out
    assert correr("validar", "-q", "--formato", "json", "--corte", "2026-11-23", cwd=espacio).out == completo


def test_verbose_lista_cada_archivo(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", AVISO)
    escribir(espacio / "avances/2025-S1/DGME.yaml", AVISO.replace("MTPS", "DGME").replace('"1.4.2.a"', '"5.4.1.a"')
             .replace("5.5", "10"))
    r = correr("validar", "--verbose", "--corte", "2026-11-23", cwd=espacio)
    assert r.codigo == 0
    assert "revisado avances/2025-S1/DGME.yaml: sin problemas\n" in r.out
    assert "revisado avances/2025-S1/MTPS.yaml: 0 errores, 1 aviso\n" in r.out
    assert "revisado plan/plan.yaml: sin problemas\n" in r.out
    assert r.out.splitlines()[-1].endswith("0 errores, 1 aviso")


# --- shell completion ------------------------------------------------------------------------------------

def _completar(env: dict[str, str]) -> str:
    """What the shell gets when it asks for completions: a process of its own, as the shell starts one (Typer reads
    the request at start-up)."""
    r = correr_proceso(env=env)
    assert r.codigo == 0, r.err
    return r.out


def test_completado_bash_de_comandos_y_opciones() -> None:
    guion = correr("completar", "bash").out
    assert "_PNI_COMPLETE=complete_bash" in guion and "complete -o default -F _pni_completion pni" in guion
    assert _completar({"_PNI_COMPLETE": "complete_bash", "COMP_WORDS": "pni cam", "COMP_CWORD": "1"}).split() == [
        "cambios"]
    opciones = _completar({"_PNI_COMPLETE": "complete_bash", "COMP_WORDS": "pni cambios --", "COMP_CWORD": "2"})
    assert "--desde" in opciones.split()


def test_completado_zsh_y_fish() -> None:
    assert "compdef _pni_completion pni" in correr("completar", "zsh").out
    assert "complete --command pni" in correr("completar", "fish").out
    zsh = _completar({"_PNI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "pni validar --s"})
    assert "--silencioso" in zsh and "Solo los errores" in zsh  # the option's Spanish help
    # the English names still work, but are not offered
    assert "--quiet" not in _completar({"_PNI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "pni validar --"})
    assert "Set-PSReadLineKeyHandler" in correr("completar", "powershell").out


def test_completado_se_instala_en_la_carpeta_personal(tmp_path: Path) -> None:
    r = correr("completar", "bash", "--instalar", env={"HOME": str(tmp_path)})
    assert r.codigo == 0 and r.out == ""
    assert r.err.startswith("Completado de bash instalado en ")
    assert "source '" in (tmp_path / ".bashrc").read_text()
    assert "_PNI_COMPLETE" in (tmp_path / ".bash_completions" / "pni.sh").read_text()
    r = correr("completar", "fish", "--instalar", env={"HOME": str(tmp_path)})
    assert r.codigo == 0 and (tmp_path / ".config/fish/completions/pni.fish").is_file()
    r = correr("completar", "powershell", "--instalar", env={"HOME": str(tmp_path)})
    assert r.codigo == 2 and "$PROFILE" in r.err
