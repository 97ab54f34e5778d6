"""The workspace cache (pni_cli/lectura/cache.py): it may change how fast `pni estado` answers, never what it says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pni_cli.errores import PlanInvalido
from pni_cli.evaluacion import evaluar_espacio
from pni_cli.lectura import cache
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.render.estado_json import a_json
from tests.conftest import REPO

CORTE = dt.date(2026, 11, 23)


@pytest.fixture
def carpeta_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    carpeta = tmp_path / "cache"
    monkeypatch.setenv("PNI_CACHE_DIR", str(carpeta))
    monkeypatch.delenv("PNI_SIN_CACHE", raising=False)
    return carpeta


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    raiz = tmp_path / "ws"
    shutil.copytree(REPO / "plan", raiz / "plan")
    shutil.copytree(REPO / "avances", raiz / "avances")
    return raiz


def json_estado(raiz: Path, **filtros: str | None) -> str:
    ev = evaluar_espacio(raiz, corte=CORTE.isoformat(), periodo=None, eje=filtros.get("eje"),
                         institucion=filtros.get("institucion"))
    return a_json(ev.situacion, ev.plan, ev.invalidos, eje=ev.situacion.filtro_eje,
                  institucion=ev.situacion.filtro_institucion)


def json_sin_cache(raiz: Path, monkeypatch: pytest.MonkeyPatch, **filtros: str | None) -> str:
    with monkeypatch.context() as m:
        m.setenv("PNI_SIN_CACHE", "1")
        return json_estado(raiz, **filtros)


def archivos_cache(carpeta: Path) -> list[Path]:
    return sorted(carpeta.glob("espacio-*.pickle")) if carpeta.is_dir() else []


def test_con_y_sin_cache_el_estado_es_el_mismo(ws: Path, carpeta_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    esperado = json_sin_cache(ws, monkeypatch)
    assert archivos_cache(carpeta_cache) == []
    assert json_estado(ws) == esperado  # builds the cache
    assert len(archivos_cache(carpeta_cache)) == 1
    assert json_estado(ws) == esperado  # reads it
    for filtros in ({"eje": "3"}, {"institucion": "MPTS"}):
        assert json_estado(ws, **filtros) == json_sin_cache(ws, monkeypatch, **filtros)


def test_lo_que_guarda_son_los_mismos_registros_que_lee_el_motor(ws: Path, carpeta_cache: Path) -> None:
    """The cache keeps the very records of pni_cli/plan.py and avance.py: a property or a field added to them is
    the same warm or cold (nothing is disguised as something else)."""
    plan, _ = cargar_plan(ws)
    assert plan is not None
    cache.cargar(ws)  # fills it
    tibio, archivos = cache.cargar(ws)
    assert tibio.ejes == plan.ejes and tibio.general == plan.general and tibio.instituciones == plan.instituciones
    assert all(type(a) is type(b) for a, b in zip(tibio.ejes, plan.ejes, strict=True))
    av = next(a.avance for a in archivos if a.avance is not None)
    assert type(av).__module__ == "pni_cli.avance" and all(a.documento is None for a in archivos)
    with pytest.raises(dataclasses.FrozenInstanceError):
        av.periodo = "2025-S2"  # type: ignore[misc]


def test_un_avance_cambiado_con_el_mismo_tamano_y_la_misma_fecha_se_lee_de_nuevo(
        ws: Path, carpeta_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    json_estado(ws)
    archivo = ws / "avances" / "2025-S1" / "MTPS.yaml"
    texto = archivo.read_text(encoding="utf-8")
    st = archivo.stat()
    nuevo = texto.replace("valor: 1", "valor: 9", 1)
    assert nuevo != texto and len(nuevo) == len(texto)
    archivo.write_text(nuevo, encoding="utf-8")
    os.utime(archivo, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same modification time
    con = json_estado(ws)
    assert con == json_sin_cache(ws, monkeypatch)
    archivo.write_text(texto, encoding="utf-8")
    assert json_estado(ws) == json_sin_cache(ws, monkeypatch)


def test_un_avance_que_se_vuelve_invalido_o_desaparece(ws: Path, carpeta_cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    json_estado(ws)
    (ws / "avances" / "2025-S1" / "MTPS.yaml").write_text("periodo: [\n", encoding="utf-8")
    con = json_estado(ws)
    assert '"avances/2025-S1/MTPS.yaml"' in con
    assert con == json_sin_cache(ws, monkeypatch)
    (ws / "avances" / "2025-S1" / "MTPS.yaml").unlink()
    shutil.rmtree(ws / "avances" / "2024-S2")
    assert json_estado(ws) == json_sin_cache(ws, monkeypatch)


def test_un_plan_cambiado_se_lee_de_nuevo(ws: Path, carpeta_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    json_estado(ws)
    eje = next((ws / "plan").glob("eje-3-*.yaml"))
    texto = eje.read_text(encoding="utf-8")
    eje.write_text(texto.replace("nombre: Movilidad Laboral", "nombre: Movilidad LABORAL", 1), encoding="utf-8")
    con = json_estado(ws)
    assert "Movilidad LABORAL" in con
    assert con == json_sin_cache(ws, monkeypatch)


def test_un_plan_invalido_nunca_sale_de_la_cache(ws: Path, carpeta_cache: Path) -> None:
    json_estado(ws)
    (ws / "plan" / "plan.yaml").write_text("nombre: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PlanInvalido):
            json_estado(ws)


@pytest.mark.parametrize("contenido", [b"", b"basura", pickle.dumps({"firma": "otra"}), pickle.dumps([1, 2])])
def test_una_cache_rota_o_ajena_se_ignora_y_se_rehace(ws: Path, carpeta_cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                      contenido: bytes) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_cache(carpeta_cache)
    archivo.write_bytes(contenido)
    assert json_estado(ws) == esperado
    assert archivo.read_bytes() != contenido


class _Malicioso:
    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, ("touch " + str(Path(os.environ["PNI_CACHE_DIR"]) / "ejecutado"),))


def test_una_cache_fabricada_no_ejecuta_nada(ws: Path, carpeta_cache: Path) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_cache(carpeta_cache)
    archivo.write_bytes(pickle.dumps({"firma": cache._firma_codigo(), "plan": _Malicioso(), "avances": {}}))
    assert json_estado(ws) == esperado
    assert not (carpeta_cache / "ejecutado").exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="permisos POSIX")
def test_una_cache_que_otros_pueden_escribir_no_se_lee(ws: Path, carpeta_cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_cache(carpeta_cache)
    # a well-formed cache that lies (another plan name), left writable by everybody: it must not be believed
    with open(archivo, "rb") as f:
        contenido = cache._Lector(f).load()
    plan = contenido["plan"][1]
    plan["ejes"][0] = dataclasses.replace(plan["ejes"][0], nombre="Eje falso")
    archivo.write_bytes(pickle.dumps(contenido))
    assert "Eje falso" in json_estado(ws)  # believed while it is the user's only
    archivo.chmod(0o666)
    assert json_estado(ws) == esperado
    assert stat.S_IMODE(archivo.stat().st_mode) == 0o600  # rewritten, the user's only


def test_sin_carpeta_de_cache_utilizable_funciona_igual(ws: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    esperado = json_sin_cache(ws, monkeypatch)
    estorbo = tmp_path / "un-archivo"
    estorbo.write_text("no es una carpeta")
    monkeypatch.setenv("PNI_CACHE_DIR", str(estorbo / "cache"))
    assert json_estado(ws) == esperado
    assert json_estado(ws) == esperado


def test_pni_sin_cache_no_escribe_nada(ws: Path, carpeta_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    json_sin_cache(ws, monkeypatch)
    assert not carpeta_cache.exists()


def test_nada_se_escribe_en_el_espacio_de_trabajo(ws: Path, carpeta_cache: Path) -> None:
    antes = sorted(p.relative_to(ws) for p in ws.rglob("*"))
    json_estado(ws)
    json_estado(ws)
    assert sorted(p.relative_to(ws) for p in ws.rglob("*")) == antes


def test_pni_estado_con_la_cache_al_dia_no_carga_pydantic_ni_yaml(ws: Path, carpeta_cache: Path) -> None:
    """The point of the cache: a warm `pni estado` imports neither pydantic nor a YAML parser (issue 6 (c))."""
    entorno = {**os.environ, "NO_COLOR": "1", "PNI_CACHE_DIR": str(carpeta_cache)}

    def importados() -> set[str]:
        p = subprocess.run([sys.executable, "-X", "importtime", "-m", "pni_cli", "estado"], cwd=ws, env=entorno,
                           capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert p.returncode == 0, p.stderr
        return {linea.rsplit("|", 1)[-1].strip() for linea in p.stderr.splitlines() if "|" in linea}

    def pesados(modulos: set[str]) -> set[str]:
        return {m for m in modulos if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml", "ruamel")}

    assert {"pydantic", "yaml"} <= {m.split(".")[0] for m in pesados(importados())}  # cold: loaded, validated
    assert pesados(importados()) == set()
    assert "typer._adapters" not in importados()  # pni_cli/typer_privado.py converts the options itself


@pytest.mark.parametrize(("variable", "otro", "por_omision"), [
    ("PNI_MAX_PROFUNDIDAD", "100", "40"), ("PNI_MAX_BYTES", "1000", str(1024 * 1024)),
    ("PNI_MAX_VALORES", "50", "20000"), ("PNI_MAX_ELEMENTOS", "5", "1000")])
def test_otros_limites_de_lectura_invalidan_la_cache(monkeypatch: pytest.MonkeyPatch, variable: str, otro: str,
                                                     por_omision: str) -> None:
    """Each of these limits decides whether a file is valid: what was cached under other limits is not used."""
    for v in ("PNI_MAX_BYTES", "PNI_MAX_PROFUNDIDAD", "PNI_MAX_VALORES", "PNI_MAX_ELEMENTOS"):
        monkeypatch.delenv(v, raising=False)
    antes = cache._firma_codigo()
    monkeypatch.setenv(variable, otro)
    assert cache._firma_codigo() != antes
    monkeypatch.setenv(variable, por_omision)
    assert cache._firma_codigo() == antes


# --- a cache folder or file that someone else prepared -----------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="sin tuberías con nombre")
def test_una_tuberia_plantada_como_archivo_de_cache_no_cuelga(ws: Path, carpeta_cache: Path) -> None:
    """A FIFO in the place of the cache file: opened without blocking, not a regular file, ignored (and replaced by
    the cache written afterwards). In a process of its own, which a hang could not stop."""
    from tests.conftest import correr_proceso

    esperado = correr_proceso("estado", "--formato", "json", "--corte", CORTE.isoformat(), cwd=ws,
                              env={"PNI_SIN_CACHE": "1"})
    carpeta_cache.mkdir(mode=0o700)
    archivo = cache._archivo_cache(carpeta_cache, ws)
    os.mkfifo(archivo, 0o600)
    r = correr_proceso("estado", "--formato", "json", "--corte", CORTE.isoformat(), cwd=ws, tiempo=30,
                       env={"PNI_CACHE_DIR": str(carpeta_cache)})
    assert r.codigo == 0, r.err
    assert r.out == esperado.out
    assert stat.S_ISREG(os.lstat(archivo).st_mode)


def test_un_enlace_plantado_como_archivo_de_cache_no_se_sigue(ws: Path, carpeta_cache: Path,
                                                                tmp_path: Path) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_cache(carpeta_cache)
    ajena = tmp_path / "ajena.pickle"
    contenido = archivo.read_bytes()
    ajena.write_bytes(contenido.replace(b"Intervenciones transversales", b"Intervenciones FALSIFICADA  "))
    ajena.chmod(0o600)
    archivo.unlink()
    archivo.symlink_to(ajena)
    assert json_estado(ws) == esperado
    assert not archivo.is_symlink()  # replaced by the cache rebuilt; what the link pointed at is untouched
    assert b"FALSIFICADA" in ajena.read_bytes()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="cambiar el dueño de un archivo exige root")
def test_una_cache_de_otro_usuario_no_se_lee(ws: Path, carpeta_cache: Path) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_cache(carpeta_cache)
    with open(archivo, "rb") as f:
        contenido = cache._Lector(f).load()
    plan = contenido["plan"][1]
    plan["ejes"][0] = dataclasses.replace(plan["ejes"][0], nombre="Eje falso")
    archivo.write_bytes(pickle.dumps(contenido))
    archivo.chmod(0o600)
    os.chown(archivo, 1, 1)  # someone else's, however private
    assert json_estado(ws) == esperado


@pytest.mark.parametrize("entorno, donde", [
    ({"XDG_CACHE_HOME": "cache-relativa", "HOME": "{casa}"}, "{casa}/.cache/pni"),
    ({"XDG_CACHE_HOME": "./.cache", "HOME": "{casa}"}, "{casa}/.cache/pni"),
    ({"XDG_CACHE_HOME": "", "HOME": "casa-relativa"}, None),
    ({"PNI_CACHE_DIR": "cache", "XDG_CACHE_HOME": "{casa}/xdg", "HOME": "{casa}"}, "{casa}/xdg/pni"),
])
def test_las_carpetas_base_relativas_se_ignoran(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                entorno: dict[str, str], donde: str | None) -> None:
    """XDG says a relative XDG_CACHE_HOME is to be ignored; a relative HOME or PNI_CACHE_DIR too: run from the
    workspace, they would put the cache inside it."""
    casa = tmp_path / "casa"
    monkeypatch.delenv("PNI_CACHE_DIR", raising=False)
    monkeypatch.delenv("PNI_SIN_CACHE", raising=False)
    for k, v in entorno.items():
        monkeypatch.setenv(k, v.format(casa=casa))
    monkeypatch.chdir(ws)
    carpeta = cache.carpeta_cache()
    assert carpeta == (Path(donde.format(casa=casa)) if donde else None)
    antes = sorted(p.relative_to(ws) for p in ws.rglob("*"))
    json_estado(ws)
    assert sorted(p.relative_to(ws) for p in ws.rglob("*")) == antes
    if carpeta is not None:
        assert archivos_cache(carpeta)


# --- the evaluation kept beside the workspace ----------------------------------------------------------------------

def archivos_evaluacion(carpeta: Path) -> list[Path]:
    return sorted(carpeta.glob("evaluacion-*.pickle")) if carpeta.is_dir() else []


def test_la_misma_pregunta_no_se_calcula_dos_veces(ws: Path, carpeta_cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked again of the same files, the same date and filters: the kept evaluation, without the engine."""
    from pni_cli import evaluacion

    esperado = json_sin_cache(ws, monkeypatch)
    assert json_estado(ws) == esperado
    assert len(archivos_evaluacion(carpeta_cache)) == 1
    with monkeypatch.context() as m:
        m.setattr(evaluacion, "evaluar", lambda *a, **k: pytest.fail("calculó de nuevo"))
        assert json_estado(ws) == esperado


