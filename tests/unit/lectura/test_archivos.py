"""pni_cli/lectura/archivos.py: only regular files are read, never more than the limit, never waiting on a pipe."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pni_cli.errores import ErrorDeUso
from pni_cli.lectura.archivos import NoLegible, leer_bytes, limite


def test_lee_un_archivo_normal_entero(tmp_path: Path) -> None:
    ruta = tmp_path / "a.yaml"
    ruta.write_bytes(b"x" * 3_000_000)
    assert leer_bytes(ruta, 3_000_000) == b"x" * 3_000_000


def test_no_lee_mas_que_el_limite(tmp_path: Path) -> None:
    ruta = tmp_path / "a.yaml"
    ruta.write_bytes(b"x" * 101)
    with pytest.raises(NoLegible) as e:
        leer_bytes(ruta, 100)
    assert e.value.demasiado_grande and "PNI_MAX_BYTES" in e.value.motivo


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="sin tuberías con nombre")
def test_una_tuberia_sin_escritor_no_bloquea(tmp_path: Path) -> None:
    ruta = tmp_path / "tubo.yaml"
    os.mkfifo(ruta)
    with pytest.raises(NoLegible, match="tubería"):
        leer_bytes(ruta, 100)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="sin /dev/zero")
def test_un_dispositivo_no_se_lee() -> None:
    with pytest.raises(NoLegible, match="dispositivo"):
        leer_bytes(Path("/dev/zero"), 100)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="sin sockets de Unix")
def test_un_socket_no_se_lee(tmp_path: Path) -> None:
    ruta = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(ruta))
        with pytest.raises(NoLegible, match="no es un archivo normal"):
            leer_bytes(ruta, 100)


@pytest.mark.parametrize(("crear", "motivo"), [(None, "no existe"), ("carpeta", "carpeta")])
def test_lo_que_no_es_un_archivo(tmp_path: Path, crear: str | None, motivo: str) -> None:
    ruta = tmp_path / "x.yaml"
    if crear == "carpeta":
        ruta.mkdir()
    with pytest.raises(NoLegible, match=motivo):
        leer_bytes(ruta, 100)


@pytest.mark.parametrize(("texto", "valor"), [(None, 40), ("", 40), (" 12 ", 12), ("1_000", 1000)])
def test_limite(monkeypatch: pytest.MonkeyPatch, texto: str | None, valor: int) -> None:
    if texto is None:
        monkeypatch.delenv("PNI_MAX_PROFUNDIDAD", raising=False)
    else:
        monkeypatch.setenv("PNI_MAX_PROFUNDIDAD", texto)
    assert limite("PNI_MAX_PROFUNDIDAD") == valor


@given(st.text(min_size=1).filter(lambda t: "\x00" not in t and t.strip() != ""
                                  and not t.strip().replace("_", "").isdecimal()))
def test_un_limite_que_no_es_un_entero_positivo_es_un_error_de_uso(texto: str) -> None:
    anterior = os.environ.get("PNI_MAX_BYTES")
    os.environ["PNI_MAX_BYTES"] = texto
    try:
        try:
            valor = limite("PNI_MAX_BYTES")
        except ErrorDeUso as e:
            assert "PNI_MAX_BYTES" in str(e)
        else:
            assert valor > 0  # int() accepts a few more spellings (other digits, signs): still a positive number
    finally:
        if anterior is None:
            del os.environ["PNI_MAX_BYTES"]
        else:
            os.environ["PNI_MAX_BYTES"] = anterior
