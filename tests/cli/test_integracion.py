"""pni fits the tools the institutions and analysts already use: the pre-commit hook (.pre-commit-hooks.yaml), the
example GitHub Actions workflow (docs/ejemplos/validar-avances.yml) and editors (the JSON Schema committed in
esquemas/ and the header of the templates). Each definition is parsed and its commands run through the real CLI."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, correr, escribir

CORTE_VALIDO = """\
periodo: 2025-S1
institucion: MTPS
fecha_reporte: 2025-07-14
reportes:
  - indicador: "1.4.2.a"
    valor: 15
"""
CON_ERROR = CORTE_VALIDO.replace('"1.4.2.a"', '"1.4.9.a"')  # an indicator the plan does not have: PNI301, line 5


def cargar_yaml(ruta: Path) -> Any:
    return YAML(typ="safe", pure=True).load(ruta.read_text(encoding="utf-8"))


@pytest.fixture
def con_pni(tmp_path: Path) -> dict[str, str]:
    """An environment where `pni` is this checkout's CLI, as the hook's and the workflow's installs provide it."""
    carpeta = tmp_path / "bin"
    carpeta.mkdir()
    pni = carpeta / "pni"
    pni.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pni_cli "$@"\n', encoding="utf-8")
    pni.chmod(pni.stat().st_mode | stat.S_IXUSR)
    entorno = {**os.environ, "PATH": f"{carpeta}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    entorno.pop("GITHUB_ACTIONS", None)
    return entorno


def git(carpeta: Path, *args: str) -> str:
    entorno = {**os.environ, "GIT_AUTHOR_NAME": "Punto focal", "GIT_AUTHOR_EMAIL": "punto.focal@example.org",
               "GIT_COMMITTER_NAME": "Punto focal", "GIT_COMMITTER_EMAIL": "punto.focal@example.org",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(carpeta), *args], capture_output=True, text=True, env=entorno,
                          check=True).stdout


# --- pre-commit ------------------------------------------------------------------------------------------

# The keys pre-commit's manifest schema knows (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
CLAVES_PRE_COMMIT = {"id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or",
                     "exclude_types", "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames",
                     "description", "language_version", "log_file", "minimum_pre_commit_version", "require_serial",
                     "stages", "verbose"}
GANCHOS = cargar_yaml(REPO / ".pre-commit-hooks.yaml")


def gancho() -> dict[str, Any]:
    assert isinstance(GANCHOS, list) and len(GANCHOS) == 1
    g = GANCHOS[0]
    assert isinstance(g, dict)
    return g


def test_el_gancho_es_una_definicion_valida() -> None:
    g = gancho()
    assert {"id", "name", "entry", "language"} <= g.keys() <= CLAVES_PRE_COMMIT
    assert g["id"] == "pni-validar" and g["language"] == "python"
    assert g["pass_filenames"] is True
    assert all(isinstance(g[k], str) and g[k].strip() for k in ("id", "name", "entry", "description"))
    # language: python installs this repository as a package: the entry's program is its console script
    programa = shlex.split(g["entry"])[0]
    proyecto = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert proyecto["project"]["scripts"][programa] == "pni_cli.cli:main"
    assert proyecto["build-system"]["build-backend"]


@pytest.mark.parametrize(("ruta", "revisa"), [
    ("avances/2025-S1/MTPS.yaml", True), ("avances/2026-S2/MINISTERIO-DE-VIVIENDA.yml", True),
    ("plan/plan.yaml", True), ("plan/eje-3-movilidad-laboral.yaml", True), ("plan/instituciones.yaml", True),
    ("README.md", False), ("esquemas/avance.schema.json", False), ("plantillas/reporte.md.j2", False),
    ("avances/2025-S1/notas.txt", False), ("tests/fixtures/reporte/avances/2025-S1/MTPS.yaml", False),
    ("docs/ejemplos/validar-avances.yml", False), (".pre-commit-config.yaml", False),
])
def test_el_gancho_elige_los_archivos_de_avance_y_del_plan(ruta: str, revisa: bool) -> None:
    g = gancho()
    elegido = re.search(g["files"], ruta) is not None and not (g.get("exclude") and re.search(g["exclude"], ruta))
    assert elegido == revisa


