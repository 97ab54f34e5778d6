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
