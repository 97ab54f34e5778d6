"""benchmarks/generar and benchmarks/run do their job. No timings here: the figures and the command that
produces them are in BENCHMARKS.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, correr, huellas

GENERAR = REPO / "benchmarks" / "generar"


def generar(destino: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, str(GENERAR), "--salida", str(destino), "--instituciones", "30",
                        "--periodos", "2", "--semilla", "7", *extra], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r


def test_generar_escribe_un_espacio_valido_y_determinista(tmp_path: Path) -> None:
    r = generar(tmp_path / "ws")
    archivos = sorted((tmp_path / "ws/avances").rglob("*.yaml"))
    assert len(archivos) == 60  # 30 institutions × 2 periods, more than the plan's responsables: copies added
    assert (tmp_path / "ws/avances/2024-S2/MRREE.yaml").is_file()
    assert any(re.fullmatch(r"[A-Z-]+-2\.yaml", a.name) for a in archivos)
    reportes = sorted(a.read_text(encoding="utf-8").count("- indicador:") for a in archivos)
    assert reportes[len(reportes) // 2] < 20 and reportes[-1] >= 80  # most with a few, some with about a hundred
    m = re.search(r"pni validar --raiz \S+ --corte (\S+)", r.stderr)
    assert m, r.stderr
    v = correr("validar", "--raiz", str(tmp_path / "ws"), "--corte", m.group(1), cwd=tmp_path)
    assert v.codigo == 0, v.out
    assert re.search(r"\d+ archivos revisados, y el plan: 0 errores, 0 avisos", v.out), v.out
    generar(tmp_path / "otra")
    assert huellas(tmp_path / "otra") == huellas(tmp_path / "ws")


def test_generar_con_invalidos(tmp_path: Path) -> None:
    r = generar(tmp_path / "ws", "--invalidos", "0.5")
    rotos = int(re.search(r"\((\d+) con un error a propósito\)", r.stderr).group(1))  # type: ignore[union-attr]
    assert 15 <= rotos <= 45
    m = re.search(r"--corte (\S+)", r.stderr)
    assert m
    v = correr("validar", "--raiz", str(tmp_path / "ws"), "--corte", m.group(1), "--formato", "json",
               cwd=tmp_path)
    assert v.codigo == 1
    problemas = json.loads(v.out)["problemas"]
    con_error = {p["archivo"] for p in problemas if p["severidad"] == "error"}
    assert len(con_error) == rotos  # each broken file has its error, and only those
    assert all(p["linea"] >= 0 and p["codigo"].startswith("PNI") for p in problemas)


def test_run_rapido_llega_al_final() -> None:
    r = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run"), "--rapido"], capture_output=True,
                       text=True, timeout=600, cwd=REPO)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Objetivos" in r.stdout
    for clave in ("(a)", "(b)", "(c)", "(d)", "(e)"):
        assert clave in r.stdout