def _como_pre_commit(repo: Path, entorno: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """What `pre-commit run` does with this hook: the staged files that exist and match `files`, appended to the
    entry and its args, run at the top of the repository."""
    g = gancho()
    preparados = git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACMR").split("\n")
    elegidos = [f for f in preparados if f and re.search(g["files"], f)]
    orden = [*shlex.split(g["entry"]), *g.get("args", []), *elegidos]
    return subprocess.run(orden, cwd=repo, env=entorno, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


@pytest.fixture
def repo_institucion(tmp_path: Path) -> Path:
    """A repository set up as an institution would: the plan and some progress files, committed."""
    repo = tmp_path / "avances-pni"
    shutil.copytree(REPO / "plan", repo / "plan")
    shutil.copytree(REPO / "avances" / "2024-S2", repo / "avances" / "2024-S2")
    git(tmp_path, "init", "-q", str(repo))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plan y avances")
    return repo


def test_el_gancho_revisa_solo_los_archivos_del_commit(repo_institucion: Path, con_pni: dict[str, str]) -> None:
    repo = repo_institucion
    escribir(repo / "avances" / "2025-S1" / "MTPS.yaml", CORTE_VALIDO)
    escribir(repo / "LEAME.md", "notas\n")
    git(repo, "add", ".")
    r = _como_pre_commit(repo, con_pni)
    assert r.returncode == 0, r.stdout + r.stderr
    # the 10 plan files and the one progress file of the commit, not the 12 already committed
    assert r.stdout.strip() == "Todo en orden: 12 archivos revisados: 0 errores, 0 avisos."
    git(repo, "commit", "-q", "-m", "MTPS 2025-S1")


def test_el_gancho_detiene_un_commit_con_errores(repo_institucion: Path, con_pni: dict[str, str]) -> None:
    repo = repo_institucion
    escribir(repo / "avances" / "2025-S1" / "MTPS.yaml", CON_ERROR)
    git(repo, "add", ".")
    r = _como_pre_commit(repo, con_pni)
    assert r.returncode == 1
    assert re.search(r"^avances/2025-S1/MTPS\.yaml:5:16: error PNI301 \[indicador-desconocido\] ", r.stdout, re.M), \
        r.stdout


def test_el_gancho_revisa_todos_los_avances_si_cambia_el_plan(repo_institucion: Path,
                                                              con_pni: dict[str, str]) -> None:
    repo = repo_institucion
    plan = repo / "plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("plazo_dias: 30", "plazo_dias: 45"), encoding="utf-8")
    git(repo, "add", ".")
    r = _como_pre_commit(repo, con_pni)
    assert r.returncode == 0, r.stdout
    assert "23 archivos revisados" in r.stdout  # 11 of the plan + the 12 progress files of 2024-S2


# --- GitHub Actions --------------------------------------------------------------------------------------

FLUJO = REPO / "docs" / "ejemplos" / "validar-avances.yml"
# run: steps that are not pni commands, and why the test does not run them
PREPARACION = {'python -m pip install "$PNI_FUENTE"': "instala pni; aquí ya está instalado"}


def pasos() -> list[dict[str, Any]]:
    flujo = cargar_yaml(FLUJO)
    (trabajo,) = flujo["jobs"].values()
    return trabajo["steps"]  # type: ignore[no-any-return]


def test_el_flujo_de_github_es_coherente() -> None:
    flujo = cargar_yaml(FLUJO)
    assert "pull_request" in flujo["on"]
    assert flujo["permissions"]["security-events"] == "write"
    usos = [p.get("uses", "") for p in pasos()]
    assert usos[0].startswith("actions/checkout@")
    subir = next(p for p in pasos() if p.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert subir["if"].startswith("always()")  # the SARIF is uploaded even when the annotations step failed
    assert any(f"> {subir['with']['sarif_file']}" in p.get("run", "") for p in pasos())
    ordenes = [p["run"] for p in pasos() if "run" in p]
    assert any("--formato github" in o for o in ordenes) and any("--formato sarif" in o for o in ordenes)
    for o in ordenes:
        assert o.startswith("pni ") or o in PREPARACION, o


def _ejecutar_pasos(espacio: Path, entorno: dict[str, str]) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """Each pni `run:` step, as GitHub runs it (bash -eo pipefail, GITHUB_ACTIONS=true, at the checkout's top)."""
    out = []
    for paso in pasos():
        orden = paso.get("run")
        if orden is None or orden in PREPARACION:
            continue
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", orden], cwd=espacio,
                           env={**entorno, "GITHUB_ACTIONS": "true", "CI": "true"}, capture_output=True, text=True,
                           encoding="utf-8", timeout=120)
        out.append((orden, r))
    return out


def test_el_flujo_en_un_repositorio_sin_problemas(espacio: Path, con_pni: dict[str, str]) -> None:
    escribir(espacio / "avances" / "2025-S1" / "MTPS.yaml", CORTE_VALIDO)
    resultados = _ejecutar_pasos(espacio, con_pni)
    assert len(resultados) == 2
    for orden, r in resultados:
        assert r.returncode == 0, (orden, r.stdout, r.stderr)
    sarif = json.loads((espacio / "pni.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []


def test_el_flujo_anota_las_lineas_y_sube_el_sarif(espacio: Path, con_pni: dict[str, str]) -> None:
    escribir(espacio / "avances" / "2025-S1" / "MTPS.yaml", CON_ERROR)
    resultados = dict(_ejecutar_pasos(espacio, con_pni))
    sarif_paso = next(r for o, r in resultados.items() if "--formato sarif" in o)
    anotar = next(r for o, r in resultados.items() if "--formato github" in o)
    assert sarif_paso.returncode == 0, sarif_paso.stderr  # data problems do not stop the workflow here…
    assert anotar.returncode == 1  # …the annotations step fails the job
    assert anotar.stdout.startswith("::error file=avances/2025-S1/MTPS.yaml,line=5,col=16,title=PNI301 "
                                    "indicador-desconocido::")
    sarif = json.loads((espacio / "pni.sarif").read_text(encoding="utf-8"))
    (resultado,) = sarif["runs"][0]["results"]
    lugar = resultado["locations"][0]["physicalLocation"]
    assert (resultado["ruleId"], lugar["artifactLocation"]["uri"], lugar["region"]["startLine"]) == (
        "PNI301", "avances/2025-S1/MTPS.yaml", 5)


def test_el_flujo_falla_si_pni_no_puede_trabajar(tmp_path: Path, con_pni: dict[str, str]) -> None:
    """`|| test $? -eq 1` lets data problems through, not a missing workspace (exit 2)."""
    resultados = _ejecutar_pasos(tmp_path, con_pni)
    assert all(r.returncode != 0 for _, r in resultados)


# --- editors ---------------------------------------------------------------------------------------------

def test_el_esquema_del_repositorio_es_el_de_pni_esquema() -> None:
    r = correr("esquema")
    assert r.codigo == 0
    guardado = (REPO / "esquemas" / "avance.schema.json").read_text(encoding="utf-8")
    assert r.out == guardado, "esquemas/avance.schema.json está desactualizado: uv run pni esquema > " \
                              "esquemas/avance.schema.json"
    esquema = json.loads(guardado)
    assert esquema["$schema"].endswith("/draft/2020-12/schema")
    assert {"periodo", "institucion", "fecha_reporte"} <= set(esquema["required"])
    assert esquema["additionalProperties"] is False  # editors underline misspelt keys


def test_el_esquema_trae_los_mensajes_del_editor_en_espanol() -> None:
    """yaml-language-server shows `patternErrorMessage` / `errorMessage` instead of its English defaults."""
    esquema = json.loads((REPO / "esquemas" / "avance.schema.json").read_text(encoding="utf-8"))
    reporte = esquema["$defs"]["Reporte"]["properties"]
    mensajes = [esquema["properties"]["periodo"]["patternErrorMessage"],
                esquema["properties"]["institucion"]["patternErrorMessage"],
                esquema["properties"]["fecha_reporte"]["errorMessage"],
                reporte["indicador"]["patternErrorMessage"], reporte["valor"]["errorMessage"],
                *(r["errorMessage"] for r in reporte["estado"]["anyOf"] if "enum" in r)]
    assert len(mensajes) == 6
    assert all(re.search(r"\b(de|del|un|una|Uno|Fecha|Semestre)\b", m) for m in mensajes), mensajes
    assert reporte["valor"]["type"] == "number"


@pytest.mark.parametrize("periodo", ["2025-S1", "2026-S2"])
def test_la_plantilla_apunta_al_esquema_desde_su_carpeta(espacio: Path, periodo: str) -> None:
    r = correr("plantilla", "--institucion", "MTPS", "--periodo", periodo, cwd=espacio)
    assert r.codigo == 0, r.err
    primera = r.out.splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", primera)
    assert m, primera
    assert f"Guárdelo como avances/{periodo}/MTPS.yaml" in r.out
    destino = REPO / "avances" / periodo / "MTPS.yaml"  # where the template says to save it
    assert (destino.parent / m.group(1)).resolve() == (REPO / "esquemas" / "avance.schema.json").resolve()
