"""`pni cambios` end to end on a git repository made here: the real plan, a few progress files committed and tagged
as a meeting would, then changed. Expected states are computed by hand from the plan's metas (see test_estado.py)
at a cut-off date where 2024-S2, 2025-S1 and 2025-S2 are over."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, correr, escribir, huellas

CORTE = "2026-01-31"


def git(carpeta: Path, *args: str) -> str:
    entorno = {**os.environ, "GIT_AUTHOR_NAME": "Analista", "GIT_AUTHOR_EMAIL": "analista@example.org",
               "GIT_COMMITTER_NAME": "Analista", "GIT_COMMITTER_EMAIL": "analista@example.org",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    p = subprocess.run(["git", "-C", str(carpeta), *args], capture_output=True, text=True, env=entorno)
    assert p.returncode == 0, f"git {' '.join(args)}: {p.stderr}"
    return p.stdout


def avance(raiz: Path, periodo: str, institucion: str, fecha: str, valores: dict[str, float],
           observaciones: dict[str, str] | None = None) -> Path:
    lineas = [f"periodo: {periodo}", f"institucion: {institucion}", f"fecha_reporte: {fecha}", "reportes:"]
    for ind, valor in valores.items():
        lineas += [f'  - indicador: "{ind}"', f"    valor: {valor}"]
        if observaciones and ind in observaciones:
            lineas.append(f"    observaciones: {observaciones[ind]}")
    return escribir(raiz / "avances" / periodo / f"{institucion}.yaml", "\n".join(lineas) + "\n")


def version_1(ws: Path) -> None:
    avance(ws, "2024-S2", "DGME", "2025-01-20", {"5.4.1.a": 3000})
    avance(ws, "2025-S1", "DGME", "2025-07-10", {"5.4.1.a": 2400})
    avance(ws, "2024-S2", "BANDESAL", "2025-01-25", {"4.6.8.a": 1, "4.6.8.b": 50})
    avance(ws, "2025-S1", "BANDESAL", "2025-07-30", {"4.6.8.a": 0, "4.6.8.b": 40})
    avance(ws, "2025-S1", "MRREE", "2025-07-15", {"4.6.8.b": 10})


def version_2(ws: Path) -> None:
    avance(ws, "2025-S2", "DGME", "2026-01-05", {"5.4.1.a": 3600})  # new
    avance(ws, "2025-S1", "BANDESAL", "2025-07-30", {"4.6.8.a": 0, "4.6.8.b": 70},  # corrected
           observaciones={"4.6.8.a": "Sin nuevas líneas en el semestre."})
    (ws / "avances" / "2025-S1" / "MRREE.yaml").unlink()  # removed


def confirmar(ws: Path, mensaje: str, etiqueta: str | None = None) -> None:
    git(ws, "add", "-A", ".")
    git(ws, "commit", "-q", "-m", mensaje)
    if etiqueta:
        git(ws, "tag", etiqueta)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two meetings tagged: reunion-1 (version 1) and reunion-2 (version 2)."""
    ws = tmp_path / "mecanismo"
    shutil.copytree(REPO / "plan", ws / "plan")
    git(ws.parent, "init", "-q", str(ws))
    version_1(ws)
    confirmar(ws, "Avances de la primera reunión", "reunion-1")
    version_2(ws)
    confirmar(ws, "Avances de la segunda reunión", "reunion-2")
    return ws


