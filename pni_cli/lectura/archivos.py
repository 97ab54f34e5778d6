"""Reading an input file's bytes, safely: only regular files, never more than the limit, never blocking.

Shared by the YAML loader and by the cache (which must not import a YAML parser). A named pipe, a device such as
/dev/zero or a socket is refused with a reason instead of hanging `pni validar` or filling the memory.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from ..errores import ErrorDeUso, motivo_del_sistema

# The problem codes this module owns (tests/unit/test_problemas.py: each code has exactly one owner); the YAML
# loader, the workspace and the Excel form use them through these names.
CODIFICACION = "PNI007"
LIMITE = "PNI010"
ILEGIBLE = "PNI012"
CODIGOS = frozenset({CODIFICACION, LIMITE, ILEGIBLE})

# 1 MB: a progress file is a few KB (two hundred at the very most), a plan file some 30 KB; what the slowest of the
# YAML parsers (ruamel's pure one, which some files need) reads in about a second
_LIMITES = {"PNI_MAX_BYTES": 1024 * 1024, "PNI_MAX_PROFUNDIDAD": 40, "PNI_MAX_DESCOMPRIMIDO": 50 * 1024 * 1024,
            "PNI_MAX_VALORES": 20_000, "PNI_MAX_ELEMENTOS": 1_000}  # the last two: pni_cli/lectura/estructura.py


def limite(variable: str) -> int:
    """A limit set by an environment variable (PNI_MAX_BYTES, PNI_MAX_PROFUNDIDAD, PNI_MAX_DESCOMPRIMIDO,
    PNI_MAX_VALORES, PNI_MAX_ELEMENTOS), or its default.

    A value that is not a positive whole number is a usage error that names the variable."""
    texto = os.environ.get(variable)
    if texto is None or not texto.strip():
        return _LIMITES[variable]
    limpio = texto.strip().replace("_", "")
    valor = int(limpio) if re.fullmatch(r"[0-9]{1,30}", limpio) else 0  # ASCII digits only, as everywhere
    if valor <= 0:
        raise ErrorDeUso(f"la variable de entorno {variable}=«{texto}» no es válida: escriba un número entero mayor "
                         f"que cero, sin unidades (p. ej. {_LIMITES[variable]}, el valor por omisión)")
    return valor


class NoLegible(Exception):
    """The file cannot be read as an input file; the message says why, in Spanish."""

    def __init__(self, motivo: str, demasiado_grande: bool = False) -> None:
        super().__init__(motivo)
        self.motivo = motivo
        self.demasiado_grande = demasiado_grande


_MOTIVOS = {errno.ENOENT: "no existe", errno.EACCES: "no tiene permiso de lectura",
            errno.EISDIR: "es una carpeta, no un archivo", errno.ELOOP: "es un enlace simbólico circular",
            errno.ENXIO: "no es un archivo normal (un socket o un dispositivo)"}


def que_es(modo: int) -> str | None:
    """What a node that is not a regular file is, in words («una tubería con nombre (FIFO)»); None for a regular
    file. The same words when pni refuses to read one (here) and to write over one (pni_cli/salida.py)."""
    if stat.S_ISREG(modo):
        return None
    if stat.S_ISLNK(modo):
        return "un enlace simbólico"
    if stat.S_ISDIR(modo):
        return "una carpeta"
    if stat.S_ISFIFO(modo):
        return "una tubería con nombre (FIFO)"
    if stat.S_ISCHR(modo) or stat.S_ISBLK(modo):
        return "un dispositivo"
    if stat.S_ISSOCK(modo):
        return "un socket"
    return "un archivo especial"


def _tipo_especial(modo: int) -> str:
    que = que_es(modo)
    if que == "una carpeta":
        return "es una carpeta, no un archivo"
    return f"es {que}, no un archivo normal" if que not in (None, "un archivo especial") else "no es un archivo normal"


def leer_bytes(ruta: Path, maximo: int, *, sin_enlaces: bool = False) -> bytes:
    """The whole content of a regular file of at most `maximo` bytes; otherwise `NoLegible`. With `sin_enlaces`,
    a symbolic link is refused rather than followed."""
    banderas = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if sin_enlaces:
        banderas |= getattr(os, "O_NOFOLLOW", 0)
        if os.path.islink(ruta):  # where O_NOFOLLOW is missing, and for the message
            raise NoLegible("es un enlace simbólico; no se sigue")
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; a regular file ignores it
        fd = os.open(ruta, banderas)
    except OSError as e:
        if sin_enlaces and e.errno == errno.ELOOP:
            raise NoLegible("es un enlace simbólico; no se sigue") from None
        raise NoLegible(_MOTIVOS.get(e.errno or 0) or motivo_del_sistema(e)) from None
    try:
        modo = os.fstat(fd)
        if not stat.S_ISREG(modo.st_mode):
            raise NoLegible(_tipo_especial(modo.st_mode))
        if modo.st_size > maximo:
            raise NoLegible(_demasiado(modo.st_size, maximo), demasiado_grande=True)
        partes: list[bytes] = []
        leidos = 0
        while True:  # the size may change while reading: never take more than the limit
            parte = os.read(fd, min(1 << 20, maximo + 1 - leidos))
            if not parte:
                break
            partes.append(parte)
            leidos += len(parte)
            if leidos > maximo:
                raise NoLegible(_demasiado(leidos, maximo), demasiado_grande=True)
        return b"".join(partes)
    except OSError as e:
        raise NoLegible(_MOTIVOS.get(e.errno or 0) or motivo_del_sistema(e)) from None
    finally:
        os.close(fd)


def demasiado_grande(tam: int, maximo: int) -> str:
    """The message for a file of `tam` bytes over the limit `maximo` (the disk's, or a blob's in git)."""
    return _demasiado(tam, maximo)


def _demasiado(tam: int, maximo: int) -> str:
    return (f"el archivo pesa {tam:,} bytes y el máximo es {maximo:,}; divida el archivo o, si es legítimo, "
            "suba el límite con la variable de entorno PNI_MAX_BYTES")
