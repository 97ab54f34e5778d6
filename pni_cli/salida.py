"""Writing output files: atomically (temporary file in the same folder, flush, fsync, os.replace), never over
an existing file without --forzar, and never leaving a partial file behind, even when interrupted."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from pathlib import Path
from typing import Any

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
    tmp: str | None = None
    # Ctrl-C or SIGTERM (which cli.main turns into the same exception) between the creation of the temporary file
    # and the moment its name is known here would leave it behind: the signals wait until `tmp` is set.
    mascara = _bloquear_senales()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{ruta.name}.", suffix=".tmp", dir=ruta.parent)
        _restaurar_senales(mascara)
        mascara = None
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
        _restaurar_senales(mascara)
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


_SENALES = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


def _bloquear_senales() -> Any:
    """Block the signals that interrupt a run (POSIX); return the previous mask, or None where there is none."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SENALES)


def _restaurar_senales(mascara: Any) -> None:
    """Restore the mask: a signal that arrived meanwhile is delivered now (its handler runs right here)."""
    if mascara is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mascara)


def _umask() -> int:
    actual = os.umask(0o022)
    os.umask(actual)
    return actual


def entregar(contenido: str | bytes, salida: Path | None, forzar: bool, aviso: str) -> None:
    """Text to standard output when there is no --salida; otherwise the file, written atomically, and a line on
    standard error saying where."""
    import sys

    if salida is None:
        assert isinstance(contenido, str)
        sys.stdout.write(contenido)
        return
    escribir_atomico(salida, contenido.encode("utf-8") if isinstance(contenido, str) else contenido, forzar)
    sys.stderr.write(f"{aviso} {salida}\n")
