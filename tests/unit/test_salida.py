"""pni_cli.salida: output files are written atomically, never over an existing file without --forzar, never
over a folder, and no temporary file is left behind, whether the write succeeds or fails half-way."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from pni_cli import salida
from pni_cli.errores import ErrorDeEscritura
from pni_cli.salida import comprobar_destino, escribir_atomico


def contenido(carpeta: Path) -> dict[str, bytes]:
    """Every file in `carpeta` (hidden temporary files included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(carpeta.iterdir()) if p.is_file()}


def test_escribe_el_archivo_y_no_deja_temporales(tmp_path: Path) -> None:
    destino = tmp_path / "informe.md"
    escribir_atomico(destino, "ñandú · 75 %\n".encode(), forzar=False)
    assert contenido(tmp_path) == {"informe.md": "ñandú · 75 %\n".encode()}


def test_no_sobrescribe_sin_forzar(tmp_path: Path) -> None:
    destino = tmp_path / "informe.md"
    destino.write_bytes(b"original")
    with pytest.raises(ErrorDeEscritura, match="ya existe; no se sobrescribe sin --forzar"):
        escribir_atomico(destino, b"nuevo", forzar=False)
    assert contenido(tmp_path) == {"informe.md": b"original"}


def test_comprobar_destino_rechaza_un_archivo_existente_sin_forzar(tmp_path: Path) -> None:
    destino = tmp_path / "informe.xlsx"
    destino.write_bytes(b"original")
    with pytest.raises(ErrorDeEscritura, match="--forzar"):
        comprobar_destino(destino, forzar=False)
    comprobar_destino(destino, forzar=True)  # allowed
    comprobar_destino(tmp_path / "nuevo.xlsx", forzar=False)  # a new file is always allowed


def test_sobrescribe_con_forzar(tmp_path: Path) -> None:
    destino = tmp_path / "informe.md"
    destino.write_bytes(b"original")
    escribir_atomico(destino, b"nuevo", forzar=True)
    assert contenido(tmp_path) == {"informe.md": b"nuevo"}


