"""checks/plan_referencias: responsables in the catalogue (PNI204), metas por definir and GCM objectives pointing
at real activities (PNI206), claves, siglas and aliases of one institution each (PNI207)."""

from __future__ import annotations

from pni_cli.checks import plan_referencias
from pni_cli.checks.plan_referencias import INSTITUCION_DUPLICADA, META_REFERIDA_INEXISTENTE, RESPONSABLE_DESCONOCIDO
from pni_cli.plan import Plan
from tests.unit.checks.conftest import (
    ARCHIVO_EJE,
    EJE,
    INSTITUCIONES,
    OBJETIVOS,
    en,
    lugar,
    plan_de,
    uno,
    valor,
)

RUTA = f"plan/{ARCHIVO_EJE}"


def _revisar(plan: Plan) -> list:
    return list(plan_referencias.revisar(plan))


def test_el_plan_pequeno_no_tiene_problemas() -> None:
    assert _revisar(plan_de(objetivos=OBJETIVOS)) == []


def test_un_responsable_que_no_esta_en_el_catalogo() -> None:
    texto = EJE.replace("instituciones: [MTPS, DGME]", "instituciones: [MTPS, DGMEE]")
    p = uno(_revisar(plan_de(ejes={ARCHIVO_EJE: texto})), RESPONSABLE_DESCONOCIDO)
    assert en(p, RUTA, lugar(texto, "DGMEE"))
    assert "el responsable «DGMEE» de la actividad 1.2.1 no está en plan/instituciones.yaml" in p.mensaje
    assert "¿quiso decir «DGME»?" in p.mensaje


def test_un_alias_no_es_una_clave_de_responsable() -> None:
    """Responsables are written with their clave: the source variant MPTS is read as MTPS in the transcription."""
    texto = EJE.replace("instituciones: [MTPS]", "instituciones: [MPTS]", 1)
    p = uno(_revisar(plan_de(ejes={ARCHIVO_EJE: texto})), RESPONSABLE_DESCONOCIDO)
    assert "«MPTS»" in p.mensaje and "actividad 1.1.1" in p.mensaje


def test_los_responsables_del_catalogo_no_se_senalan() -> None:
    texto = EJE.replace("instituciones: [DGME]", "instituciones: [DGME, MTPS]")
    assert _revisar(plan_de(ejes={ARCHIVO_EJE: texto})) == []


def test_una_meta_por_definir_que_remite_a_una_actividad_inexistente() -> None:
    texto = EJE.replace('definida_en: "1.1.1"', 'definida_en: "1.1.9"')
    p = uno(_revisar(plan_de(ejes={ARCHIVO_EJE: texto})), META_REFERIDA_INEXISTENTE)
    assert en(p, RUTA, valor(texto, 'definida_en: "1.1.9"'))
    assert "la meta de 1.1.2.a remite a la actividad «1.1.9», que no existe; ¿quiso decir" in p.mensaje


def test_definida_en_solo_cuenta_en_una_meta_por_definir() -> None:
    """A meta that is measured already does not depend on the activity it names."""
    texto = EJE.replace("              entregable: plan\n", '              entregable: plan\n'
                                                              '              definida_en: "9.9.9"\n')
    assert "9.9.9" in texto
    assert _revisar(plan_de(ejes={ARCHIVO_EJE: texto})) == []


def test_un_alias_que_ya_es_de_otra_institucion() -> None:
    texto = INSTITUCIONES.replace("    siglas: DGME\n", "    siglas: DGME\n    alias: [mtps]\n")
    p = uno(_revisar(plan_de(instituciones=texto)), INSTITUCION_DUPLICADA)
    assert en(p, "plan/instituciones.yaml", lugar(texto, "clave: DGME"))
    assert "«mtps» identifica a la vez a MTPS y a DGME" in p.mensaje
    assert "cada clave, sigla o alias debe ser de una sola institución" in p.mensaje


def test_la_clave_las_siglas_y_los_alias_de_una_misma_institucion_pueden_coincidir() -> None:
    texto = INSTITUCIONES.replace("alias: [MPTS]", "alias: [MPTS, mtps, Mtps]")
    assert _revisar(plan_de(instituciones=texto)) == []


def test_sugerir_solo_lo_parecido() -> None:
    assert plan_referencias.sugerir("MTSP", ["MTPS", "DGME"]) == "; ¿quiso decir «MTPS»?"
    assert plan_referencias.sugerir("XYZ", ["MTPS", "DGME"]) == ""
