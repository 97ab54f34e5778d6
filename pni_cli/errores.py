"""The exceptions that reach the CLI, each mapped to one exit code in `cli.main`."""


class ErrorDeUso(Exception):
    """Wrong usage detected by our own code (bad date, unknown eje…): exit code 2."""


class PlanInvalido(Exception):
    """The plan itself has errors: nothing can be computed from it (exit code 1)."""


class ErrorDeEscritura(Exception):
    """An output file could not be written, or exists and --forzar was not given: exit code 3."""


_MOTIVOS = {
    "EACCES": "no tiene permiso", "EPERM": "la operación no está permitida",
    "ENOSPC": "no queda espacio en el disco", "EDQUOT": "se agotó su cuota de disco",
    "EFBIG": "el archivo supera el tamaño máximo que admite el sistema de archivos",
    "EROFS": "el disco es de solo lectura", "ENAMETOOLONG": "el nombre es demasiado largo para el sistema de archivos",
    "EISDIR": "es una carpeta, no un archivo", "ENOTDIR": "una parte de la ruta no es una carpeta",
    "EEXIST": "ya existe", "ENOENT": "no existe (o no existe la carpeta que debe contenerlo)",
    "ELOOP": "es un enlace simbólico (o hay un ciclo de enlaces)", "EIO": "error de lectura o escritura del disco",
    "EMFILE": "hay demasiados archivos abiertos", "ENFILE": "hay demasiados archivos abiertos en el sistema",
    "ENXIO": "no es un archivo normal (un dispositivo o una tubería sin lector)",
    "ETXTBSY": "el archivo está en uso", "EBUSY": "el archivo o el dispositivo está ocupado",
    "EXDEV": "está en otro disco", "ENOTEMPTY": "la carpeta no está vacía", "EPIPE": "la salida se cerró",
    "EINVAL": "el nombre o la operación no son válidos", "EAGAIN": "el recurso no está disponible ahora",
    "EWOULDBLOCK": "el recurso no está disponible ahora", "EINTR": "la operación se interrumpió",
    "ENOMEM": "no hay memoria suficiente", "ESPIPE": "no es un archivo normal", "EOPNOTSUPP": "el sistema de "
    "archivos no admite la operación", "ENOTSUP": "el sistema de archivos no admite la operación",
    "ETIMEDOUT": "el disco o la red no respondieron a tiempo", "ESTALE": "el archivo de red ya no es válido",
}


def motivo_del_sistema(e: OSError) -> str:
    """Why the operating system refused, in Spanish («no queda espacio en el disco»), never its English strerror
    («No space left on device»): the users of pni read Spanish, and a message is the same on every machine. An errno
    without a translation is named by its symbol («error del sistema EHOSTDOWN»)."""
    import errno as _errno

    nombre = _errno.errorcode.get(e.errno or 0)
    if nombre is None:
        return "error del sistema" + (f" n.º {e.errno}" if e.errno else "")
    return _MOTIVOS.get(nombre, f"error del sistema {nombre}")