@pytest.mark.parametrize("forzar", [False, True])
def test_rechaza_una_carpeta_como_destino(tmp_path: Path, forzar: bool) -> None:
    carpeta = tmp_path / "informes"
    carpeta.mkdir()
    (carpeta / "dentro.txt").write_bytes(b"intacto")
    with pytest.raises(ErrorDeEscritura, match="es una carpeta; indique un nombre de archivo"):
        comprobar_destino(carpeta, forzar)
    with pytest.raises(ErrorDeEscritura, match="es una carpeta"):
        escribir_atomico(carpeta, b"x", forzar)
    assert carpeta.is_dir()
    assert contenido(carpeta) == {"dentro.txt": b"intacto"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informes"]


def test_rechaza_una_carpeta_que_no_existe(tmp_path: Path) -> None:
    with pytest.raises(ErrorDeEscritura, match=r"la carpeta .* no existe"):
        escribir_atomico(tmp_path / "no-existe" / "informe.md", b"x", forzar=False)
    assert list(tmp_path.iterdir()) == []


def _falla(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("funcion", ["write", "replace", "fsync"])
def test_un_fallo_a_mitad_de_escritura_no_deja_temporales_ni_un_archivo_a_medias(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, funcion: str) -> None:
    monkeypatch.setattr(salida.os, funcion, _falla)
    with pytest.raises(ErrorDeEscritura, match=r"no se pudo escribir .*: no queda espacio en el disco$"):
        escribir_atomico(tmp_path / "informe.md", b"contenido" * 1000, forzar=False)
    assert contenido(tmp_path) == {}


def test_un_fallo_al_reemplazar_deja_intacto_el_archivo_anterior(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    destino = tmp_path / "informe.md"
    destino.write_bytes(b"original")
    monkeypatch.setattr(salida.os, "replace", _falla)
    with pytest.raises(ErrorDeEscritura):
        escribir_atomico(destino, b"nuevo", forzar=True)
    assert contenido(tmp_path) == {"informe.md": b"original"}


def test_una_interrupcion_tampoco_deja_temporales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an OSError (Ctrl+C while replacing): it propagates, and the temporary file is still removed."""
    def interrumpir(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(salida.os, "replace", interrumpir)
    with pytest.raises(KeyboardInterrupt):
        escribir_atomico(tmp_path / "informe.md", b"x", forzar=False)
    assert contenido(tmp_path) == {}


def test_si_el_destino_aparece_mientras_se_escribe_no_se_pisa(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    destino = tmp_path / "informe.md"
    fsync = os.fsync

    def otro_proceso_escribe(fd: int) -> None:
        fsync(fd)
        destino.write_bytes(b"de otro proceso")

    monkeypatch.setattr(salida.os, "fsync", otro_proceso_escribe)
    with pytest.raises(ErrorDeEscritura, match="ya existe"):
        escribir_atomico(destino, b"nuevo", forzar=False)
    assert contenido(tmp_path) == {"informe.md": b"de otro proceso"}


@pytest.mark.skipif(sys.platform == "win32", reason="permisos POSIX")
def test_permisos_de_un_archivo_normal(tmp_path: Path) -> None:
    """A temporary file is created owner-only (0600); the final file must not be: same mode as a plain write."""
    referencia = tmp_path / "referencia"
    referencia.write_bytes(b"")
    nuevo = tmp_path / "nuevo.md"
    escribir_atomico(nuevo, b"x", forzar=False)
    assert stat.S_IMODE(nuevo.stat().st_mode) == stat.S_IMODE(referencia.stat().st_mode)

    existente = tmp_path / "existente.md"
    existente.write_bytes(b"viejo")
    existente.chmod(0o640)
    escribir_atomico(existente, b"nuevo", forzar=True)
    assert stat.S_IMODE(existente.stat().st_mode) == 0o640
    assert existente.read_bytes() == b"nuevo"


def test_un_disco_que_acepta_de_a_poco_recibe_todo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may write less than asked: the rest is written, not lost."""
    escribir = os.write
    monkeypatch.setattr(salida.os, "write", lambda fd, datos: escribir(fd, bytes(datos[:7])))
    escribir_atomico(tmp_path / "informe.md", b"0123456789" * 100, forzar=False)
    assert contenido(tmp_path) == {"informe.md": b"0123456789" * 100}


@pytest.mark.parametrize("forzar", [False, True])
def test_nunca_escribe_a_traves_de_un_enlace(tmp_path: Path, forzar: bool) -> None:
    victima = tmp_path / "victima.md"
    victima.write_bytes(b"intacto")
    enlace = tmp_path / "informe.md"
    enlace.symlink_to(victima)
    roto = tmp_path / "roto.md"
    roto.symlink_to(tmp_path / "no-existe.md")
    for destino in (enlace, roto):
        with pytest.raises(ErrorDeEscritura, match="es un enlace simbólico, no un archivo normal"):
            escribir_atomico(destino, b"x", forzar)
    assert victima.read_bytes() == b"intacto" and enlace.is_symlink() and roto.is_symlink()
    assert not (tmp_path / "no-existe.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.md", "roto.md", "victima.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="sin tuberías con nombre")
@pytest.mark.parametrize("forzar", [False, True])
def test_nunca_reemplaza_una_tuberia_ni_un_dispositivo(tmp_path: Path, forzar: bool) -> None:
    tuberia = tmp_path / "informe.md"
    os.mkfifo(tuberia)
    with pytest.raises(ErrorDeEscritura, match=r"es una tubería con nombre \(FIFO\), no un archivo normal"):
        escribir_atomico(tuberia, b"x", forzar)
    assert stat.S_ISFIFO(os.lstat(tuberia).st_mode)
    with pytest.raises(ErrorDeEscritura, match="es un dispositivo, no un archivo normal"):
        comprobar_destino(Path(os.devnull), forzar)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.md"]


def test_un_enlace_que_aparece_mientras_se_escribe_no_se_reemplaza(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    destino = tmp_path / "informe.md"
    victima = tmp_path / "victima.md"
    victima.write_bytes(b"intacto")
    fsync = os.fsync

    def otro_proceso_enlaza(fd: int) -> None:
        fsync(fd)
        destino.symlink_to(victima)

    monkeypatch.setattr(salida.os, "fsync", otro_proceso_enlaza)
    with pytest.raises(ErrorDeEscritura, match="enlace simbólico"):
        escribir_atomico(destino, b"nuevo", forzar=True)
    assert destino.is_symlink() and victima.read_bytes() == b"intacto"


INGLES = re.compile(r"denied|space|too large|read-only|too long|directory|exists|No such|Operation", re.I)


@pytest.mark.parametrize("codigo, espanol", [
    (errno.EACCES, "no tiene permiso"), (errno.EPERM, "la operación no está permitida"),
    (errno.ENOSPC, "no queda espacio en el disco"), (errno.EDQUOT, "se agotó su cuota de disco"),
    (errno.EFBIG, "el archivo supera el tamaño máximo"), (errno.EROFS, "el disco es de solo lectura"),
    (errno.ENAMETOOLONG, "el nombre es demasiado largo"), (errno.EISDIR, "es una carpeta"),
    (errno.ENOTDIR, "una parte de la ruta no es una carpeta"), (errno.EEXIST, "ya existe"),
    (errno.EIO, "error de lectura o escritura del disco"), (errno.EHOSTDOWN, "error del sistema EHOSTDOWN"),
])
def test_cada_fallo_del_sistema_se_explica_en_espanol(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codigo: int,
                                                      espanol: str) -> None:
    def falla(*_args: object) -> None:
        raise OSError(codigo, os.strerror(codigo))

    monkeypatch.setattr(salida.os, "write", falla)
    with pytest.raises(ErrorDeEscritura) as e:
        escribir_atomico(tmp_path / "informe.md", b"x", forzar=False)
    assert str(e.value).endswith(espanol) or espanol in str(e.value), e.value
    assert not INGLES.search(str(e.value).split(": ", 1)[1]), e.value
    assert contenido(tmp_path) == {}


def test_un_nombre_demasiado_largo_o_bajo_un_archivo_se_explica(tmp_path: Path) -> None:
    with pytest.raises(ErrorDeEscritura, match="el nombre es demasiado largo para el sistema de archivos"):
        escribir_atomico(tmp_path / ("a" * 300 + ".md"), b"x", forzar=False)
    (tmp_path / "archivo").write_bytes(b"")
    with pytest.raises(ErrorDeEscritura, match="no es una carpeta"):
        escribir_atomico(tmp_path / "archivo" / "informe.md", b"x", forzar=False)
