"""The guides in docs/ stay true: every command they show runs, in order, in a throwaway workspace, and what they
show it prints is what it prints.

How a guide is read:
- ```console blocks: lines starting with «$ » are commands; the lines after one (up to the next command) are its
  output, compared line by line (a line «…» stands for any number of lines). A command whose shown output has a
  line with «error PNI…» must exit 1; one whose output starts with «pni: » must exit 2; any other must exit 0;
- ```sh blocks: each line that is not empty or a comment is a command, which must exit 0;
- ```yaml RUTA blocks (a path after the language): the file is written at RUTA in the workspace at that point.
  A progress file (under avances/) must be checked by a later `pni validar` before it is replaced; a
  .pre-commit-config.yaml may only use the hooks this repository defines.
`uv run pni …` runs as `pni …` (this checkout's CLI). Besides pni, only the commands in EJECUTABLES run; those in
OMITIDAS (network, installing tools) are shown to people and skipped here; any other command fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO

DOCS = REPO / "docs"
EJECUTABLES = ("pni ", "git ", "mkdir ", "cp ", "head ")
OMITIDAS = ("uv tool install ", "pre-commit install", "git push", "git clone", "git pull", "cd ")
ELIPSIS = {"…", "..."}
_BLOQUE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)


@dataclass
class Paso:
    linea: int  # in the guide, for messages
    orden: str | None = None
    esperado: list[str] | None = None  # None: output not shown
    archivo: str | None = None
    contenido: str = ""


@dataclass
class Guia:
    nombre: str
    pasos: list[Paso] = field(default_factory=list)


def leer(nombre: str) -> Guia:
    texto = (DOCS / nombre).read_text(encoding="utf-8")
    guia = Guia(nombre)
    for m in _BLOQUE.finditer(texto):
        info, cuerpo = m.group(1).split(), m.group(2)
        linea = texto.count("\n", 0, m.start()) + 2
        lenguaje = info[0] if info else ""
        if lenguaje == "console":
            for n, fila in enumerate(cuerpo.splitlines()):
                if fila.startswith("$ "):
                    guia.pasos.append(Paso(linea + n, orden=fila[2:].strip(), esperado=[]))
                elif guia.pasos and guia.pasos[-1].esperado is not None and guia.pasos[-1].orden:
                    guia.pasos[-1].esperado.append(fila.rstrip())
        elif lenguaje in ("sh", "bash", "shell"):
            for n, fila in enumerate(cuerpo.splitlines()):
                if fila.strip() and not fila.lstrip().startswith("#"):
                    guia.pasos.append(Paso(linea + n, orden=fila.strip()))
        elif lenguaje in ("yaml", "yml") and len(info) > 1:
            guia.pasos.append(Paso(linea, archivo=info[1], contenido=cuerpo))
    for p in guia.pasos:
        if p.esperado == []:
            p.esperado = None
    return guia


def _igual(esperada: str, real: str) -> bool:
    """One line; «…» inside a line stands for any text (a commit hash, a date)."""
    if "…" not in esperada:
        return esperada == real
    return re.fullmatch(".*".join(re.escape(x) for x in esperada.split("…")), real) is not None


def _coincide(esperado: list[str], real: list[str]) -> bool:
    """Line by line; a line «…» matches any number of lines."""
    if not esperado:
        return not real
    if esperado[0] in ELIPSIS:
        return any(_coincide(esperado[1:], real[i:]) for i in range(len(real) + 1))
    return bool(real) and _igual(esperado[0], real[0]) and _coincide(esperado[1:], real[1:])


def _codigo_esperado(esperado: list[str] | None) -> int:
    if esperado and any(re.search(r" error PNI\d{3} ", x) for x in esperado):
        return 1
    if esperado and esperado[0].startswith("pni: "):
        return 2
    return 0


def _entorno(tmp: Path) -> dict[str, str]:
    binarios = tmp / "bin"
    binarios.mkdir()
    pni = binarios / "pni"
    pni.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pni_cli "$@"\n', encoding="utf-8")
    pni.chmod(pni.stat().st_mode | stat.S_IXUSR)
    (tmp / "casa").mkdir()
    entorno = {**os.environ, "PATH": f"{binarios}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1",
               "COLUMNS": "100", "PYTHONIOENCODING": "utf-8", "HOME": str(tmp / "casa"),
               "GIT_AUTHOR_NAME": "Punto focal", "GIT_AUTHOR_EMAIL": "punto.focal@example.org",
               "GIT_COMMITTER_NAME": "Punto focal", "GIT_COMMITTER_EMAIL": "punto.focal@example.org",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    entorno.pop("GITHUB_ACTIONS", None)
    return entorno


def _git(carpeta: Path, entorno: dict[str, str], *args: str) -> None:
    subprocess.run(["git", "-C", str(carpeta), *args], env=entorno, check=True, capture_output=True)


def recorrer(guia: Guia, espacio: Path, entorno: dict[str, str]) -> list[str]:
    """Run the guide's steps in order; the list of what went wrong (empty when the guide is true)."""
    fallos: list[str] = []
    pendientes: dict[str, int] = {}  # progress files written and not yet checked → line in the guide
    for p in guia.pasos:
        donde = f"{guia.nombre}:{p.linea}"
        if p.archivo is not None:
            ruta = espacio / p.archivo
            if p.archivo in pendientes:
                fallos.append(f"{donde}: {p.archivo} se reemplaza sin haberlo revisado con pni validar")
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_text(p.contenido, encoding="utf-8")
            if p.archivo.startswith("avances/"):
                pendientes[p.archivo] = p.linea
            if Path(p.archivo).name == ".pre-commit-config.yaml":
                fallos += _revisar_pre_commit(donde, p.contenido)
            continue
        assert p.orden is not None
        orden = re.sub(r"^uv run (?=pni )", "", p.orden)
        if orden.startswith(OMITIDAS):
            continue
        if not orden.startswith(EJECUTABLES):
            fallos.append(f"{donde}: orden que la prueba no sabe ejecutar: {p.orden}")
            continue
        r = subprocess.run(["bash", "--noprofile", "--norc", "-o", "pipefail", "-c", orden], cwd=espacio,
                           env=entorno, capture_output=True, text=True, encoding="utf-8", timeout=120)
        real = (r.stdout + r.stderr).rstrip("\n").splitlines()
        real = [x.rstrip() for x in real]
        if r.returncode != _codigo_esperado(p.esperado):
            fallos.append(f"{donde}: «{p.orden}» terminó con el código {r.returncode}:\n" + "\n".join(real))
        elif p.esperado is not None and not _coincide(p.esperado, real):
            fallos.append(f"{donde}: «{p.orden}» no imprime lo que muestra la guía.\nMuestra:\n"
                          + "\n".join(p.esperado) + "\nImprime:\n" + "\n".join(real))
        if orden.startswith("pni validar"):
            nombrados = orden.split()[2:]
            for archivo in list(pendientes):
                if not [n for n in nombrados if not n.startswith("-")] or archivo in nombrados:
                    del pendientes[archivo]
    fallos += [f"{guia.nombre}:{linea}: {a} no se revisa con pni validar" for a, linea in pendientes.items()]
    return fallos


