"""Writing output files: atomically (temporary file in the same folder, written, fsync, os.replace), only as a new
file or, with --forzar, over a regular file (never through a symbolic link, never over a pipe, a device or a
socket), and never leaving a partial file behind, even when interrupted or when the disk is full. Every failure is
an `ErrorDeEscritura` (exit code 3) that says why in Spanish."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from pathlib import Path
from typing import Any

from .errores import ErrorDeEscritura, motivo_del_sistema
from .lectura.archivos import que_es
from .texto_seguro import una_linea


def comprobar_destino(ruta: Path, forzar: bool) -> None:
    """Fail early (before any work) when the output may not be written: only a new file, or with --forzar a regular
    file, is ever written. A symbolic link (it could point at any file: a pull request can plant one), a pipe, a
    device (as root, /dev/null would become a regular file) or a socket is never replaced, --forzar or not."""
    nombre = una_linea(ruta)
    try:
        modo = os.lstat(ruta).st_mode
    except FileNotFoundError:
        modo = None
    except OSError as e:
        raise ErrorDeEscritura(f"no se puede escribir {nombre}: {motivo_del_sistema(e)}") from None
    if modo is not None:
        que = que_es(modo)
        if que == "una carpeta":
            raise ErrorDeEscritura(f"{nombre} es una carpeta; indique un nombre de archivo")
        if que is not None:
            raise ErrorDeEscritura(f"{nombre} es {que}, no un archivo normal: pni solo escribe archivos nuevos o, con "
                                   "--forzar, archivos normales; indique otro nombre")
        if not forzar:
            raise ErrorDeEscritura(f"{nombre} ya existe; no se sobrescribe sin --forzar")
    carpeta = ruta.parent
    if not carpeta.is_dir():
        raise ErrorDeEscritura(f"la carpeta {una_linea(carpeta)} no existe" if not carpeta.exists()
                               else f"{una_linea(carpeta)} no es una carpeta")


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
        try:
            # mkstemp makes the file readable by its owner only: give it the permissions a plain write would
            # (those of the file it replaces, or the usual ones under the umask)
            previo = _modo_previo(ruta)
            os.fchmod(fd, previo if previo is not None else 0o666 & ~_umask())
            vista = memoryview(datos)
            while vista:  # os.write may write less than asked (a full disk raises ENOSPC here)
                vista = vista[os.write(fd, vista):]
            os.fsync(fd)
        finally:
            os.close(fd)
        comprobar_destino(ruta, forzar)  # a file, a link or a pipe put there meanwhile is not replaced
        os.replace(tmp, ruta)
        tmp = None
    except OSError as e:
        raise ErrorDeEscritura(f"no se pudo escribir {una_linea(ruta)}: {motivo_del_sistema(e)}") from None
    finally:
        _restaurar_senales(mascara)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _modo_previo(ruta: Path) -> int | None:
    """The permissions of the regular file about to be replaced (never those of what a link points at)."""
    try:
        st = os.lstat(ruta)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


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
    sys.stderr.write(f"{aviso} {una_linea(salida)}\n")