def cambios_json(ws: Path, *args: str) -> dict[str, Any]:
    r = correr("cambios", "--formato", "json", "--corte", CORTE, *args, cwd=ws)
    assert r.codigo == 0, r.err
    assert r.err == ""
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_json_entre_dos_etiquetas(repo: Path) -> None:
    d = cambios_json(repo, "--desde", "reunion-1", "--hasta", "reunion-2")
    assert d["version"] == 1 and d["corte"] == CORTE
    assert d["desde"]["ref"] == "reunion-1" and len(d["desde"]["commit"]) == 40
    assert d["desde"]["descripcion"].startswith("reunion-1 (")
    assert d["hasta"]["ref"] == "reunion-2" and d["hasta"]["sin_confirmar"] is False
    inf = d["informes"]
    assert [(i["institucion"], i["periodo"], i["reportes"], i["valores"]) for i in inf["nuevos"]] == [
        ("DGME", "2025-S2", 1, {"5.4.1.a": 3600})]
    assert inf["nuevos"][0]["archivo"] == "avances/2025-S2/DGME.yaml"
    assert inf["nuevos"][0]["fecha_reporte"] == "2026-01-05"
    assert [(i["institucion"], i["periodo"]) for i in inf["eliminados"]] == [("MRREE", "2025-S1")]
    assert [(i["institucion"], i["periodo"], i["campos"]) for i in inf["corregidos"]] == [
        ("BANDESAL", "2025-S1", [])]
    assert d["valores"] == [{"indicador": "4.6.8.b", "institucion": "BANDESAL", "periodo": "2025-S1",
                             "tipo": "cambiado", "antes": 40, "despues": 70}]
    assert d["otros_campos"] == [{"indicador": "4.6.8.a", "institucion": "BANDESAL", "periodo": "2025-S1",
                                  "campos": ["observaciones"]}]
    # 4.6.8.b «100 miembros por año» (combinar maximo): 2024 expects 50 (has 50), 2025 expects 100 (has max(40, 10)
    # = 40) → 90 of 150 (60 %, rojo) → max(70, 10) = 70: 120 of 150 (80 %, amarillo). 5.4.1.a «500 migrantes por
    # mes»: 2024 expects 3000, 2025 6000; 3000 + 2400 → 5400 of 9000 (60 %, rojo) → + 3600: 9000 (100 %, verde).
    assert d["estados"] == [
        {"indicador": "4.6.8.b", "actividad": "4.6.8", "eje": "4", "antes": "rojo", "despues": "amarillo",
         "logro_antes": 60.0, "logro_despues": 80.0, "sentido": "mejora"},
        {"indicador": "5.4.1.a", "actividad": "5.4.1", "eje": "5", "antes": "rojo", "despues": "verde",
         "logro_antes": 60.0, "logro_despues": 100.0, "sentido": "mejora"},
    ]
    tot = d["totales"]["indicadores"]
    assert tot["rojo"]["antes"] - tot["rojo"]["despues"] == 2
    assert tot["verde"]["despues"] - tot["verde"]["antes"] == 1
    assert tot["amarillo"]["despues"] - tot["amarillo"]["antes"] == 1
    assert sum(x["antes"] for x in tot.values()) == sum(x["despues"] for x in tot.values())
    assert d["instituciones"] == [
        {"institucion": "BANDESAL", "nombre": d["instituciones"][0]["nombre"], "nuevos": [], "corregidos": ["2025-S1"]},
        {"institucion": "DGME", "nombre": d["instituciones"][1]["nombre"], "nuevos": ["2025-S2"], "corregidos": []},
    ]
    assert "Migración" in d["instituciones"][1]["nombre"]
    assert d["plan_cambiado"] == [] and d["archivos_con_errores"] == {"desde": [], "hasta": []}
    assert d["ilustrativo"] is False


def test_los_estados_de_ahora_son_los_de_pni_estado(repo: Path) -> None:
    """The same engine: what `pni cambios` says a state is now is what `pni estado` says."""
    d = cambios_json(repo, "--desde", "reunion-1")
    r = correr("estado", "--formato", "json", "--corte", CORTE, cwd=repo)
    estados = {i["id"]: i["estado"] for i in json.loads(r.out)["indicadores"]}
    assert d["estados"] and all(estados[e["indicador"]] == e["despues"] for e in d["estados"])
    assert {e: x["despues"] for e, x in d["totales"]["indicadores"].items()} == json.loads(r.out)["total"][
        "indicadores"]


def test_carpeta_de_trabajo_con_cambios_sin_confirmar(repo: Path) -> None:
    avance(repo, "2025-S2", "DGME", "2026-01-05", {"5.4.1.a": 600})  # 3000 + 2400 + 600 = 6000 of 9000: 67 %
    d = cambios_json(repo, "--desde", "reunion-2")
    assert d["hasta"] == {"ref": None, "commit": None, "fecha": None, "sin_confirmar": True,
                          "descripcion": "la carpeta de trabajo (con cambios sin confirmar)"}
    assert d["valores"] == [{"indicador": "5.4.1.a", "institucion": "DGME", "periodo": "2025-S2",
                             "tipo": "cambiado", "antes": 3600, "despues": 600}]
    assert [(e["indicador"], e["antes"], e["despues"], e["sentido"]) for e in d["estados"]] == [
        ("5.4.1.a", "verde", "rojo", "empeora")]
    # --hasta ignores the working tree
    d2 = cambios_json(repo, "--desde", "reunion-1", "--hasta", "reunion-2")
    assert [v["despues"] for v in d2["valores"]] == [70]


