"""Writing output files: atomically (temporary file in the same folder, flush, fsync, os.replace), never over
an existing file without --forzar, and never leaving a partial file behind, even when interrupted."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errores import ErrorDeEscritura


def comprobar_destino(ruta: Path, forzar: bool) -> None:
    """Fail early (before any work) when the output exists and may not be replaced."""
    if ruta.is_dir():
        raise ErrorDeEscritura(f"{ruta} es una carpeta; indique un nombre de archivo")
    if ruta.exists() and not forzar:
        raise ErrorDeEscritura(f"{ruta} ya existe; no se sobrescribe sin --forzar")
    if not ruta.parent.exists():
        raise ErrorDeEscritura(f"la carpeta {ruta.parent} no existe")


def escribir_atomico(ruta: Path, datos: bytes, forzar: bool) -> None:
    comprobar_destino(ruta, forzar)
    fd, tmp = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            # mkstemp makes the file readable by its owner only: give it the permissions a plain write would
            # (those of the file it replaces, or the usual ones under the umask)
            os.chmod(tmp, stat.S_IMODE(ruta.stat().st_mode) if ruta.exists() else 0o666 & ~_umask())
            f.write(datos)
            f.flush()
            os.fsync(f.fileno())
        if ruta.exists() and not forzar:  # appeared meanwhile
            raise ErrorDeEscritura(f"{ruta} ya existe; no se sobrescribe sin --forzar")
        os.replace(tmp, ruta)
    except OSError as e:
        raise ErrorDeEscritura(f"no se pudo escribir {ruta}: {e.strerror or e}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    actual = os.umask(0o022)
    os.umask(actual)
    return actual
