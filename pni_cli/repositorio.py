"""The git repository that holds the workspace: the only module that runs git.

- which version of the plan a report was built from (`version_del_plan`);
- the workspace as it was at a git reference, read without touching the working tree: `git ls-tree` lists the
  files under avances/ (and plan/) at a commit, `git cat-file --batch-check` gives their sizes and `git cat-file
  --batch` reads those within PNI_MAX_BYTES; the loaders (pni_cli/lectura/espacio.py) take their bytes as they take
  a file's. Nothing is ever checked out, stashed, or written to the disk, in the repository or anywhere else: a
  file name that no file system takes (300 characters), or a file and a folder of the same name, are only names;
- whether the working tree differs from HEAD is worked out here, from the files and the blobs' hashes, never by
  asking git to look at the working tree (`git status`, `git diff` run the repository's filters and hooks).

A repository is data too: one handed over, or cloned with a crafted .git/config, must not make pni run anything.
git runs with its system and global configuration ignored, no pager, no fsmonitor, no hooks, no optional locks and
no replacement objects, and only with commands that read objects (rev-parse, for-each-ref, log, ls-tree,
cat-file): none of them runs a filter, a textconv, an external diff or a hook. The safe.directory entries of the
user's own configuration are kept, so that a repository git would refuse stays refused and one the user trusts
stays readable.

Every failure of git becomes an `ErrorDeUso` in Spanish (exit code 2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .diferencias import Lado
from .errores import ErrorDeUso

if TYPE_CHECKING:
    from .avance import ArchivoAvance
    from .lectura.espacio import Contenido
    from .plan import Plan

CARPETAS = ("avances", "plan")
_SUFIJOS = (".yaml", ".yml")
_TIEMPO = 120  # seconds for one git command
_LOTE = 64 * 1024 * 1024  # bytes of blobs read by one `git cat-file --batch`

# Options that override whatever the repository's own configuration says
_OPCIONES = ("--no-pager", "--no-replace-objects", "-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}",
             "-c", "core.pager=cat", "-c", "log.showSignature=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
             "-c", "core.untrackedCache=false", "-c", "protocol.allow=never")


@dataclass(frozen=True)
class Repositorio:
    """The git repository holding the workspace; `prefijo` is the workspace's folder inside it ("" at the top)."""

    raiz: Path  # the workspace (the folder holding plan/)
    toplevel: Path
    prefijo: str


def _entorno() -> dict[str, str]:
    entorno = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "PAGER": "cat",
               "GIT_ATTR_NOSYSTEM": "1", "GIT_NO_REPLACE_OBJECTS": "1"}
    for variable in ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_EDITOR", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS"):
        entorno.pop(variable, None)
    return entorno


@cache
def _directorios_seguros() -> tuple[str, ...]:
    """The safe.directory entries of the user's system and global configuration (git honours them only there):
    with that configuration ignored, they are passed on, so that git trusts what the user told it to trust."""
    valores: list[str] = []
    for ambito in ("--system", "--global"):
        try:
            r = subprocess.run(["git", "config", ambito, "--get-all", "safe.directory"], capture_output=True,
                               timeout=10, check=False, env={**os.environ, "LC_ALL": "C"})
        except (OSError, subprocess.TimeoutExpired):
            continue
        valores += [v for v in r.stdout.decode("utf-8", "surrogateescape").splitlines() if v.strip()]
    return tuple(valores)


