"""checks/__init__: every module of checks/ is in the registry once, with the signature of its kind, a docstring
and its `CODIGOS`; `revisar_plan` and `revisar_avance` run the whole registry."""

from __future__ import annotations

import inspect
import pkgutil

import pytest

from pni_cli import checks
from pni_cli.avance import ArchivoAvance
from tests.unit.checks.conftest import EJE, archivo_de, avance, contexto, plan_de, rep

MODULOS = sorted(m.name for m in pkgutil.iter_modules(checks.__path__))


def test_cada_modulo_esta_una_vez_en_el_registro() -> None:
    registrados = [m.__name__.rsplit(".", 1)[-1] for m in (*checks.PLAN, *checks.AVANCE)]
    assert sorted(registrados) == MODULOS


@pytest.mark.parametrize("modulo", [*checks.PLAN, *checks.AVANCE], ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_cada_modulo_tiene_documentacion_codigos_y_la_firma_de_su_tipo(modulo: object) -> None:
    assert (inspect.getdoc(modulo) or "").strip()
    assert getattr(modulo, "CODIGOS", None)
    parametros = list(inspect.signature(modulo.revisar).parameters)  # type: ignore[attr-defined]
    assert parametros == (["plan"] if modulo in checks.PLAN else ["archivo", "ctx"])


def test_revisar_plan_junta_los_problemas_de_cada_modulo_en_orden() -> None:
    texto = EJE.replace('"1.1.1.b"', '"1.1.1.d"').replace("instituciones: [DGME]", "instituciones: [DGMEE]")
    assert [p.codigo for p in checks.revisar_plan(plan_de(ejes={"eje-1-prueba.yaml": texto}))] == ["PNI203", "PNI204"]


def test_revisar_avance_junta_los_problemas_de_cada_modulo() -> None:
    archivo = archivo_de(avance(rep("1.1.1.b", 150), fecha="2025-06-01"), "avances/2025-S1/DGME.yaml")
    assert [p.codigo for p in checks.revisar_avance(archivo, contexto())] == ["PNI303", "PNI312", "PNI307"]


def test_un_archivo_que_no_paso_el_esquema_no_se_revisa() -> None:
    assert checks.revisar_avance(ArchivoAvance("avances/2025-S1/MTPS.yaml", None, None), contexto()) == []
