"""Where things are in a workspace: its root (the folder holding plan/plan.yaml), the name pni shows for a file,
the progress files under avances/, and links that point out of the workspace. No file is read here."""

from __future__ import annotations

import functools
import os
from pathlib import Path


class SinEspacioDeTrabajo(Exception):
    """No folder holding plan/plan.yaml was found."""


def buscar_raiz(desde: Path) -> Path:
    """Walk up from `desde` to the folder that holds plan/plan.yaml."""
    actual = desde.resolve()
    for carpeta in (actual, *actual.parents):
        if (carpeta / "plan" / "plan.yaml").is_file():
            return carpeta
    raise SinEspacioDeTrabajo(
        f"no se encontró un espacio de trabajo de pni (una carpeta con plan/plan.yaml) en {actual} ni en sus "
        "carpetas superiores; entre en la carpeta del repositorio o use --raiz RUTA")


def relativo(ruta: Path, raiz: Path) -> str:
    """The name pni shows for a file: relative to the workspace, else as given. A symbolic link is named where it
    is, not where it points; the workspace may also be reached through another path (a linked folder)."""
    escrito, base_escrita = Path(os.path.abspath(ruta)), os.path.abspath(raiz)
    if escrito.is_relative_to(base_escrita):
        return escrito.relative_to(base_escrita).as_posix()
    try:
        base = _resuelta(raiz) if raiz.is_absolute() else raiz.resolve()
        return ruta.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(ruta)


def enlace_hacia_fuera(ruta: Path, raiz: Path) -> bool:
    """A path inside the workspace whose real file lies outside it (a symbolic link in avances/ to /etc/passwd or
    to a key): never read, because what pni quotes of a file it cannot parse ends up in CI logs. A file the user
    names outside the workspace is theirs to name."""
    try:
        if not Path(os.path.abspath(ruta)).is_relative_to(os.path.abspath(raiz)):
            return False
        absoluta = ruta.absolute()
        # the folder of a thousand progress files is resolved once; the file itself needs resolving only if a link
        real = absoluta.resolve() if absoluta.is_symlink() else _resuelta(absoluta.parent) / absoluta.name
        return not real.is_relative_to(_resuelta(raiz.absolute()))
    except (OSError, RuntimeError):  # a loop of links: the reader says so
        return False


@functools.lru_cache(maxsize=64)
def _resuelta(carpeta: Path) -> Path:
    """An absolute folder (the workspace, a semester's folder), resolved once rather than once per file."""
    return carpeta.resolve()


def rutas_avances(raiz: Path) -> list[Path]:
    """Every *.yaml / *.yml under avances/, in order."""
    carpeta = raiz / "avances"
    if not carpeta.is_dir():
        return []
    # not only regular files: a pipe, a device or a broken link named *.yaml is listed so that the loader says what
    # it is (PNI012), instead of being skipped without a word
    return sorted(p for p in carpeta.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir())