def test_no_toca_la_carpeta_de_trabajo_ni_el_repositorio(repo: Path) -> None:
    avance(repo, "2025-S2", "DGME", "2026-01-05", {"5.4.1.a": 600})
    escribir(repo / "avances" / "2026-S1" / "MTPS.yaml", "periodo: 2026-S1\n")  # untracked, invalid
    antes = huellas(repo)
    estado_git = (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"), git(repo, "stash", "list"),
                  git(repo, "branch", "--show-current"))
    for formato in ("tabla", "md", "json"):
        r = correr("cambios", "--desde", "reunion-1", "--formato", formato, "--corte", CORTE, cwd=repo)
        assert r.codigo == 0, r.err
    assert huellas(repo) == antes
    assert (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"), git(repo, "stash", "list"),
            git(repo, "branch", "--show-current")) == estado_git


def test_archivo_con_errores_no_se_compara_y_se_dice(repo: Path) -> None:
    escribir(repo / "avances" / "2026-S1" / "MTPS.yaml", "periodo: 2026-S1\n")
    d = cambios_json(repo, "--desde", "reunion-2")
    assert d["archivos_con_errores"] == {"desde": [], "hasta": ["avances/2026-S1/MTPS.yaml"]}
    assert d["informes"] == {"nuevos": [], "eliminados": [], "corregidos": []}
    r = correr("cambios", "--desde", "reunion-2", "--corte", CORTE, cwd=repo)
    assert "1 archivo con errores no se compara (ahora): avances/2026-S1/MTPS.yaml" in " ".join(r.out.split())
    assert "pni validar" in r.out


def test_vista_de_terminal(repo: Path) -> None:
    r = correr("cambios", "--desde", "reunion-1", "--hasta", "reunion-2", "--corte", CORTE, cwd=repo)
    assert r.codigo == 0 and r.err == ""
    assert "\x1b[" not in r.out  # NO_COLOR and not a terminal: plain text
    plano = " ".join(r.out.split())
    assert "Cambios en los avances desde reunion-1 (" in plano
    assert "Semáforo al 31/01/2026" in plano
    assert "+ nuevo DGME 2025-S2 05/01/2026 1" in plano
    assert "− eliminado MRREE 2025-S1 15/07/2025 1" in plano
    assert "✎ corregido BANDESAL 2025-S1 30/07/2025 2 1 valor" in plano
    assert "4.6.8.b BANDESAL 2025-S1 40 70" in plano
    assert "4.6.8.a BANDESAL 2025-S1 observaciones" in plano
    assert "5.4.1.a ✖ rojo ● verde 60 % 100 % ↑ mejora" in plano
    assert "4.6.8.b ✖ rojo ▲ amarillo 60 % 80 % ↑ mejora" in plano
    assert "Instituciones que informaron (2)" in plano
    assert "informe nuevo de 2025-S2" in plano and "corrigió 2025-S1" in plano


def test_verbose_muestra_los_valores_de_los_informes_nuevos(repo: Path) -> None:
    r = correr("cambios", "--desde", "reunion-1", "--hasta", "reunion-2", "--corte", CORTE, "-v", cwd=repo)
    assert "Valores de los informes nuevos" in r.out
    assert "5.4.1.a DGME 2025-S2 3,600" in " ".join(r.out.split())
    r = correr("cambios", "--desde", "reunion-1", "--hasta", "reunion-2", "--corte", CORTE, cwd=repo)
    assert "Valores de los informes nuevos" not in r.out


