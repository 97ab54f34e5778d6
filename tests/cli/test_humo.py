from tests.conftest import correr


def test_estado_en_el_repositorio_funciona() -> None:
    r = correr("estado", "--corte", "2026-11-23")
    assert r.codigo == 0, r.err
    assert "DATOS ILUSTRATIVOS" in r.out
    assert "Traceback" not in r.err


def test_validar_el_repositorio_no_tiene_errores() -> None:
    r = correr("validar", "--corte", "2026-11-23")
    assert r.codigo == 0, r.out
    assert "0 errores" in r.out