def _ejecutar(repo_dir: Path, args: tuple[str, ...], entrada: bytes | None,
              seguros: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    extra = [x for d in seguros for x in ("-c", f"safe.directory={d}")]
    return subprocess.run(["git", "-C", str(repo_dir), *_OPCIONES, *extra, *args], input=entrada, capture_output=True,
                          env=_entorno(), timeout=_TIEMPO, check=False)


def _git(repo_dir: Path, *args: str, entrada: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        r = _ejecutar(repo_dir, args, entrada, ())
        if r.returncode != 0 and b"dubious ownership" in r.stderr and _directorios_seguros():
            r = _ejecutar(repo_dir, args, entrada, _directorios_seguros())
        return r
    except FileNotFoundError:
        raise ErrorDeUso("no se encontró el programa git: «pni cambios» compara versiones guardadas con git; "
                         "instálelo (en Debian o Ubuntu: sudo apt-get install git) y vuelva a intentarlo") from None
    except subprocess.TimeoutExpired:
        raise ErrorDeUso(f"git no respondió en {_TIEMPO} segundos (git {' '.join(args[:2])})") from None


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
        if "dubious ownership" in motivo:
            raise ErrorDeUso(f"git no confía en el repositorio de {raiz} porque pertenece a otro usuario; si confía "
                             "en él, agréguelo con «git config --global --add safe.directory RUTA»")
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
    commit = r.stdout.decode("ascii", "replace").strip()
    info = _git(repo.toplevel, "log", "-1", "--format=%cs", commit)
    try:
        fecha = dt.date.fromisoformat(info.stdout.decode("ascii", "replace").strip()) if info.returncode == 0 else None
    except ValueError:
        fecha = None
    corto = commit[:7]
    detalle = corto if fecha is None else f"{corto}, {fecha.strftime('%d/%m/%Y')}"
    es_hash = len(ref) >= 4 and commit.startswith(ref.lower())
    descripcion = f"el commit {detalle}" if es_hash else f"{ref} ({detalle})"
    return Lado(descripcion, ref, commit, fecha)


# --- what a commit holds -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Blob:
    hash: str
    ruta: str  # inside the workspace: avances/2025-S1/MTPS.yaml


def _arbol(repo: Repositorio, commit: str, carpeta: str) -> list[_Blob]:
    """The YAML files under `carpeta` (avances or plan) of the workspace at `commit`. Links, submodules and other
    files are left out, as on the disk."""
    r = _git(repo.toplevel, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{repo.prefijo}{carpeta}")
    if r.returncode != 0:
        raise ErrorDeUso(f"git no pudo listar los archivos del commit {commit[:7]}: {_motivo(r)}")
    blobs: list[_Blob] = []
    for entrada in r.stdout.split(b"\0"):
        meta, _, ruta_b = entrada.partition(b"\t")
        campos = meta.decode("ascii", "replace").split()
        if len(campos) != 3:
            continue
        modo, tipo, hash_ = campos
        ruta = ruta_b.decode("utf-8", "surrogateescape")
        if tipo != "blob" or modo == "120000" or not ruta.lower().endswith(_SUFIJOS):
            continue  # submodules, symbolic links and anything that is not YAML
        if not ruta.startswith(repo.prefijo):
            continue
        relativa = PurePosixPath(ruta[len(repo.prefijo):])
        if ".." in relativa.parts or relativa.is_absolute() or relativa.parts[:1] != (carpeta,):
            continue
        blobs.append(_Blob(hash_, relativa.as_posix()))
    return blobs


def _contenidos(repo: Repositorio, commit: str, blobs: list[_Blob]) -> Iterator[tuple[_Blob, Contenido]]:
    """Each blob's bytes, or why it is not read: its size is asked first (`--batch-check`), and a blob over
    PNI_MAX_BYTES is never read, as a file over it is never read from the disk (a 200 MB blob of zeros weighs
    200 KB inside git). The others are read a batch of at most `_LOTE` bytes at a time."""
    from .lectura.archivos import NoLegible, demasiado_grande, limite

    if not blobs:
        return
    maximo = limite("PNI_MAX_BYTES")
    unicos = sorted({b.hash for b in blobs})
    r = _git(repo.toplevel, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
             entrada="".join(f"{h}\n" for h in unicos).encode())
    if r.returncode != 0:
        raise ErrorDeUso(f"git no pudo leer los archivos del commit {commit[:7]}: {_motivo(r)}")
    tamanos: dict[str, int] = {}
    for linea in r.stdout.decode("ascii", "replace").splitlines():
        partes = linea.split()
        if len(partes) == 3 and partes[1] == "blob" and partes[2].isascii() and partes[2].isdigit():
            tamanos[partes[0]] = int(partes[2])
    leer = [h for h in unicos if h in tamanos and tamanos[h] <= maximo]
    leidos: dict[str, bytes] = {}
    lote: list[str] = []
    peso = 0
    for h in leer:
        if lote and peso + tamanos[h] > _LOTE:
            leidos.update(_leer_lote(repo, commit, lote, tamanos))
            lote, peso = [], 0
        lote.append(h)
        peso += tamanos[h]
    leidos.update(_leer_lote(repo, commit, lote, tamanos))
    for b in blobs:
        if b.hash in leidos:
            yield b, leidos[b.hash]
        elif b.hash in tamanos:
            yield b, NoLegible(demasiado_grande(tamanos[b.hash], maximo), demasiado_grande=True)
        else:
            yield b, NoLegible("git no tiene el contenido de este archivo")


def _leer_lote(repo: Repositorio, commit: str, hashes: list[str], tamanos: dict[str, int]) -> dict[str, bytes]:
    if not hashes:
        return {}
    r = _git(repo.toplevel, "cat-file", "--batch", entrada="".join(f"{h}\n" for h in hashes).encode())
    if r.returncode != 0:
        raise ErrorDeUso(f"git no pudo leer los archivos del commit {commit[:7]}: {_motivo(r)}")
    salida, pos, leidos = r.stdout, 0, {}
    for h in hashes:
        fin = salida.find(b"\n", pos)
        cabecera = salida[pos:fin].split() if fin >= 0 else []
        if len(cabecera) != 3 or cabecera[0].decode("ascii", "replace") != h or int(cabecera[2]) != tamanos[h]:
            raise ErrorDeUso(f"git dio una respuesta inesperada al leer el commit {commit[:7]}")
        leidos[h] = salida[fin + 1:fin + 1 + tamanos[h]]
        pos = fin + 1 + tamanos[h] + 1
    return leidos


def avances(repo: Repositorio, lado: Lado) -> list[ArchivoAvance]:
    """The progress files of `lado`, loaded (paths read avances/<periodo>/<CLAVE>.yaml as on disk)."""
    from .lectura.espacio import cargar_avance, cargar_avances  # the loaders (and pydantic) only when needed

    if lado.commit is None:
        return cargar_avances(repo.raiz)
    blobs = sorted(_arbol(repo, lado.commit, "avances"), key=lambda b: b.ruta)
    return [cargar_avance(repo.raiz / b.ruta, repo.raiz, contenido) for b, contenido in _contenidos(repo, lado.commit,
                                                                                                    blobs)]


def plan_en(repo: Repositorio, lado: Lado) -> Plan:
    """The plan at `lado` (the working tree's when `lado` is the working tree), or PlanInvalido."""
    from .lectura.espacio import cargar_plan_o_fallar

    if lado.commit is None:
        return cargar_plan_o_fallar(repo.raiz)
    directos = [b for b in _arbol(repo, lado.commit, "plan") if PurePosixPath(b.ruta).parent.as_posix() == "plan"]
    archivos = {PurePosixPath(b.ruta).name: contenido for b, contenido in _contenidos(repo, lado.commit, directos)}
    return cargar_plan_o_fallar(repo.raiz, archivos)


# --- the working tree against a commit, without asking git to look at it ------------------------------------------

def _hashes_git(datos: bytes, largo: int) -> set[str]:
    """The blob ids git would give these bytes (SHA-1, or SHA-256 in a repository of that format), as they are and
    with CRLF line ends as LF (what core.autocrlf and «eol=lf» check in)."""
    algoritmo = hashlib.sha256 if largo == 64 else hashlib.sha1
    variantes = {datos, datos.replace(b"\r\n", b"\n")}
    return {algoritmo(b"blob %d\0" % len(v) + v).hexdigest() for v in variantes}


def _de_trabajo(repo: Repositorio, carpeta: str) -> list[Path]:
    """The YAML files pni reads under `carpeta` of the working tree."""
    from .lectura.rutas import rutas_avances

    if carpeta == "avances":
        return rutas_avances(repo.raiz)
    base = repo.raiz / carpeta
    return sorted(p for p in base.iterdir() if p.suffix.lower() in _SUFIJOS and not p.is_dir()) if base.is_dir() else []


def _distintos(repo: Repositorio, commit: str | None, carpeta: str) -> list[str]:
    """The files of `carpeta` (paths in the workspace) that differ between `commit` (None: none) and the working
    tree: changed, added or removed."""
    from .lectura.archivos import NoLegible, leer_bytes, limite
    from .lectura.rutas import relativo

    guardados = {b.ruta: b.hash for b in _arbol(repo, commit, carpeta)} if commit is not None else {}
    if carpeta == "plan":  # the plan is read from plan/ itself, not from its subfolders
        guardados = {r: h for r, h in guardados.items() if PurePosixPath(r).parent.as_posix() == "plan"}
    distintos: set[str] = set()
    vistos: set[str] = set()
    for ruta in _de_trabajo(repo, carpeta):
        nombre = relativo(ruta, repo.raiz)
        vistos.add(nombre)
        guardado = guardados.get(nombre)
        if guardado is None:
            distintos.add(nombre)
            continue
        try:
            datos = leer_bytes(ruta, limite("PNI_MAX_BYTES"))
        except NoLegible:
            distintos.add(nombre)
            continue
        if guardado not in _hashes_git(datos, len(guardado)):
            distintos.add(nombre)
    distintos |= guardados.keys() - vistos
    return sorted(distintos)


def _head(repo: Repositorio) -> str | None:
    r = _git(repo.toplevel, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return r.stdout.decode("ascii", "replace").strip() or None if r.returncode == 0 else None


def carpeta_de_trabajo(repo: Repositorio) -> Lado:
    """The working tree as it is, saying whether avances/ or plan/ hold changes not yet committed."""
    head = _head(repo)
    sucio = any(_distintos(repo, head, c) for c in CARPETAS)
    return Lado("la carpeta de trabajo" + (" (con cambios sin confirmar)" if sucio else ""), sin_confirmar=sucio)


def plan_cambiado(repo: Repositorio, desde: Lado, hasta: Lado) -> list[str]:
    """The plan files that differ between the two sides (paths relative to the workspace)."""
    assert desde.commit is not None
    if hasta.commit is None:
        return _distintos(repo, desde.commit, "plan")

    def directos(commit: str) -> dict[str, str]:
        return {b.ruta: b.hash for b in _arbol(repo, commit, "plan")
                if PurePosixPath(b.ruta).parent.as_posix() == "plan"}

    antes, despues = directos(desde.commit), directos(hasta.commit)
    return sorted(r for r in antes.keys() | despues.keys() if antes.get(r) != despues.get(r))


def version_del_plan(raiz: Path) -> str:
    """The last commit that changed plan/ («commit a1b2c3d (2026-01-15)»), saying if plan/ has changes not yet
    committed; «sin control de versiones» outside a repository or without git."""
    try:
        repo = repositorio(raiz)
        r = _git(repo.raiz, "log", "-1", "--format=%h (%cs)", "--", "plan")
        commit = r.stdout.decode("ascii", "replace").strip()
        if r.returncode != 0 or not commit:
            return "sin control de versiones"
        sucio = bool(_distintos(repo, _head(repo), "plan"))
    except (ErrorDeUso, OSError):
        return "sin control de versiones"
    return f"commit {commit}" + (" con cambios sin confirmar en plan/" if sucio else "")