def test_markdown_para_el_acta(repo: Path) -> None:
    git(repo, "tag", "reunion_2_bis", "reunion-2")
    r = correr("cambios", "--desde", "reunion-1", "--hasta", "reunion_2_bis", "--formato", "md", "--corte", CORTE,
               cwd=repo)
    assert r.codigo == 0, r.err
    md = r.out
    assert md.startswith("## Cambios en los avances\n")
    assert "- **Hasta:** reunion\\_2\\_bis (" in md  # Markdown escaped
    assert "| + nuevo | DGME | 2025-S2 | 05/01/2026 | 1 | — |" in md
    assert "| 4.6.8.b | BANDESAL | 2025-S1 | 40 | 70 |" in md
    assert "| 5.4.1.a | ✖ rojo | ● verde | 60 % | 100 % | ↑ mejora |" in md
    assert "### Instituciones que informaron (2)" in md
    # every table row has as many cells as its header
    for bloque in md.split("\n\n"):
        filas = [x for x in bloque.splitlines() if x.startswith("|")]
        if filas:
            assert len({f.replace("\\|", "").count("|") for f in filas}) == 1, bloque
    assert "\x1b[" not in md


def test_sin_cambios(repo: Path) -> None:
    r = correr("cambios", "--desde", "reunion-2", "--corte", CORTE, cwd=repo)
    assert r.codigo == 0
    assert "Sin cambios" in r.out
    d = cambios_json(repo, "--desde", "reunion-2", "--hasta", "HEAD")
    assert d["informes"] == {"nuevos": [], "eliminados": [], "corregidos": []} and d["estados"] == []
    assert "Sin cambios" in correr("cambios", "--desde", "reunion-2", "-f", "md", cwd=repo).out


def test_desde_un_commit(repo: Path) -> None:
    commit = git(repo, "rev-list", "-n1", "reunion-1").strip()
    d = cambios_json(repo, "--desde", commit[:10], "--hasta", "reunion-2")
    assert d["desde"]["commit"] == commit
    assert d["desde"]["descripcion"].startswith(f"el commit {commit[:7]}, ")
    assert len(d["estados"]) == 2


def test_plan_cambiado_cada_lado_con_su_plan(repo: Path) -> None:
    """The effect of new thresholds before committing them: same progress files, only the plan changed."""
    plan = repo / "plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("verde: 90", "verde: 75"), encoding="utf-8")
    d = cambios_json(repo, "--desde", "reunion-2")
    assert d["plan_cambiado"] == ["plan/plan.yaml"] and d["plan_desde_ilegible"] is None
    assert d["informes"] == {"nuevos": [], "eliminados": [], "corregidos": []}
    # 4.6.8.b at 80 %: amarillo with verde at 90, verde with verde at 75
    assert [(e["indicador"], e["antes"], e["despues"], e["sentido"]) for e in d["estados"]] == [
        ("4.6.8.b", "amarillo", "verde", "mejora")]
    r = correr("cambios", "--desde", "reunion-2", "--corte", CORTE, cwd=repo)
    assert "El plan cambió entre las dos versiones (plan/plan.yaml): cada lado se evalúa con su plan" in \
        " ".join(r.out.split())


def test_plan_ilegible_en_desde_se_usa_el_de_hasta(repo: Path) -> None:
    plan = repo / "plan" / "plan.yaml"
    bueno = plan.read_text(encoding="utf-8")
    plan.write_text(bueno.replace("verde: 90", "verde: noventa"), encoding="utf-8")
    confirmar(repo, "un plan con un error", "plan-roto")
    plan.write_text(bueno, encoding="utf-8")
    d = cambios_json(repo, "--desde", "plan-roto")
    assert d["plan_desde_ilegible"] and "el plan tiene 1 error (" in d["plan_desde_ilegible"]
    assert d["estados"] == []  # same progress files, judged with the same (working tree's) plan
    r = correr("cambios", "--desde", "plan-roto", "--corte", CORTE, cwd=repo)
    assert "no se puede leer con esta versión de pni" in " ".join(r.out.split())


def test_espacio_en_una_subcarpeta_del_repositorio(tmp_path: Path) -> None:
    ws = tmp_path / "repo" / "seguimiento"
    shutil.copytree(REPO / "plan", ws / "plan")
    git(tmp_path, "init", "-q", "repo")
    version_1(ws)
    confirmar(ws, "uno", "reunion-1")
    version_2(ws)
    d = cambios_json(ws, "--desde", "reunion-1")
    assert [i["archivo"] for i in d["informes"]["nuevos"]] == ["avances/2025-S2/DGME.yaml"]
    assert len(d["estados"]) == 2
    # run from anywhere with --raiz
    r = correr("cambios", "--desde", "reunion-1", "--corte", CORTE, "-f", "json", "--raiz", str(ws), cwd=tmp_path)
    assert r.codigo == 0, r.err
    assert json.loads(r.out)["informes"] == d["informes"]


