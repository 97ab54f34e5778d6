"""checks/avance_archivo: a known institution (PNI302, with the clave to write for a source variant), a folder and
a name that match the contents (PNI303), one file per institution and semester (PNI315, on both files)."""

from __future__ import annotations

from pni_cli.avance import ArchivoAvance
from pni_cli.checks import Contexto, avance_archivo, duplicados_pendientes, revisar_avance
from pni_cli.checks.avance_archivo import ARCHIVO_DUPLICADO, ARCHIVO_UBICACION, INSTITUCION_DESCONOCIDA
from tests.unit.checks.conftest import archivo_de, avance, contexto, de_codigo, en, uno, valor


def _revisar(archivo: ArchivoAvance, ctx: Contexto | None = None) -> list:
    return list(avance_archivo.revisar(archivo, ctx or contexto()))


def test_un_archivo_en_su_lugar_no_tiene_problemas() -> None:
    assert _revisar(archivo_de(avance())) == []


def test_una_institucion_desconocida_con_la_pista_de_la_parecida() -> None:
    texto = avance(institucion="MTSP")
    p = uno(_revisar(archivo_de(texto, "avances/2025-S1/MTSP.yaml")), INSTITUCION_DESCONOCIDA)
    assert en(p, "avances/2025-S1/MTSP.yaml", valor(texto, "institucion: MTSP"))
    assert "la institución «MTSP» no está en plan/instituciones.yaml; ¿quiso decir «MTPS»?" in p.mensaje


def test_una_variante_de_la_fuente_dice_la_clave_que_se_escribe() -> None:
    """MPTS, the source's misspelling of MTPS, is an alias: refused, with the clave to write."""
    texto = avance(institucion="MPTS")
    problemas = _revisar(archivo_de(texto, "avances/2025-S1/MPTS.yaml"))
    p = uno(problemas, INSTITUCION_DESCONOCIDA)
    assert en(p, "avances/2025-S1/MPTS.yaml", valor(texto, "institucion: MPTS"))
    assert "«MPTS» es una variante de la fuente: use la clave «MTPS»" in p.mensaje
    assert [q.codigo for q in problemas] == [INSTITUCION_DESCONOCIDA]


def test_sin_plan_no_se_juzga_la_institucion_pero_si_el_lugar() -> None:
    texto = avance(institucion="XYZ")
    problemas = _revisar(archivo_de(texto, "avances/2025-S1/MTPS.yaml"), contexto(sin_plan=True))
    assert [p.codigo for p in problemas] == [ARCHIVO_UBICACION]


def test_el_nombre_del_archivo_no_es_el_de_la_institucion() -> None:
    texto = avance()
    p = uno(_revisar(archivo_de(texto, "avances/2025-S1/DGME.yaml")), ARCHIVO_UBICACION)
    assert en(p, "avances/2025-S1/DGME.yaml", valor(texto, "institucion: MTPS"))
    assert "el archivo se llama «DGME.yaml» pero reporta a «MTPS»; llámelo «MTPS.yaml»" in p.mensaje


def test_la_carpeta_no_es_la_del_periodo() -> None:
    texto = avance()
    p = uno(_revisar(archivo_de(texto, "avances/2025-S2/MTPS.yaml")), ARCHIVO_UBICACION)
    assert en(p, "avances/2025-S2/MTPS.yaml", valor(texto, "periodo: 2025-S1"))
    assert "está en la carpeta «2025-S2» pero reporta el periodo «2025-S1»; muévalo a avances/2025-S1/" in p.mensaje


def test_directamente_en_avances_o_en_una_subcarpeta() -> None:
    p = uno(_revisar(archivo_de(avance(), "avances/MTPS.yaml")), ARCHIVO_UBICACION)
    assert "el archivo está directamente en avances/" in p.mensaje and "avances/2025-S1/MTPS.yaml" in p.mensaje
    p = uno(_revisar(archivo_de(avance(), "avances/2025-S1/viejos/MTPS.yaml")), ARCHIVO_UBICACION)
    assert "en la subcarpeta avances/2025-S1/viejos/" in p.mensaje


def test_un_archivo_fuera_de_avances_solo_se_juzga_por_su_nombre() -> None:
    """A file the user names elsewhere (a draft in Descargas/) is not held to the folders of avances/."""
    assert _revisar(archivo_de(avance(), "borradores/2024/MTPS.yaml")) == []


def test_un_archivo_de_la_cache_lleva_el_problema_al_archivo_entero() -> None:
    p = uno(_revisar(archivo_de(avance(), "avances/2025-S1/DGME.yaml", con_documento=False)), ARCHIVO_UBICACION)
    assert en(p, "avances/2025-S1/DGME.yaml", (0, 0))


def test_dos_archivos_de_la_misma_institucion_y_semestre_se_senalan_los_dos() -> None:
    ctx = contexto()
    texto = avance()
    primero = archivo_de(texto, "avances/2025-S1/MTPS.yaml")
    segundo = archivo_de(texto, "avances/2025-S1/MTPS.yml")
    assert _revisar(primero, ctx) == []
    p2 = uno(_revisar(segundo, ctx), ARCHIVO_DUPLICADO)
    assert en(p2, "avances/2025-S1/MTPS.yml", valor(texto, "institucion: MTPS"))
    assert ("avances/2025-S1/MTPS.yaml ya contiene el informe de MTPS para 2025-S1; una institución entrega un solo "
            "archivo por semestre: no se cuenta ninguno hasta que quede uno solo") in p2.mensaje
    [p1] = duplicados_pendientes(ctx)
    assert p1.codigo == ARCHIVO_DUPLICADO and en(p1, "avances/2025-S1/MTPS.yaml", valor(texto, "institucion: MTPS"))
    assert "avances/2025-S1/MTPS.yml también contiene el informe de MTPS para 2025-S1" in p1.mensaje


def test_una_variante_de_la_fuente_duplica_el_informe_de_su_institucion() -> None:
    ctx = contexto()
    _revisar(archivo_de(avance(), "avances/2025-S1/MTPS.yaml"), ctx)
    segundo = _revisar(archivo_de(avance(institucion="MPTS"), "avances/2025-S1/MPTS.yaml"), ctx)
    assert "informe de MTPS para 2025-S1" in uno(segundo, ARCHIVO_DUPLICADO).mensaje
    assert len(duplicados_pendientes(ctx)) == 1


def test_otro_semestre_u_otra_institucion_no_es_un_duplicado() -> None:
    ctx = contexto()
    archivos = [archivo_de(avance(), "avances/2025-S1/MTPS.yaml"),
                archivo_de(avance(periodo="2025-S2", fecha="2026-01-10"), "avances/2025-S2/MTPS.yaml"),
                archivo_de(avance(institucion="DGME"), "avances/2025-S1/DGME.yaml")]
    problemas = [p for a in archivos for p in revisar_avance(a, ctx)]
    assert de_codigo(problemas, ARCHIVO_DUPLICADO) == []
    assert duplicados_pendientes(ctx) == []


def test_el_duplicado_de_un_archivo_de_la_cache_va_a_la_linea_0() -> None:
    ctx = contexto()
    _revisar(archivo_de(avance(), "avances/2025-S1/MTPS.yaml", con_documento=False), ctx)
    _revisar(archivo_de(avance(), "avances/2025-S1/MTPS.yml", con_documento=False), ctx)
    [p1] = duplicados_pendientes(ctx)
    assert en(p1, "avances/2025-S1/MTPS.yaml", (0, 0))
