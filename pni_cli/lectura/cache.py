"""A cache of the loaded workspace, so that `pni estado` and `pni reporte` answer without parsing YAML or
importing pydantic when their input files have not changed.

What is kept: the validated plan and each progress file, as the very records the engine reads (the frozen
dataclasses of pni_cli/plan.py and pni_cli/avance.py), never the YAML documents. Where: the folder
`PNI_CACHE_DIR`, else `$XDG_CACHE_HOME/pni`, else `~/.cache/pni`; one file per workspace, named after its
resolved path. `PNI_SIN_CACHE=1` turns it off. Nothing is ever written in the workspace.

When an entry is used: only if the bytes of its file are the same as when it was made (BLAKE2 digest of the
content, not the modification time), and the whole cache only if pni's own code is the same (version, and size
and modification time of each of its modules). A changed progress file is read again alone; a changed plan file
reads the plan again. An invalid plan is never cached: the command fails as it would without the cache.

The evaluation too (`pni_cli/evaluacion.py`): the situation the engine computed, kept in a second file beside the
first under a key made of the digests of every input file, the cut-off date and the eje and institution asked for;
the last few evaluations are kept, so that `pni estado` typed again the same day does not compute the semáforo again.

Safety: the cache file is read only if it is a regular file that belongs to the user and nobody else can write it
(opened without blocking and without following a link); it is read with an unpickler that builds nothing but those
records, dates and built-in containers. A relative PNI_CACHE_DIR, XDG_CACHE_HOME or HOME is ignored (the XDG
specification says so), so that the cache never lands inside the workspace. A cache that is corrupt, from another
version or not ours is ignored and replaced; a cache that cannot be written is simply not written. The cache can
never change what a command shows, only how fast it shows it (tests/unit/lectura/test_cache.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any, ClassVar

from .. import __version__, avance, plan, problemas
from ..avance import ArchivoAvance
from ..plan import Plan
from .archivos import NoLegible, leer_bytes, limite
from .rutas import enlace_hacia_fuera, relativo, rutas_avances

try:  # CPython's own BLAKE2: the same digest as hashlib's, without hashlib's OpenSSL start-up (a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

FORMATO = 3  # 2: the records of plan.py and avance.py (1 held generic records); 3: and the evaluations
EVALUACIONES = 4  # evaluations kept (a few views of the same day: the plan, an eje, an institution)


def _registros(*modulos: Any) -> dict[tuple[str, str], type]:
    """The dataclasses defined in `modulos`, by (module, name)."""
    return {(m.__name__, nombre): clase for m in modulos for nombre, clase in vars(m).items()
            if isinstance(clase, type) and dataclasses.is_dataclass(clase) and clase.__module__ == m.__name__}


class _Lector(pickle.Unpickler):
    """Builds only what the cache holds: a crafted file cannot make pickle call anything else."""

    PERMITIDOS: ClassVar[dict[tuple[str, str], type]] = {
        ("datetime", "date"): dt.date,
        ("pni_cli.problemas", "Problema"): problemas.Problema,
        ("pni_cli.problemas", "Severidad"): problemas.Severidad,
        **{k: v for k, v in _registros(plan, avance).items() if v not in (plan.Plan, avance.ArchivoAvance)}}
    # the engine's records (progreso.py, entradas.py, periodos.py), filled in the first time an evaluation is read
    PERMITIDOS_EVALUACION: ClassVar[dict[tuple[str, str], type]] = {}

    def find_class(self, module: str, name: str) -> Any:
        if not self.PERMITIDOS_EVALUACION:
            from .. import entradas, periodos, progreso

            self.PERMITIDOS_EVALUACION.update(_registros(entradas, periodos, progreso))
        clase = self.PERMITIDOS.get((module, name)) or self.PERMITIDOS_EVALUACION.get((module, name))
        if clase is None:
            raise pickle.UnpicklingError(f"{module}.{name} no está permitido en la caché")
        return clase


def carpeta_cache() -> Path | None:
    """The cache folder, or None when the cache is off."""
    if os.environ.get("PNI_SIN_CACHE", "").strip() not in ("", "0"):
        return None
    # a relative folder would put the cache wherever pni runs, maybe inside the workspace: ignored (XDG says so)
    elegida = os.environ.get("PNI_CACHE_DIR", "").strip()
    if elegida and os.path.isabs(elegida):
        return Path(elegida)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "pni"
    try:
        casa = Path.home()
    except RuntimeError:  # no home folder known
        return None
    return casa / ".cache" / "pni" if casa.is_absolute() else None


def _firma_codigo() -> tuple[Any, ...]:
    """pni's own code and the limits it reads with: a changed module (a developer's checkout, an upgrade) or
    another PNI_MAX_BYTES, PNI_MAX_PROFUNDIDAD, PNI_MAX_VALORES or PNI_MAX_ELEMENTOS (which decide whether a file
    is valid) make the cache stale."""
    paquete = Path(__file__).parent
    modulos = []
    for ruta in sorted(paquete.rglob("*.py")):
        st = ruta.stat()
        modulos.append((ruta.relative_to(paquete).as_posix(), st.st_size, st.st_mtime_ns))
    limites = tuple(limite(v) for v in ("PNI_MAX_BYTES", "PNI_MAX_PROFUNDIDAD", "PNI_MAX_VALORES", "PNI_MAX_ELEMENTOS"))
    return (FORMATO, __version__, sys.version_info[:2], limites, tuple(modulos))


def _resumen(datos: bytes) -> bytes:
    return blake2b(datos, digest_size=16).digest()


def _archivo_cache(carpeta: Path, raiz: Path, que: str = "espacio") -> Path:
    nombre = blake2b(str(raiz.resolve()).encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return carpeta / f"{que}-{nombre}.pickle"


def _leer_cache(archivo: Path, firma: tuple[Any, ...], vacio: dict[str, Any] | None = None) -> dict[str, Any]:
    """The cache's content if it is there, ours, readable and made by this very code; else an empty cache."""
    if vacio is None:
        vacio = {"plan": None, "avances": {}}
    try:
        # O_NONBLOCK: a FIFO planted as the cache file must not hang `pni estado`; O_NOFOLLOW: nor a link
        fd = os.open(archivo, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError:
        return vacio
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return vacio  # a pipe, a device: never read
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return vacio  # someone else's, or writable by others: not to be trusted
            contenido = _Lector(io.BytesIO(f.read())).load()
    except Exception:  # corrupt, truncated, from another Python: rebuilt from the files
        return vacio
    if not isinstance(contenido, dict) or contenido.get("firma") != firma:
        return vacio
    return contenido


def _escribir_cache(archivo: Path, contenido: dict[str, Any]) -> None:
    """Atomically, readable by the user only; any failure leaves things as they were (the cache is optional)."""
    import tempfile

    try:
        archivo.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporal = tempfile.mkstemp(prefix=".espacio-", suffix=".tmp", dir=archivo.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(contenido, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporal, archivo)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temporal)


def _leer(ruta: Path) -> bytes | None:
    try:
        return leer_bytes(ruta, limite("PNI_MAX_BYTES"))
    except NoLegible:
        return None  # the loader reads it again and says why


def cargar(raiz: Path) -> tuple[Plan, list[ArchivoAvance]]:
    """The plan (or `PlanInvalido`) and the progress files with the problems found reading them, from the cache
    where their files are unchanged."""
    plan, archivos, _ = cargar_con_huella(raiz)
    return plan, archivos


def cargar_con_huella(raiz: Path) -> tuple[Plan, list[ArchivoAvance], bytes | None]:
    """`cargar`, and a digest of every input file (names and contents), the key of an evaluation of them; None
    when the cache is off."""
    carpeta = carpeta_cache()
    if carpeta is None:
        return (*_sin_cache(raiz), None)
    archivo = _archivo_cache(carpeta, raiz)
    firma = _firma_codigo()
    cache = _leer_cache(archivo, firma)
    cambiado = False

    rutas_plan = sorted((raiz / "plan").glob("*.yaml"))
    contenido_plan = [(r.name, _leer(r)) for r in rutas_plan]
    clave_plan = (None if any(d is None for _, d in contenido_plan)
                  else tuple((n, _resumen(d)) for n, d in contenido_plan if d is not None))
    guardado = cache.get("plan")
    if clave_plan is not None and guardado is not None and guardado[0] == clave_plan:
        plan = _plan_de(guardado[1])
    else:
        from .espacio import cargar_plan_o_fallar

        partes = _partes_del_plan(cargar_plan_o_fallar(raiz))  # raises PlanInvalido: nothing is cached then
        plan = _plan_de(partes)
        cache["plan"] = None if clave_plan is None else (clave_plan, partes)
        cambiado = True

    huella = blake2b(repr(clave_plan).encode(), digest_size=16)
    anteriores: dict[str, tuple[bytes, Any, Any]] = cache.get("avances", {})
    nuevos: dict[str, tuple[bytes, Any, Any]] = {}
    archivos: list[ArchivoAvance] = []
    for ruta in rutas_avances(raiz):
        nombre = relativo(ruta, raiz)
        datos = None if enlace_hacia_fuera(ruta, raiz) else _leer(ruta)  # the loader says why it is not read
        resumen = None if datos is None else _resumen(datos)
        huella.update(repr((nombre, resumen)).encode("utf-8", "surrogateescape"))
        previo = anteriores.get(nombre)
        if resumen is not None and previo is not None and previo[0] == resumen:
            leido = ArchivoAvance(nombre, None, previo[1], list(previo[2]))
        else:
            from .espacio import cargar_avance

            cargado = cargar_avance(ruta, raiz, datos)
            leido = ArchivoAvance(nombre, None, cargado.avance, cargado.problemas)
            cambiado = True
        if resumen is not None:
            nuevos[nombre] = (resumen, leido.avance, tuple(leido.problemas))
        archivos.append(leido)
    if cambiado or nuevos.keys() != anteriores.keys():
        _escribir_cache(archivo, {"firma": firma, "plan": cache.get("plan"), "avances": nuevos})
    return plan, archivos, (huella.digest() if clave_plan is not None else None)


def evaluacion_guardada(raiz: Path, clave: tuple[Any, ...]) -> Any:
    """The evaluation kept under `clave` (`evaluacion.py` says what it holds), or None."""
    carpeta = carpeta_cache()
    if carpeta is None:
        return None
    guardadas = _leer_cache(_archivo_cache(carpeta, raiz, "evaluacion"), _firma_codigo(), {"evaluaciones": {}})
    return guardadas.get("evaluaciones", {}).get(clave)


def guardar_evaluacion(raiz: Path, clave: tuple[Any, ...], valor: Any) -> None:
    """Keep `valor` under `clave`, with the last few evaluations (EVALUACIONES)."""
    carpeta = carpeta_cache()
    if carpeta is None:
        return
    archivo, firma = _archivo_cache(carpeta, raiz, "evaluacion"), _firma_codigo()
    evaluaciones = dict(_leer_cache(archivo, firma, {"evaluaciones": {}}).get("evaluaciones", {}))
    evaluaciones.pop(clave, None)
    evaluaciones[clave] = valor
    recientes = dict(list(evaluaciones.items())[-EVALUACIONES:])
    _escribir_cache(archivo, {"firma": firma, "evaluaciones": recientes})


def _sin_cache(raiz: Path) -> tuple[Plan, list[ArchivoAvance]]:
    from .espacio import cargar_avances, cargar_plan_o_fallar

    plan = cargar_plan_o_fallar(raiz)
    return plan, [ArchivoAvance(a.ruta, None, a.avance, a.problemas) for a in cargar_avances(raiz)]


def _partes_del_plan(plan: Plan) -> dict[str, Any]:
    return {"general": plan.general, "instituciones": dict(plan.instituciones), "objetivos": plan.objetivos,
            "ejes": list(plan.ejes), "archivos_eje": dict(plan.archivos_eje), "principios": plan.principios}


def _plan_de(partes: dict[str, Any]) -> Plan:
    """The indexed plan from its cached parts (the indexes are rebuilt: cheaper than storing them)."""
    return Plan(partes["general"], dict(partes["instituciones"]), partes["objetivos"], list(partes["ejes"]),
                dict(partes["archivos_eje"]), principios=partes["principios"])
