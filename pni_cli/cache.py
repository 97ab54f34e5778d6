"""A cache of the loaded workspace, so that `pni estado` and `pni reporte` answer without parsing YAML or
importing pydantic when their input files have not changed.

What is kept: the validated plan and each progress file, as plain read-only records (`Registro`), never the YAML
documents. Where: the folder `PNI_CACHE_DIR`, else `$XDG_CACHE_HOME/pni`, else `~/.cache/pni`; one file per
workspace, named after its resolved path. `PNI_SIN_CACHE=1` turns it off. Nothing is ever written in the workspace.

When an entry is used: only if the bytes of its file are the same as when it was made (BLAKE2 digest of the
content, not the modification time), and the whole cache only if pni's own code is the same (version, and size
and modification time of each of its modules). A changed progress file is read again alone; a changed plan file
reads the plan again. An invalid plan is never cached: the command fails as it would without the cache.

Safety: the cache file is read only if it belongs to the user and nobody else can write it; it is read with an
unpickler that builds nothing but `Registro`, dates and built-in containers. A cache that is corrupt, from another
version or not ours is ignored and replaced; a cache that cannot be written is simply not written. The cache can
never change what a command shows, only how fast it shows it (tests/unit/test_cache.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from . import __version__
from .espacio import ArchivoAvance, Plan, enlace_hacia_fuera, relativo, rutas_avances
from .lectura import NoLegible, leer_bytes, limite

try:  # CPython's own BLAKE2: the same digest as hashlib's, without hashlib's OpenSSL start-up (a few ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

if TYPE_CHECKING:
    from .models import Avance, Eje, Institucion, ObjetivosPMM, PlanGeneral

FORMATO = 1


class Registro:
    """The fields of a validated model as read-only attributes: what the cache keeps of a plan element or of a
    progress file. Code that reads models (the engine, the renderers) reads a Registro the same way."""

    def __init__(self, campos: dict[str, Any]) -> None:
        self.__dict__.update(campos)

    def __setattr__(self, nombre: str, valor: Any) -> None:
        raise AttributeError(f"Registro es de solo lectura ({nombre})")

    def __eq__(self, otro: object) -> bool:
        return isinstance(otro, Registro) and vars(self) == vars(otro)

    def __hash__(self) -> int:
        return hash(tuple(vars(self).items()))

    def __repr__(self) -> str:
        return "Registro(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"


def a_registro(valor: Any) -> Any:
    """A validated pydantic model (and what it contains) as Registro, lists, dicts and plain values."""
    campos = getattr(type(valor), "model_fields", None)
    if campos is not None:
        return Registro({nombre: a_registro(getattr(valor, nombre)) for nombre in campos})
    if isinstance(valor, list):
        return [a_registro(v) for v in valor]
    if isinstance(valor, dict):
        return {k: a_registro(v) for k, v in valor.items()}
    return valor


class _Lector(pickle.Unpickler):
    """Builds only what the cache holds: a crafted file cannot make pickle call anything else."""

    PERMITIDOS: ClassVar[dict[tuple[str, str], type]] = {("pni_cli.cache", "Registro"): Registro,
                                                          ("datetime", "date"): dt.date}

    def find_class(self, module: str, name: str) -> Any:
        clase = self.PERMITIDOS.get((module, name))
        if clase is None:
            raise pickle.UnpicklingError(f"{module}.{name} no está permitido en la caché")
        return clase


def carpeta_cache() -> Path | None:
    """The cache folder, or None when the cache is off."""
    if os.environ.get("PNI_SIN_CACHE", "").strip() not in ("", "0"):
        return None
    elegida = os.environ.get("PNI_CACHE_DIR", "").strip()
    if elegida:
        return Path(elegida)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "pni"
    try:
        return Path.home() / ".cache" / "pni"
    except RuntimeError:  # no home folder known
        return None


def _firma_codigo() -> tuple[Any, ...]:
    """pni's own code and the limits it reads with: a changed module (a developer's checkout, an upgrade) or
    another PNI_MAX_BYTES / PNI_MAX_PROFUNDIDAD (which decide whether a file is valid) make the cache stale."""
    paquete = Path(__file__).parent
    modulos = []
    for ruta in sorted(paquete.rglob("*.py")):
        st = ruta.stat()
        modulos.append((ruta.relative_to(paquete).as_posix(), st.st_size, st.st_mtime_ns))
    limites = (limite("PNI_MAX_BYTES"), limite("PNI_MAX_PROFUNDIDAD"))
    return (FORMATO, __version__, sys.version_info[:2], limites, tuple(modulos))


def _resumen(datos: bytes) -> bytes:
    return blake2b(datos, digest_size=16).digest()


def _archivo_cache(carpeta: Path, raiz: Path) -> Path:
    nombre = blake2b(str(raiz.resolve()).encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return carpeta / f"espacio-{nombre}.pickle"


def _leer_cache(archivo: Path, firma: tuple[Any, ...]) -> dict[str, Any]:
    """The cache's content if it is there, ours, readable and made by this very code; else an empty cache."""
    vacio: dict[str, Any] = {"plan": None, "avances": {}}
    try:
        fd = os.open(archivo, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return vacio
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
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
    """The plan (or `PlanInvalido`) and the progress files, from the cache where their files are unchanged."""
    carpeta = carpeta_cache()
    if carpeta is None:
        return _sin_cache(raiz)
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
        from .consulta import cargar_plan_o_fallar

        partes = _partes_del_plan(cargar_plan_o_fallar(raiz))  # raises PlanInvalido: nothing is cached then
        plan = _plan_de(partes)
        cache["plan"] = None if clave_plan is None else (clave_plan, partes)
        cambiado = True

    anteriores: dict[str, tuple[bytes, Any]] = cache.get("avances", {})
    nuevos: dict[str, tuple[bytes, Any]] = {}
    archivos: list[ArchivoAvance] = []
    for ruta in rutas_avances(raiz):
        nombre = relativo(ruta, raiz)
        datos = None if enlace_hacia_fuera(ruta, raiz) else _leer(ruta)  # the loader says why it is not read
        resumen = None if datos is None else _resumen(datos)
        previo = anteriores.get(nombre)
        if resumen is not None and previo is not None and previo[0] == resumen:
            avance = previo[1]
        else:
            from .workspace import cargar_avance

            cargado, _ = cargar_avance(ruta, raiz, datos)
            avance = None if cargado.avance is None else a_registro(cargado.avance)
            cambiado = True
        if resumen is not None:
            nuevos[nombre] = (resumen, avance)
        archivos.append(ArchivoAvance(nombre, None, cast("Avance | None", avance)))
    if cambiado or nuevos.keys() != anteriores.keys():
        _escribir_cache(archivo, {"firma": firma, "plan": cache.get("plan"), "avances": nuevos})
    return plan, archivos


def _sin_cache(raiz: Path) -> tuple[Plan, list[ArchivoAvance]]:
    from .consulta import cargar_plan_o_fallar
    from .workspace import cargar_avances

    plan = cargar_plan_o_fallar(raiz)
    archivos, _ = cargar_avances(raiz)
    return plan, archivos


def _partes_del_plan(plan: Plan) -> dict[str, Any]:
    return {"general": a_registro(plan.general),
            "instituciones": {k: a_registro(v) for k, v in plan.instituciones.items()},
            "objetivos": a_registro(plan.objetivos), "ejes": [a_registro(e) for e in plan.ejes],
            "archivos_eje": dict(plan.archivos_eje)}


def _plan_de(partes: dict[str, Any]) -> Plan:
    """The indexed plan from its cached parts (the indexes are rebuilt: cheaper than storing them)."""
    return Plan(cast("PlanGeneral", partes["general"]), cast("dict[str, Institucion]", partes["instituciones"]),
                cast("ObjetivosPMM | None", partes["objetivos"]), cast("list[Eje]", partes["ejes"]),
                dict(partes["archivos_eje"]))
