"""pni_cli/terminal.py: the width every renderer lays out for, and the guarded standard streams of a run."""

from __future__ import annotations

import io
import sys

import pytest

from pni_cli import terminal


@pytest.mark.parametrize("columnas, esperado", [("120", 120), (" 100 ", 100), ("40", 40), ("1000", 1000)])
def test_columns_con_sentido(monkeypatch: pytest.MonkeyPatch, columnas: str, esperado: int) -> None:
    monkeypatch.setenv("COLUMNS", columnas)
    assert terminal.ancho() == esperado


@pytest.mark.parametrize("columnas", ["0", "-5", "abc", "99999", "", "1e3", "٨٠", "８０", "39", "1001", "0x50",
                                      "80.5", "000000000000000000080"])
def test_columns_sin_sentido_se_ignora(monkeypatch: pytest.MonkeyPatch, columnas: str) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    sin = terminal.ancho()
    monkeypatch.setenv("COLUMNS", columnas)
    assert terminal.ancho() == sin
    assert terminal.MINIMO <= sin <= terminal.MAXIMO


class _Tuberia(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("codificacion", ["latin-1", "ascii", "cp1252", "utf-8"])
def test_cualquier_codificacion_reemplaza_lo_que_no_cabe(monkeypatch: pytest.MonkeyPatch, codificacion: str) -> None:
    crudo = io.BytesIO()
    flujo = _Tuberia(crudo, encoding=codificacion, errors="strict", write_through=True)
    monkeypatch.setattr(sys, "stdout", flujo)
    with terminal.flujos_protegidos():
        sys.stdout.write("✔ situación al 23/11/2026 · \x1b[2J \u202e fin\n")
        assert not hasattr(sys.stdout, "buffer")  # nothing writes around the guard
    assert sys.stdout is flujo and flujo.errors == "strict"  # as it was
    texto = crudo.getvalue().decode(codificacion)
    assert texto.endswith("\\u001b[2J \\u202e fin\n"), texto
    assert ("✔" in texto) == (codificacion == "utf-8")


def test_un_flujo_reemplazado_durante_la_ejecucion_no_se_restaura(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a broken pipe, cli.main points stdout at os.devnull: the guard leaves that as it is."""
    flujo = _Tuberia(io.BytesIO(), encoding="utf-8")
    otro = io.StringIO()
    monkeypatch.setattr(sys, "stdout", flujo)
    with terminal.flujos_protegidos():
        sys.stdout = otro
    assert sys.stdout is otro