def _revisar_pre_commit(donde: str, contenido: str) -> list[str]:
    config = YAML(typ="safe", pure=True).load(contenido)
    propios = {g["id"] for g in YAML(typ="safe", pure=True).load((REPO / ".pre-commit-hooks.yaml").read_text())}
    usados = {h["id"] for r in config["repos"] for h in r["hooks"]}
    return [f"{donde}: el gancho {u} no está en .pre-commit-hooks.yaml" for u in usados - propios]


# --- the workspaces the guides start from ------------------------------------------------------------------

def espacio_institucion(tmp: Path, entorno: dict[str, str]) -> Path:
    """A fresh repository as an institution would have it: the plan, committed; no progress file yet."""
    ws = tmp / "seguimiento-pni"
    shutil.copytree(REPO / "plan", ws / "plan")
    _git(tmp, entorno, "init", "-q", "-b", "main", str(ws))
    _git(ws, entorno, "add", ".")
    _git(ws, entorno, "commit", "-q", "-m", "El plan")
    return ws


def espacio_mecanismo(tmp: Path, entorno: dict[str, str]) -> Path:
    """The Mecanismo's repository: the plan, the report template and the illustrative progress files; the last
    meeting was tagged reunion-2026-01, and the 2026-S1 reports came in afterwards."""
    ws = tmp / "seguimiento-pni"
    for carpeta in ("plan", "plantillas", "esquemas"):
        shutil.copytree(REPO / carpeta, ws / carpeta)
    shutil.copytree(REPO / "avances", ws / "avances", ignore=shutil.ignore_patterns("2026-S1"))
    _git(tmp, entorno, "init", "-q", "-b", "main", str(ws))
    _git(ws, entorno, "add", ".")
    _git(ws, entorno, "commit", "-q", "-m", "Avances hasta 2025-S2")
    _git(ws, entorno, "tag", "reunion-2026-01")
    shutil.copytree(REPO / "avances" / "2026-S1", ws / "avances" / "2026-S1")
    _git(ws, entorno, "add", ".")
    _git(ws, entorno, "commit", "-q", "-m", "Avances de 2026-S1")
    return ws


GUIAS = {"guia-instituciones.md": espacio_institucion, "guia-analistas.md": espacio_mecanismo}


@pytest.mark.parametrize("nombre", sorted(GUIAS))
def test_la_guia_dice_la_verdad(nombre: str, tmp_path: Path) -> None:
    entorno = _entorno(tmp_path)
    espacio = GUIAS[nombre](tmp_path, entorno)
    fallos = recorrer(leer(nombre), espacio, entorno)
    assert not fallos, "\n\n".join(fallos)


@pytest.mark.parametrize("nombre", sorted(GUIAS))
def test_la_guia_muestra_ordenes_de_pni(nombre: str) -> None:
    guia = leer(nombre)
    ordenes = [p.orden for p in guia.pasos if p.orden]
    assert sum(bool(re.match(r"(uv run )?pni ", o)) for o in ordenes) >= 8
    assert any(p.esperado for p in guia.pasos), "la guía no muestra ninguna salida"


def test_la_guia_de_instituciones_trae_un_ejemplo_completo_y_los_errores_comunes() -> None:
    guia = leer("guia-instituciones.md")
    archivos = [p for p in guia.pasos if p.archivo and p.archivo.startswith("avances/")]
    assert len(archivos) >= 10
    completo = archivos[0].contenido
    assert completo.startswith("# yaml-language-server: $schema=../../esquemas/avance.schema.json\n")
    codigos = {c for p in guia.pasos for x in (p.esperado or []) for c in re.findall(r" (PNI\d{3}) ", x)}
    assert len(codigos) >= 8


def test_las_guias_estan_enlazadas_desde_el_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for destino in ("docs/guia-instituciones.md", "docs/guia-analistas.md", ".pre-commit-hooks.yaml",
                    "docs/ejemplos/validar-avances.yml"):
        assert f"]({destino})" in readme, destino