def test_otra_fecha_otro_filtro_u_otro_archivo_es_otra_evaluacion(ws: Path, carpeta_cache: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from pni_cli import evaluacion

    preguntas: list[dict[str, str | None]] = [{}, {"eje": "3"}, {"institucion": "MTPS"}, {"institucion": "MPTS"},
                                              {"eje": "3", "institucion": "MTPS"}, {"eje": "4"}]
    for filtros in preguntas:
        assert json_estado(ws, **filtros) == json_sin_cache(ws, monkeypatch, **filtros)
    with open(archivos_evaluacion(carpeta_cache)[0], "rb") as f:
        guardadas = cache._Lector(f).load()["evaluaciones"]
    # five questions (MPTS is read as MTPS: the same one), the last four kept
    assert len(guardadas) == cache.EVALUACIONES == 4
    otro_dia = evaluar_espacio(ws, corte="2025-08-01", periodo=None, eje=None, institucion=None)
    assert otro_dia.situacion.corte == dt.date(2025, 8, 1)
    archivo = ws / "avances" / "2025-S1" / "MTPS.yaml"
    archivo.write_text(archivo.read_text(encoding="utf-8").replace("valor: 1", "valor: 9", 1), encoding="utf-8")
    llamadas: list[object] = []
    motor = evaluacion.evaluar
    with monkeypatch.context() as m:
        m.setattr(evaluacion, "evaluar", lambda *a, **k: llamadas.append(1) or motor(*a, **k))
        assert json_estado(ws) == json_sin_cache(ws, monkeypatch)
    assert llamadas  # a changed file: computed again


def test_una_evaluacion_fabricada_no_ejecuta_nada(ws: Path, carpeta_cache: Path) -> None:
    esperado = json_estado(ws)
    [archivo] = archivos_evaluacion(carpeta_cache)
    with open(archivo, "rb") as f:
        contenido = cache._Lector(f).load()
    contenido["evaluaciones"] = {k: _Malicioso() for k in contenido["evaluaciones"]}
    archivo.write_bytes(pickle.dumps(contenido))
    assert json_estado(ws) == esperado
    assert not (carpeta_cache / "ejecutado").exists()