def test_informes_nuevos_desde_un_commit_sin_avances(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plan", ws / "plan")
    git(tmp_path, "init", "-q", "ws")
    confirmar(ws, "solo el plan", "inicio")
    version_1(ws)
    d = cambios_json(ws, "--desde", "inicio")
    assert len(d["informes"]["nuevos"]) == 5
    assert sorted(i["institucion"] for i in d["instituciones"]) == ["BANDESAL", "DGME", "MRREE"]


# --- errors: exit 2, a Spanish message on standard error, nothing on standard output ---------------------------

def _error(r: Any, *fragmentos: str) -> None:
    assert r.codigo == 2, (r.out, r.err)
    assert r.out == ""
    assert r.err.startswith("pni: ")
    assert "Traceback" not in r.err
    for f in fragmentos:
        assert f in r.err, r.err


def test_fuera_de_un_repositorio_git(espacio: Path) -> None:
    r = correr("cambios", "--desde", "reunion-1", cwd=espacio, env={"GIT_CEILING_DIRECTORIES": str(espacio.parent)})
    _error(r, "no está dentro de un repositorio git", "git init")


def test_referencia_desconocida(repo: Path) -> None:
    _error(correr("cambios", "--desde", "reunion-9", cwd=repo), "--desde «reunion-9»", "no existe",
           "reunion-2", "reunion-1")
    _error(correr("cambios", "--desde", "reunion-1", "--hasta", "nada", cwd=repo), "--hasta «nada»")
    _error(correr("cambios", "--desde=--output=/tmp/x", cwd=repo), "no es una referencia de git")


def test_referencia_desconocida_sin_etiquetas(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plan", ws / "plan")
    git(tmp_path, "init", "-q", "ws")
    _error(correr("cambios", "--desde", "HEAD", cwd=ws), "«HEAD»", "git log --oneline")  # no commit yet


def test_sin_git_instalado(repo: Path, tmp_path: Path) -> None:
    vacio = tmp_path / "sin-programas"
    vacio.mkdir()
    _error(correr("cambios", "--desde", "reunion-1", cwd=repo, env={"PATH": str(vacio)}),
           "no se encontró el programa git")


def test_opciones_mal_usadas(repo: Path) -> None:
    _error(correr("cambios", "--desde", "reunion-1", "--formato", "xml", cwd=repo), "--formato «xml»")
    _error(correr("cambios", "--desde", "reunion-1", "--corte", "2026-01-31", "--periodo", "2025-S2", cwd=repo),
           "--corte o --periodo")
    _error(correr("cambios", "--desde", "reunion-1", "--periodo", "2031-S1", cwd=repo), "--periodo 2031-S1")
    r = correr("cambios", cwd=repo)
    assert r.codigo == 2 and "falta la opción --desde" in r.err


def test_periodo_equivale_al_dia_despues_del_plazo(repo: Path) -> None:
    d = cambios_json(repo, "--desde", "reunion-1", "--hasta", "reunion-2")
    r = correr("cambios", "--formato", "json", "--periodo", "2025-S2", "--desde", "reunion-1", "--hasta", "reunion-2",
               cwd=repo)
    assert r.codigo == 0, r.err
    p = json.loads(r.out)
    assert p["corte"] == "2026-01-31"  # 2025-S2 closes 2025-12-31, 30 days to deliver: 2026-01-30, then the next day
    assert p["estados"] == d["estados"]


def test_el_json_esta_documentado_en_el_readme(repo: Path) -> None:
    d = cambios_json(repo, "--desde", "reunion-1")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tabla = readme.split("`pni cambios --formato json` (versión 1")[1].split("\n## ")[0]
    for clave in d:
        assert f"`{clave}`" in tabla, clave
    for lado in ("desde", "hasta"):
        assert all(f'"{k}"' in tabla for k in d[lado])
    for lista, ejemplo in (("valores", d["valores"]), ("estados", d["estados"]), ("instituciones",
                                                                                  d["instituciones"])):
        assert ejemplo, lista
        assert all(f'"{k}"' in tabla for k in ejemplo[0]), lista
    assert all(f'"{k}"' in tabla for k in d["informes"]["nuevos"][0])


# --- a repository is data too --------------------------------------------------------------------------------

def _programa_testigo(tmp_path: Path) -> tuple[Path, Path]:
    """A program that leaves a mark when run, to prove it never is."""
    marca = tmp_path / "EJECUTADO"
    programa = tmp_path / "testigo.sh"
    programa.write_text(f"#!/bin/sh\ntouch '{marca}'\ncat\n", encoding="utf-8")
    programa.chmod(0o755)
    return programa, marca


@pytest.mark.skipif(os.name != "posix", reason="programas de shell")
def test_la_configuracion_del_repositorio_nunca_ejecuta_nada(repo: Path, tmp_path: Path) -> None:
    """A crafted .git/config (fsmonitor, a clean filter, textconv, an external diff, a pager, hooks) runs nothing:
    pni only asks git for objects, and compares the working tree itself."""
    programa, marca = _programa_testigo(tmp_path)
    for clave in ("core.fsmonitor", "filter.x.clean", "filter.x.smudge", "filter.x.process", "diff.x.textconv",
                  "diff.external", "core.pager", "pager.log", "gpg.program", "core.sshCommand"):
        git(repo, "config", clave, str(programa))
    git(repo, "config", "filter.x.required", "true")
    git(repo, "config", "log.showSignature", "true")
    hooks = repo / ".git" / "hooks"
    for gancho in ("post-checkout", "pre-auto-gc", "post-index-change", "reference-transaction"):
        shutil.copyfile(programa, hooks / gancho)
        (hooks / gancho).chmod(0o755)
    escribir(repo / ".gitattributes", "*.yaml filter=x diff=x\n")
    avance(repo, "2025-S2", "MTPS", "2026-01-10", {"1.4.1.a": 1})  # a change in the working tree
    # the trap works: git itself runs the repository's fsmonitor and filters when it looks at the working tree
    subprocess.run(["git", "-C", str(repo), "status"], capture_output=True, check=False,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert marca.exists()
    marca.unlink()
    for args in (("cambios", "--desde", "reunion-1"), ("cambios", "--desde", "reunion-1", "--hasta", "reunion-2"),
                 ("cambios", "--desde", "reunion-2", "--formato", "md"), ("reporte",), ("estado",)):
        r = correr(*args, "--corte", CORTE, cwd=repo)
        assert r.codigo == 0, r
        assert not marca.exists(), args
    assert "con cambios sin confirmar" in correr("cambios", "--desde", "reunion-2", "--corte", CORTE, cwd=repo).out


def test_sin_cambios_aunque_la_carpeta_de_trabajo_tenga_fin_de_linea_windows(repo: Path) -> None:
    """What core.autocrlf does on Windows (CRLF in the working tree, LF in git) is not a change."""
    for archivo in (repo / "avances").rglob("*.yaml"):
        archivo.write_bytes(archivo.read_bytes().replace(b"\n", b"\r\n"))
    doc = cambios_json(repo, "--desde", "reunion-2")
    assert doc["hasta"]["sin_confirmar"] is False
    assert doc["informes"] == {"nuevos": [], "eliminados": [], "corregidos": []}


def _commit_a_mano(ws: Path, entradas: str, mensaje: str) -> str:
    """A commit whose avances/ tree is written by hand (`git mktree` entries), as a forger would."""
    avances_ = subprocess.run(["git", "-C", str(ws), "mktree", "--missing"], input=entradas, capture_output=True,
                              text=True, check=True).stdout.strip()
    raiz = git(ws, "ls-tree", "HEAD").replace(git(ws, "rev-parse", "HEAD:avances").strip(), avances_)
    arbol = subprocess.run(["git", "-C", str(ws), "mktree"], input=raiz, capture_output=True, text=True,
                           check=True).stdout.strip()
    return git(ws, "commit-tree", arbol, "-p", "HEAD", "-m", mensaje).strip()


def _blob(ws: Path, texto: str) -> str:
    return subprocess.run(["git", "-C", str(ws), "hash-object", "-w", "--stdin"], input=texto, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_nombres_que_ningun_disco_acepta_no_impiden_comparar(repo: Path) -> None:
    """A 300-character file name, and a file and a folder with the same name, in a commit: only names (nothing from
    a commit is ever written to the disk), read like any other file and compared."""
    informe = "periodo: {p}\ninstitucion: {i}\nfecha_reporte: 2026-01-20\nreportes:\n  - indicador: \"1.4.1.a\"\n" \
              "    valor: 1\n"
    mtps, dgme = _blob(repo, informe.format(p="2026-S1", i="MTPS")), _blob(repo, informe.format(p="2026-S2", i="DGME"))
    largo = "x" * 300 + ".yaml"
    carpeta_larga = subprocess.run(["git", "-C", str(repo), "mktree"], input=f"100644 blob {mtps}\t{largo}\n",
                                   capture_output=True, text=True, check=True).stdout.strip()
    dentro = subprocess.run(["git", "-C", str(repo), "mktree"], input=f"100644 blob {dgme}\tDGME.yaml\n",
                            capture_output=True, text=True, check=True).stdout.strip()
    # a tree holding a blob and a tree both named «DGME.yaml»: git mktree refuses it, a forger writes it directly
    choque = subprocess.run(["git", "-C", str(repo), "hash-object", "-t", "tree", "-w", "--literally", "--stdin"],
                            input=b"100644 DGME.yaml\0" + bytes.fromhex(dgme) + b"40000 DGME.yaml\0"
                            + bytes.fromhex(dentro), capture_output=True, check=True).stdout.decode().strip()
    existentes = git(repo, "ls-tree", "HEAD:avances")
    commit = _commit_a_mano(repo, existentes + f"040000 tree {carpeta_larga}\t2026-S1\n"
                                               f"040000 tree {choque}\t2026-S2\n", "nombres raros")
    git(repo, "tag", "raro", commit)
    antes = huellas(repo)
    for formato in ("tabla", "md"):
        r = correr("cambios", "--desde", "reunion-2", "--hasta", "raro", "--formato", formato, "--corte", CORTE,
                   cwd=repo)
        assert r.codigo == 0, r
        assert "error interno" not in r.err and "Traceback" not in r.err
    doc = cambios_json(repo, "--desde", "reunion-2", "--hasta", "raro")
    # read and checked like any other file: the long name is not MTPS's (PNI303) and the two DGME files are one
    # delivery twice (PNI315), so none counts and each is named among the files with errors (rule 3)
    assert doc["informes"]["nuevos"] == []
    assert set(doc["archivos_con_errores"]["hasta"]) == {
        f"avances/2026-S1/{largo}", "avances/2026-S2/DGME.yaml", "avances/2026-S2/DGME.yaml/DGME.yaml"}
    assert huellas(repo) == antes


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="medida de memoria de POSIX")
def test_un_blob_enorme_no_se_lee_ni_se_escribe(repo: Path, tmp_path: Path) -> None:
    """200 MB of zeros weigh 200 KB inside git: its size is asked first, and a blob over PNI_MAX_BYTES is never
    read (nor written to a temporary file); it is listed as a file with errors."""
    import sys

    ceros = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=bytes(200 * 1024 * 1024),
                           capture_output=True, check=True).stdout.decode().strip()
    existentes = git(repo, "ls-tree", "HEAD:avances")
    semestre = subprocess.run(["git", "-C", str(repo), "mktree"], input=f"100644 blob {ceros}\tMTPS.yaml\n",
                              capture_output=True, text=True, check=True).stdout.strip()
    git(repo, "tag", "enorme", _commit_a_mano(repo, existentes + f"040000 tree {semestre}\t2026-S1\n", "enorme"))
    temporal = tmp_path / "tmp"
    temporal.mkdir()
    medida = tmp_path / "memoria"
    codigo = ("import atexit, resource, sys\n"
              f"atexit.register(lambda: open({str(medida)!r}, 'w').write("
              "str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
              "from pni_cli.cli import main\n"
              f"main(['cambios', '--desde', 'reunion-2', '--hasta', 'enorme', '--formato', 'json', '--corte', "
              f"'{CORTE}'])\n")
    p = subprocess.run([sys.executable, "-c", codigo], cwd=repo, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "TMPDIR": str(temporal), "PNI_SIN_CACHE": "1"})
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["archivos_con_errores"]["hasta"] == ["avances/2026-S1/MTPS.yaml"]
    assert int(medida.read_text()) < 200 * 1024, "pni leyó el blob entero (ru_maxrss en KB)"
    assert list(temporal.iterdir()) == []
