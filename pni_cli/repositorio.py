"""The git repository that holds the workspace: the only module that runs git.

- which version of the plan a report was built from (`version_del_plan`);
- the workspace as it was at a git reference, read without touching the working tree: `git ls-tree` lists the
  files under avances/ (and plan/) at a commit and `git cat-file --batch` reads them all in one process; they are
  copied into a temporary folder so that the ordinary loaders (pni_cli/lectura/espacio.py) read them exactly as
  they read the disk. Nothing is ever checked out, stashed or written in the repository.

Every failure of git becomes an `ErrorDeUso` in Spanish (exit code 2).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .diferencias import Lado
from .errores import ErrorDeUso

if TYPE_CHECKING:
    from .avance import ArchivoAvance
    from .plan import Plan

CARPETAS = ("avances", "plan")
_SUFIJOS = (".yaml", ".yml")


@dataclass(frozen=True)
class Repositorio:
    """The git repository holding the workspace; `prefijo` is the workspace's folder inside it ("" at the top)."""

    raiz: Path  # the workspace (the folder holding plan/)
    toplevel: Path
    prefijo: str


def _git(repo_dir: Path, *args: str, entrada: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    entorno = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", "-C", str(repo_dir), *args], input=entrada, capture_output=True,
                              env=entorno, timeout=120, check=False)
    except FileNotFoundError:
        raise ErrorDeUso("no se encontró el programa git: «pni cambios» compara versiones guardadas con git; "
                         "instálelo (en Debian o Ubuntu: sudo apt-get install git) y vuelva a intentarlo") from None
    except subprocess.TimeoutExpired:
        raise ErrorDeUso(f"git no respondió en 120 segundos (git {' '.join(args[:2])})") from None


