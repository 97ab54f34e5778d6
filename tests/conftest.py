"""Shared fixtures: the repository's own workspace, throwaway copies of it, and two ways to run the real CLI: in
this process (`correr`, what almost every test uses: the entry point `pni_cli.cli.main` with the arguments, the
environment, the folder and the captured output a user's run would have) and in a process of its own
(`correr_proceso`, where a process is the point: signals, time and memory limits, start-up imports, encodings of
the standard streams, the installed entry point)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (no random seed, no example database): the suite passes on a
# fresh clone every time, not most times. `HYPOTHESIS_PROFILE=explorar uv run pytest` draws new ones, to look for
# a failure on purpose.
settings.register_profile("pni", derandomize=True, database=None)
settings.register_profile("explorar", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "pni"))

if TYPE_CHECKING:
    from pni_cli.plan import Plan

REPO = Path(__file__).resolve().parent.parent
# The published plan's text, kept in the repository (a byte-identical copy of shared/fuentes/…) so that a fresh
# clone has it: the transcription tests (tests/unit/test_transcripcion.py) fail, never skip, without it.
FUENTE = REPO / "docs" / "fuente" / "001_8a5e66e6a43ee3b9.txt"


@dataclass
class Salida:
    codigo: int
    out: str
    err: str


def _entorno(env: dict[str, str] | None) -> dict[str, str]:
    entorno = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    entorno.pop("GITHUB_ACTIONS", None)
    entorno.update(env or {})
    return entorno


def correr_proceso(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                   tiempo: int = 120) -> Salida:
    """Run `pni ARGS…` in a process of its own: no colour, in `cwd`, killed after `tiempo` seconds."""
    try:
        p = subprocess.run([sys.executable, "-m", "pni_cli", *args], cwd=cwd or REPO, env=_entorno(env),
                           capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=tiempo)
    except subprocess.TimeoutExpired:
        pytest.fail(f"pni {' '.join(args)} no terminó en {tiempo} s")
    return Salida(p.returncode, p.stdout, p.stderr)


class _Flujo(io.TextIOWrapper):
    """A standard stream as a pipe looks to pni: UTF-8, not a terminal."""

    def isatty(self) -> bool:
        return False


def _leido(flujo: _Flujo) -> str:
    flujo.flush()
    crudo = flujo.buffer.getvalue()  # type: ignore[attr-defined]
    return io.TextIOWrapper(io.BytesIO(crudo), encoding="utf-8", errors="replace", newline=None).read()


def correr(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
           tiempo: int | None = None) -> Salida:
    """Run `pni ARGS…` in this process as a user would run it in `cwd` with `env`: `pni_cli.cli.main` with the
    arguments, the environment (no colour, 120 columns) and the folder of that run, standard output and error
    captured as a pipe would capture them (UTF-8, universal newlines). With `tiempo`, the run goes to a process of
    its own, which a hang cannot stop (`correr_proceso`)."""
    if tiempo is not None:
        return correr_proceso(*args, cwd=cwd, env=env, tiempo=tiempo)
    from pni_cli import cli
    from pni_cli.lectura import rutas

    entorno, anterior, carpeta = _entorno(env), dict(os.environ), os.getcwd()
    out = _Flujo(io.BytesIO(), encoding="utf-8", newline="\n", write_through=True)
    err = _Flujo(io.BytesIO(), encoding="utf-8", newline="\n", write_through=True)
    codigo = 0
    os.environ.clear()
    os.environ.update(entorno)
    rutas._resuelta.cache_clear()  # what a new process would know of the folders
    try:
        os.chdir(cwd or REPO)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main(list(args))
            except SystemExit as e:
                codigo = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        os.chdir(carpeta)
        os.environ.clear()
        os.environ.update(anterior)
    return Salida(codigo, _leido(out), _leido(err))


@pytest.fixture(scope="session", autouse=True)
def _cache_de_la_sesion(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The workspace cache (pni_cli/lectura/cache.py) of every pni run by the tests goes to a folder of this session,
    never to the user's ~/.cache; the tests still go through it, as users do."""
    os.environ["PNI_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache-pni"))
    os.environ.pop("PNI_SIN_CACHE", None)
    # Where PYTHONDONTWRITEBYTECODE is set (some sandboxes and CI images), each `pni` the tests start would compile
    # every module again: the children keep their bytecode in a folder of the session instead, as a user's would.
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))


@pytest.fixture
def pni() -> Callable[..., Salida]:
    return correr


@pytest.fixture
def espacio(tmp_path: Path) -> Path:
    """A workspace with the real plan and no progress files."""
    shutil.copytree(REPO / "plan", tmp_path / "plan")
    (tmp_path / "avances").mkdir()
    return tmp_path


@pytest.fixture
def espacio_con_avances(tmp_path: Path) -> Path:
    """A workspace with the real plan and the shipped illustrative progress files."""
    shutil.copytree(REPO / "plan", tmp_path / "plan")
    shutil.copytree(REPO / "avances", tmp_path / "avances")
    return tmp_path


def huellas(carpeta: Path) -> dict[str, str]:
    """sha256 of every file under `carpeta`, to prove inputs are left untouched."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


def escribir(ruta: Path, texto: str | bytes) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(texto, bytes):
        ruta.write_bytes(texto)
    else:
        ruta.write_text(texto, encoding="utf-8")
    return ruta


def con_meta(plan: Plan, id_: str, **campos: object) -> Plan:
    """The same plan with one indicator's meta changed (vence, programación, stages, sentido…)."""
    import dataclasses

    from pni_cli.plan import Actividad, Eje, Intervencion, Plan

    def act(a: Actividad) -> Actividad:
        return dataclasses.replace(a, indicadores=tuple(
            dataclasses.replace(i, meta=dataclasses.replace(i.meta, **campos)) if i.id == id_ else i
            for i in a.indicadores))

    def itv(i: Intervencion) -> Intervencion:
        return dataclasses.replace(i, actividades=tuple(act(a) for a in i.actividades))

    def eje(e: Eje) -> Eje:
        return dataclasses.replace(e, intervenciones=tuple(itv(i) for i in e.intervenciones))

    return Plan(plan.general, plan.instituciones, plan.objetivos, [eje(e) for e in plan.ejes], plan.archivos_eje,
                plan.documentos, plan.principios)
