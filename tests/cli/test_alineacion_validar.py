"""`pni validar` on the alignment with the GCM (PNI220-PNI223: objectives and principles that exist, every activity
linked, a reason for every proposal) and on the narrative per activity of the progress files (PNI330-PNI333), run
through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Salida, correr, escribir

CORTE = "2026-08-01"  # the day after 2026-S1's deadline
EJE5 = "plan/eje-5-reintegracion.yaml"


def pni(raiz: Path, *args: str) -> Salida:
    return correr(*args, "--raiz", str(raiz))


def _cambiar(archivo: Path, viejo: str, nuevo: str, veces: int = 1) -> None:
    texto = archivo.read_text(encoding="utf-8")
    assert texto.count(viejo) >= veces, viejo
    archivo.write_text(texto.replace(viejo, nuevo, veces), encoding="utf-8")


def _linea(archivo: Path, fragmento: str) -> int:
    return next(n for n, x in enumerate(archivo.read_text(encoding="utf-8").splitlines(), 1) if fragmento in x)


def informe(actividades: str, institucion: str = "DGME", periodo: str = "2026-S1") -> str:
    """A progress file with no reports and the narrative `actividades` (YAML lines)."""
    return (f"periodo: {periodo}\ninstitucion: {institucion}\nfecha_reporte: 2026-07-10\nreportes: []\n"
            f"actividades:\n{actividades}")


# --- pni validar: the alignment --------------------------------------------------------------------------------

def test_el_plan_tal_cual_no_tiene_problemas_de_alineacion(espacio: Path) -> None:
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert not re.search(r"PNI22\d", r.out)


def test_objetivo_inexistente_es_un_error_con_su_lugar(espacio: Path) -> None:
    eje = espacio / EJE5
    _cambiar(eje, "{objetivo: 21, origen: propuesta, indirecto: true", "{objetivo: 24, origen: propuesta, "
                                                                       "indirecto: true")
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 1
    linea = _linea(eje, "{objetivo: 24,")
    assert f"{EJE5}:{linea}:" in r.out and "error PNI220 [alineacion-desconocida]" in r.out
    assert "el objetivo «24» de 5.1.1 no está en plan/objetivos-pmm.yaml: 1 a 23" in r.out
    # a plan with an error computes nothing
    assert pni(espacio, "estado", "--corte", CORTE).codigo == 1


def test_principio_inexistente_es_un_error(espacio: Path) -> None:
    _cambiar(espacio / EJE5, "{principio: P9,", "{principio: P11,")
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 1 and "error PNI220" in r.out
    assert "el principio «P11» de 5.1.1 no está en plan/principios-pmm.yaml: P1 a P10" in r.out


def test_sin_el_archivo_de_objetivos_se_dice_una_vez(espacio: Path) -> None:
    (espacio / "plan/objetivos-pmm.yaml").unlink()
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 1
    assert r.out.count("PNI220") == 1 and "falta plan/objetivos-pmm.yaml" in r.out


def test_actividad_sin_alineacion_razon_vacia_y_repetida_son_avisos(espacio: Path) -> None:
    eje = espacio / EJE5
    texto = eje.read_text(encoding="utf-8")
    # 5.1.1 loses its links; 5.2.1 names objective 21 twice, the second time without a reason
    bloque = re.search(r'(      - id: "5\.1\.1"\n(?:        .*\n)*?)(        objetivos_pmm:\n(?:          - .*\n)+'
                       r'        principios_pmm:\n(?:          - .*\n)+)', texto)
    assert bloque is not None
    texto = texto.replace(bloque.group(2), "")
    texto = texto.replace('          - {objetivo: 21, origen: propuesta, razon: "«Plan Estratégico de Reintegración»',
                          '          - {objetivo: 21, origen: propuesta}\n'
                          '          - {objetivo: 21, origen: propuesta, razon: "«Plan Estratégico de Reintegración»',
                          1)
    eje.write_text(texto, encoding="utf-8")
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 0, r.out  # warnings only: the semáforo keeps working
    assert "aviso PNI221 [actividad-sin-alineacion] la actividad 5.1.1 no tiene ningún objetivo ni principio" in r.out
    assert "aviso PNI222 [alineacion-sin-razon] el vínculo propuesto de 5.2.1 con el objetivo 21 no dice por qué" \
        in r.out
    assert "aviso PNI223 [alineacion-repetida] 5.2.1 nombra dos veces el objetivo 21" in r.out
    assert pni(espacio, "validar", "--corte", CORTE, "--estricto").codigo == 1
    assert pni(espacio, "estado", "--corte", CORTE).codigo == 0


# --- pni validar: the narrative per activity ---------------------------------------------------------------

def test_narrativa_valida(espacio: Path) -> None:
    escribir(espacio / "avances/2026-S1/DGME.yaml", informe(
        '  - actividad: "5.4.1"\n    logros: "Se abrió una ventanilla más en GAMI."\n'
        '    dificultades: Falta de personal.\n    proximos_pasos: Capacitar a dos técnicos.\n'))
    r = pni(espacio, "validar", "avances/2026-S1/DGME.yaml", "--corte", CORTE)
    assert r.codigo == 0 and "0 errores, 0 avisos" in r.out, r.out


def test_narrativa_de_una_actividad_que_no_existe(espacio: Path) -> None:
    ruta = escribir(espacio / "avances/2026-S1/DGME.yaml", informe('  - actividad: "5.4.9"\n    logros: Algo.\n'))
    r = pni(espacio, "validar", str(ruta), "--corte", CORTE)
    assert r.codigo == 1
    assert ("avances/2026-S1/DGME.yaml:6:16: error PNI330 [actividad-desconocida] la actividad «5.4.9» no existe en "
            "el plan; ¿quiso decir 5.4.2 o 5.4.1 o 6.4.1?") in r.out, r.out  # DGME's own activities first


def test_narrativa_de_otra_institucion_y_fuera_de_periodo_son_avisos(espacio: Path) -> None:
    ruta = escribir(espacio / "avances/2026-S1/DGME.yaml", informe(
        '  - actividad: "4.6.9"\n    logros: Campaña.\n'     # MRREE's
        '  - actividad: "2.4.1"\n    logros: Protocolo.\n'   # MRREE's, 2024 only
        '  - actividad: "5.4.1"\n    logros: Uno.\n'
        '  - actividad: "5.4.1"\n    logros: Dos.\n'))
    r = pni(espacio, "validar", str(ruta), "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert ("aviso PNI331 [narrativa-no-responsable] DGME no figura entre los responsables de la actividad 4.6.9 "
            "(MRREE)") in r.out
    assert ("aviso PNI332 [narrativa-fuera-de-periodo] la actividad 2.4.1 tiene periodo «2024» (2024-S2 a 2024-S2): "
            "no se espera nada de ella en 2026-S1") in r.out
    assert "aviso PNI333 [narrativa-repetida] la actividad 5.4.1 ya tiene logros" in r.out and "(línea 10)" in r.out


def test_narrativa_demasiado_larga_o_vacia(espacio: Path) -> None:
    ruta = escribir(espacio / "avances/2026-S1/DGME.yaml", informe(
        f'  - actividad: "5.4.1"\n    logros: "{"a" * 2001}"\n    dificultades: ""\n'))
    r = pni(espacio, "validar", str(ruta), "--corte", CORTE)
    assert r.codigo == 1
    assert r.out.count("error PNI") == 2, r.out


def test_objetivos_con_la_lista_vieja_de_actividades(espacio: Path) -> None:
    """A plan written before the alignment («actividades: []» on each objective) still reads (pni cambios --desde an
    older tag needs it); a list with activities is refused: the alignment is written on the activities."""
    objetivos = espacio / "plan/objetivos-pmm.yaml"
    _cambiar(objetivos, 'base empírica."}', 'base empírica.", actividades: []}')
    assert pni(espacio, "validar", "--corte", CORTE).codigo == 0
    _cambiar(objetivos, "actividades: []", 'actividades: ["0.3.1"]')
    r = pni(espacio, "validar", "--corte", CORTE)
    assert r.codigo == 1
    assert "plan/objetivos-pmm.yaml:" in r.out and "ya no se escriben aquí" in r.out and "objetivos_pmm" in r.out
