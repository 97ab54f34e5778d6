"""Usage errors and help in Spanish, whether the run builds the whole app or only the command asked for
(pni_cli/cli.py `_app_para`)."""

from __future__ import annotations

import re

import pytest

from pni_cli import cli
from tests.conftest import correr

INGLES = re.compile(r"\b(No such|Usage|Options|Missing|Invalid value|Did you mean|Got unexpected|requires an)\b")


@pytest.mark.parametrize(("argumentos", "mensaje"), [
    (["estdo"], "pni: comando desconocido: «estdo». ¿Quiso decir 'estado'?"),
    (["xyz"], "pni: comando desconocido: «xyz»."),
    (["estado", "--nada"], "pni: opción desconocida: --nada"),
    (["estado", "--eje"], "pni: la opción --eje necesita un valor"),
    (["mostrar"], "pni: falta el argumento ID"),
    (["estado", "sobra"], "pni: argumentos de más: sobra"),
])
def test_errores_de_uso_en_espanol(argumentos: list[str], mensaje: str) -> None:
    r = correr(*argumentos)
    assert r.codigo == 2
    assert mensaje in r.err, r.err
    assert not INGLES.search(r.err), r.err


@pytest.mark.parametrize("comando", ["validar", "estado", "reporte", "plantilla", "importar", "mostrar", "esquema",
                                     "completar", "cambios"])
def test_la_ayuda_de_un_comando_es_la_misma_con_la_app_entera(comando: str, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli._app_para([comando, "--help"]) is not cli.app  # only that command is built
    textos = []
    for completa in (False, True):
        with monkeypatch.context() as m:
            if completa:
                m.setattr(cli, "_app_para", lambda argumentos: cli.app)
            with pytest.raises(SystemExit) as e:
                cli.main([comando, "--help"])
        assert e.value.code == 0
        textos.append(capsys.readouterr().out)
    assert textos[0] == textos[1]
    assert f"Uso: pni {comando} [OPCIONES]" in textos[0]


def test_sin_comando_o_con_uno_desconocido_se_usa_la_app_entera(monkeypatch: pytest.MonkeyPatch) -> None:
    for argumentos in ([], ["--help"], ["-V"], ["estdo"], ["--version", "estado"]):
        assert cli._app_para(argumentos) is cli.app
    monkeypatch.setenv("_PNI_COMPLETE", "bash_complete")
    assert cli._app_para(["estado"]) is cli.app


# --- a usage error exits with 2, for every command ---------------------------------------------------------

@pytest.mark.parametrize(("argumentos", "mensaje"), [
    (["validar", "--formato", "xml"], "--formato «xml» no existe"),
    (["validar", "-q", "-v"], "use --silencioso (-q) o --detallado (-v), no los dos"),
    (["estado", "--semaforo", "morado"], "--semaforo «morado» no es un estado del semáforo"),
    (["reporte", "--formato", "pdf"], "--formato «pdf» no existe"),
    (["plantilla", "--institucion", "MTPS"], "falta la opción --periodo"),
    (["importar"], "falta el argumento ARCHIVO.xlsx"),
    (["mostrar", "9.9.9"], "«9.9.9» no es un eje, intervención, actividad, indicador ni institución del plan"),
    (["mostrar", "3.2.1", "--corte", "2026-01-01", "--periodo", "2026-S1"], "use --corte o --periodo, no los dos"),
    (["esquema", "de-mas"], "argumentos de más: de-mas"),
    (["completar", "tcsh"], "«tcsh» no está entre los intérpretes admitidos"),
    (["cambios"], "falta la opción --desde"),
], ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_cada_comando_sale_con_2_ante_un_error_de_uso(argumentos: list[str], mensaje: str) -> None:
    r = correr(*argumentos)
    assert r.codigo == 2, r
    assert r.out == ""
    assert mensaje in r.err, r.err
    assert "Traceback" not in r.err


def test_cada_comando_tiene_su_prueba_de_error_de_uso() -> None:
    probados = {"validar", "estado", "reporte", "plantilla", "importar", "mostrar", "esquema", "completar",
                "cambios"}
    assert probados == {c.name or c.callback.__name__ for c in cli.app.registered_commands if c.callback}


def test_mostrar_sugiere_ids_parecidos() -> None:
    r = correr("mostrar", "3.2.1.z")
    assert r.codigo == 2
    assert "¿Quiso decir" in r.err and "3.2.1.a" in r.err


# --- pni alone, and the help ------------------------------------------------------------------------------

def test_pni_solo_da_la_bienvenida_y_sale_con_0() -> None:
    r = correr()
    assert (r.codigo, r.err) == (0, "")
    assert r.out.startswith("pni ")
    for orden in ("pni estado", "pni estado --institucion", "pni mostrar", "pni validar", "pni reporte"):
        assert f"  {orden}" in r.out
    assert "pni --help" in r.out
    assert "Uso:" not in r.out  # a welcome, not the help printed as an error


COMANDOS = ["validar", "estado", "reporte", "plantilla", "importar", "mostrar", "esquema", "completar", "cambios"]


@pytest.mark.parametrize("columnas", ["80", "140"])
@pytest.mark.parametrize("comando", [[], *([c] for c in COMANDOS)], ids=lambda c: " ".join(c) or "pni")
def test_la_ayuda_cabe_en_80_columnas_sin_cortes(comando: list[str], columnas: str) -> None:
    r = correr(*comando, "--help", env={"COLUMNS": columnas})
    assert r.codigo == 0
    lineas = r.out.splitlines()
    assert all(len(x) <= 80 for x in lineas), [x for x in lineas if len(x) > 80]
    assert not any(x.rstrip().endswith("[por") or x.lstrip().startswith("omisión:") for x in lineas), r.out
    uso = lineas[0]
    # no cut summary; «...» only after an argument that takes several values
    assert "..." not in r.out.replace(uso, "").replace("[ARGUMENTOS]...", ""), r.out
    assert "{" not in uso and "[[" not in uso, uso


def test_los_resumenes_de_los_comandos_son_enteros() -> None:
    r = correr("--help", env={"COLUMNS": "80"})
    for nombre, resumen in cli.RESUMENES.items():
        assert f"  {nombre:<10} {resumen}" in r.out


def test_opciones_en_espanol_y_los_nombres_ingleses_como_alias_ocultos() -> None:
    ayuda = correr("validar", "--help").out
    assert "-q, --silencioso" in ayuda and "-v, --detallado" in ayuda
    assert "--quiet" not in ayuda and "--verbose" not in ayuda
    assert "-v, --detallado" in correr("cambios", "--help").out
    for opcion in ("--quiet", "--silencioso", "-q"):
        r = correr("validar", opcion, "--corte", "2026-11-23")
        assert r.codigo == 0 and r.out == "", (opcion, r)
    r = correr("validar", "--verbose", "--corte", "2026-11-23")
    assert r.codigo == 0 and "revisado plan/plan.yaml: sin problemas" in r.out
