"""Shared fixtures: the repository's own workspace, throwaway copies of it, and a way to run the real CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FUENTE = REPO.parent / "shared" / "fuentes" / "001_8a5e66e6a43ee3b9.txt"


@dataclass
class Salida:
    codigo: int
    out: str
    err: str


def correr(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Salida:
    """Run `pni ARGS…` as a user would: a separate process, no colour, in `cwd`."""
    entorno = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    entorno.pop("GITHUB_ACTIONS", None)
    entorno.update(env or {})
    p = subprocess.run([sys.executable, "-m", "pni_cli", *args], cwd=cwd or REPO, env=entorno,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    return Salida(p.returncode, p.stdout, p.stderr)


@pytest.fixture(scope="session", autouse=True)
def _cache_de_la_sesion(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The workspace cache (pni_cli/cache.py) of every pni run by the tests goes to a folder of this session,
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