def _motivo(r: subprocess.CompletedProcess[bytes]) -> str:
    lineas = [x.strip() for x in r.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    return lineas[0] if lineas else f"git terminó con el código {r.returncode}"


def repositorio(raiz: Path) -> Repositorio:
    """The repository that holds the workspace `raiz`, or a usage error that says what to do."""
    r = _git(raiz, "rev-parse", "--show-toplevel", "--show-prefix")
    if r.returncode != 0:
        motivo = _motivo(r)
        if "not a git repository" in motivo:
            raise ErrorDeUso(f"la carpeta {raiz} no está dentro de un repositorio git; «pni cambios» compara "
                             "versiones guardadas con git (git init, git add, git commit)")
        raise ErrorDeUso(f"git no pudo leer el repositorio de {raiz}: {motivo}")
    lineas = r.stdout.decode("utf-8", "surrogateescape").splitlines()
    toplevel = Path(lineas[0])
    prefijo = lineas[1] if len(lineas) > 1 else ""
    return Repositorio(raiz, toplevel, prefijo)


def _etiquetas_recientes(repo: Repositorio, n: int = 5) -> list[str]:
    r = _git(repo.toplevel, "for-each-ref", "--sort=-creatordate", f"--count={n}", "--format=%(refname:short)",
             "refs/tags")
    return r.stdout.decode("utf-8", "replace").split() if r.returncode == 0 else []


def resolver(repo: Repositorio, ref: str, opcion: str) -> Lado:
    """A tag, branch or commit as a `Lado`, or a usage error naming the option and the existing tags."""
    ref = ref.strip()
    if not ref or ref.startswith("-"):
        raise ErrorDeUso(f"{opcion} «{ref}»: no es una referencia de git; use una etiqueta, una rama o un commit")
    r = _git(repo.toplevel, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if r.returncode != 0:
        etiquetas = _etiquetas_recientes(repo)
        pista = (f" Etiquetas recientes: {', '.join(etiquetas)}." if etiquetas
                 else " El repositorio no tiene etiquetas; vea los commits con «git log --oneline».")
        raise ErrorDeUso(f"{opcion} «{ref}»: no existe esa etiqueta, rama ni commit en el repositorio git.{pista}")
    commit = r.stdout.decode().strip()
    info = _git(repo.toplevel, "log", "-1", "--format=%cs", commit)
    fecha = dt.date.fromisoformat(info.stdout.decode().strip()) if info.returncode == 0 else None
    corto = commit[:7]
    detalle = corto if fecha is None else f"{corto}, {fecha.strftime('%d/%m/%Y')}"
    es_hash = len(ref) >= 4 and commit.startswith(ref.lower())
    descripcion = f"el commit {detalle}" if es_hash else f"{ref} ({detalle})"
    return Lado(descripcion, ref, commit, fecha)


def carpeta_de_trabajo(repo: Repositorio) -> Lado:
    """The working tree as it is, saying whether avances/ or plan/ hold changes not yet committed."""
    r = _git(repo.raiz, "status", "--porcelain", "--", *CARPETAS)
    sucio = r.returncode == 0 and bool(r.stdout.strip())
    return Lado("la carpeta de trabajo" + (" (con cambios sin confirmar)" if sucio else ""), sin_confirmar=sucio)


def _ruta_en_repo(repo: Repositorio, carpeta: str) -> str:
    return f"{repo.prefijo}{carpeta}"


@contextlib.contextmanager
def copia(repo: Repositorio, lado: Lado, carpetas: tuple[str, ...] = CARPETAS) -> Iterator[Path]:
    """A temporary folder holding `carpetas` as they are at `lado` (the workspace itself for the working tree).
    Only YAML files are copied; the folder is removed on exit."""
    if lado.commit is None:
        yield repo.raiz
        return
    with tempfile.TemporaryDirectory(prefix="pni-cambios-") as tmp:
        destino = Path(tmp)
        _extraer(repo, lado.commit, carpetas, destino)
        yield destino


def _extraer(repo: Repositorio, commit: str, carpetas: tuple[str, ...], destino: Path) -> None:
    rutas = [_ruta_en_repo(repo, c) for c in carpetas]
    r = _git(repo.toplevel, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *rutas)
    if r.returncode != 0:
        raise ErrorDeUso(f"git no pudo listar los archivos del commit {commit[:7]}: {_motivo(r)}")
    blobs: list[tuple[str, str]] = []  # (hash, path inside the workspace)
    for entrada in r.stdout.split(b"\0"):
        if not entrada:
            continue
        meta, _, ruta_b = entrada.partition(b"\t")
        modo, tipo, hash_ = meta.decode().split()
        ruta = ruta_b.decode("utf-8", "surrogateescape")
        if tipo != "blob" or modo == "120000" or not ruta.lower().endswith(_SUFIJOS):
            continue  # submodules, symbolic links and anything that is not YAML
        relativa = PurePosixPath(ruta[len(repo.prefijo):])
        if ".." in relativa.parts or relativa.is_absolute():
            continue
        blobs.append((hash_, relativa.as_posix()))
    if not blobs:
        return
    r = _git(repo.toplevel, "cat-file", "--batch", entrada="".join(f"{h}\n" for h, _ in blobs).encode())
    if r.returncode != 0:
        raise ErrorDeUso(f"git no pudo leer los archivos del commit {commit[:7]}: {_motivo(r)}")
    salida, pos = r.stdout, 0
    for _hash, nombre in blobs:
        fin = salida.index(b"\n", pos)
        cabecera = salida[pos:fin].split()
        tam = int(cabecera[2])
        contenido = salida[fin + 1:fin + 1 + tam]
        pos = fin + 1 + tam + 1
        archivo = destino / nombre
        archivo.parent.mkdir(parents=True, exist_ok=True)
        archivo.write_bytes(contenido)


def avances(repo: Repositorio, lado: Lado) -> list[ArchivoAvance]:
    """The progress files of `lado`, loaded (paths read avances/<periodo>/<CLAVE>.yaml as on disk)."""
    from .lectura.espacio import cargar_avances  # the loaders (and pydantic) only when a commit is read

    with copia(repo, lado, ("avances",)) as carpeta:
        return cargar_avances(carpeta)


def plan_en(repo: Repositorio, lado: Lado) -> Plan:
    """The plan at `lado` (the working tree's when `lado` is the working tree), or PlanInvalido."""
    from .lectura.espacio import cargar_plan_o_fallar

    with copia(repo, lado, ("plan",)) as carpeta:
        return cargar_plan_o_fallar(carpeta)


def plan_cambiado(repo: Repositorio, desde: Lado, hasta: Lado) -> list[str]:
    """The plan files that differ between the two sides (paths relative to the workspace)."""
    assert desde.commit is not None
    args = ["diff", "--name-only", "-z", "--relative", desde.commit]
    if hasta.commit is not None:
        args.append(hasta.commit)
    r = _git(repo.raiz, *args, "--", "plan")
    nombres = sorted(n for n in r.stdout.decode("utf-8", "replace").split("\0") if n) if r.returncode == 0 else []
    if hasta.commit is None:  # plan files not yet added to git are changes too
        nuevos = _git(repo.raiz, "ls-files", "-z", "--others", "--exclude-standard", "--", "plan")
        if nuevos.returncode == 0:
            nombres = sorted({*nombres, *(n for n in nuevos.stdout.decode("utf-8", "replace").split("\0") if n)})
    return nombres


def version_del_plan(raiz: Path) -> str:
    """The last commit that changed plan/ («commit a1b2c3d (2026-01-15)»), saying if plan/ has changes not yet
    committed; «sin control de versiones» outside a repository or without git."""
    try:
        r = subprocess.run(["git", "-C", str(raiz), "log", "-1", "--format=%h (%cs)", "--", "plan"],
                           capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "sin control de versiones"
    commit = r.stdout.strip()
    if r.returncode != 0 or not commit:
        return "sin control de versiones"
    sucio = subprocess.run(["git", "-C", str(raiz), "status", "--porcelain", "--", "plan"],
                           capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    return f"commit {commit}" + (" con cambios sin confirmar en plan/" if sucio else "")
