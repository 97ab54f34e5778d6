"""`pni importar`: filled Excel forms → avances/<periodo>/<institucion>.yaml, each after the same schema and checks
as `pni validar`. One file or many (or a folder of them): each valid form is imported, each bad one is refused
with every problem at its sheet and cell, and one bad file never stops the others. A form with errors writes
nothing; nothing is ever written anywhere but the path the form's visible header names; two forms for the same
institution and semester are both refused; `--simular` shows what would be written and writes nothing. The summary
says, for each import, which owed indicators were left empty (the delivery will count as incomplete)."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .checks import Contexto, revisar_avance
from .errores import ErrorDeEscritura, ErrorDeUso
from .lectura.documento import Documento
from .lectura.espacio import cargar_plan_o_fallar
from .lectura.formulario_excel import Lectura, en_celda, leer, lugar
from .opciones import fecha_de_corte, raiz_del_espacio
from .periodos import Semestre
from .plan import Plan
from .problemas import Problema, Resultado, Severidad
from .texto_seguro import una_linea

EXTENSIONES = (".xlsx", ".xlsm", ".ods", ".xls")
_RUTA_INTERNA = r"^(?:raíz|[a-z_]+(?:\[[0-9]+\])?(?:\.[a-z_]+(?:\[[0-9]+\])?)*): "


def revisar_formulario(plan: Plan, lec: Lectura, nombre: str, corte: dt.date) -> tuple[Avance | None,
                                                                                        list[Problema]]:
    """Schema and cross-file checks on what was read; problems point at cells («Hoja Avances, celda F9 (Valor)»).
    A cell whose reading already failed is not reported twice."""
    from .lectura.traduccion_pydantic import a_modelo
    from .modelos import Avance as ModeloAvance
    from .modelos import a_dominio

    doc = Documento(nombre, lec.datos, posiciones=lec.posiciones)
    modelo, problemas = a_modelo(doc, ModeloAvance)
    avance: Avance | None = None if modelo is None else a_dominio(modelo)
    if avance is not None:
        destino_ = f"avances/{avance.periodo}/{avance.institucion}.yaml"
        problemas += revisar_avance(ArchivoAvance(destino_, doc, avance), Contexto(plan, corte))
    nuevos = [p for p in problemas if (p.linea, p.columna) not in lec.celdas_con_problema]
    return avance, [_con_celda(p) for p in nuevos]


def _con_celda(p: Problema) -> Problema:
    """A problem of the schema or the checks, placed at its cell and in a form's words: never an internal path
    such as «reportes[2].valor»."""
    import re

    if not p.linea:
        return p
    hoja, fila, col = lugar(p.linea, p.columna)
    return Problema(p.codigo, p.archivo, 0, 0, en_celda(hoja, fila, col, re.sub(_RUTA_INTERNA, "", p.mensaje)),
                    p.severidad)


def _orden(p: Problema) -> tuple[int, int, int, str]:
    """Problems by sheet and cell: the whole file first, then Avances row by row, then Actividades."""
    import re

    m = re.match(r"Hoja (\S+), (?:celda ([A-Z]+)([0-9]+)|fila ([0-9]+))", p.mensaje)
    if m is None:
        return (0, 0, 0, p.codigo)
    from .lectura.libro_xlsx import columna

    hoja = 1 if m.group(1) == "Avances" else 2
    fila = int(m.group(3) or m.group(4))
    return (hoja, fila, columna(m.group(2)) if m.group(2) else 0, p.codigo)


def destino(raiz: Path, avance: Avance) -> Path:
    """avances/<periodo>/<institucion>.yaml, and nowhere else whatever the workbook says."""
    Semestre.leer(avance.periodo)  # the schema already enforces AAAA-SN; never a path
    carpeta = (raiz / "avances").resolve()
    ruta = (carpeta / avance.periodo / f"{avance.institucion}.yaml").resolve()
    if carpeta not in ruta.parents:
        raise ValueError(f"destino fuera de avances/: {ruta}")
    return ruta


@dataclass
class Importacion:
    """One form: what was read and found, and what became of it."""

    archivo: Path
    nombre: str
    problemas: list[Problema] = field(default_factory=list)
    avance: Avance | None = None
    lectura: Lectura | None = None
    ruta: Path | None = None
    motivo: str | None = None  # why a valid form was not written (a duplicate, an existing file)
    escrito: bool = False

    @property
    def errores(self) -> int:
        return sum(p.severidad is Severidad.ERROR for p in self.problemas)

    @property
    def valida(self) -> bool:
        return self.avance is not None and self.errores == 0 and self.motivo is None


def expandir(rutas: list[Path]) -> list[Path]:
    """The files named, and the spreadsheets of each folder named (not its subfolders), in name order; Excel's and
    LibreOffice's lock files (~$…, .~lock…) and hidden files are not forms."""
    out: list[Path] = []
    for r in rutas:
        if r.is_dir():
            hallados = sorted(p for p in r.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONES
                              and not p.name.startswith(("~$", ".")))
            if not hallados:
                raise ErrorDeUso(f"la carpeta {una_linea(r)} no tiene formularios ({', '.join(EXTENSIONES)})")
            out += hallados
        else:
            out.append(r)
    vistos: set[Path] = set()
    unicos = []
    for r in out:
        clave = r.resolve()
        if clave not in vistos:
            vistos.add(clave)
            unicos.append(r)
    return unicos


def _revisar(plan: Plan, archivo: Path, corte: dt.date, raiz: Path) -> Importacion:
    nombre = str(archivo)
    imp = Importacion(archivo, nombre)
    lec = leer(archivo, nombre, plan)
    imp.lectura = lec
    problemas = list(lec.problemas)
    if lec.datos is not None:
        avance, probs = revisar_formulario(plan, lec, nombre, corte)
        problemas += probs
        imp.avance = avance
        if avance is not None:
            imp.ruta = destino(raiz, avance)
    imp.problemas = sorted(problemas, key=_orden)
    return imp


def ejecutar(*, archivos: list[Path], forzar: bool, simular: bool, corte: str | None, raiz: Path | None) -> int:
    from .render.avance_yaml import yaml_avance
    from .render.validacion import texto
    from .salida import escribir_atomico
    from .terminal import color_en

    carpeta = raiz_del_espacio(raiz)
    plan = cargar_plan_o_fallar(carpeta)
    fecha = fecha_de_corte(corte)
    rutas = expandir(archivos)
    varios = len(rutas) > 1 or any(a.is_dir() for a in archivos)
    imps = [_revisar(plan, r, fecha, carpeta) for r in rutas]
    _duplicados(imps)
    color = color_en(sys.stderr)
    raiz_resuelta = carpeta.resolve()
    for imp in imps:
        if imp.problemas:
            lineas = texto(Resultado([imp.nombre], imp.problemas), color).splitlines()[:-1]
            sys.stderr.write("".join(f"{x}\n" for x in lineas))
        if imp.valida:
            assert imp.avance is not None and imp.ruta is not None
            contenido = yaml_avance(imp.avance, imp.archivo.name)
            relativa = imp.ruta.relative_to(raiz_resuelta)
            if simular:
                sys.stdout.write(f"# --- {relativa} (simulación: no se escribió) ---\n{contenido}")
                existe = " (ya existe: se reemplazaría solo con --forzar)" if imp.ruta.exists() and not forzar else ""
                sys.stderr.write(f"Simulación: {_cuantos(imp)} se escribirían en {relativa}{existe}; no se "
                                 "escribió nada\n")
            else:
                try:
                    imp.ruta.parent.mkdir(parents=True, exist_ok=True)
                    escribir_atomico(imp.ruta, contenido.encode("utf-8"), forzar)
                except ErrorDeEscritura as e:
                    imp.motivo = str(e)
                else:
                    imp.escrito = True
                    sys.stderr.write(f"Importado{' ' + una_linea(imp.nombre) if varios else ''}: {_cuantos(imp)} "
                                     f"en {relativa}\n")
            if imp.motivo is None:
                sys.stderr.write(_faltantes(imp))
        if not imp.valida:
            sys.stderr.write(_no_importado(imp, varios))
    return _final(imps, varios, simular)


def _cuantos(imp: Importacion) -> str:
    assert imp.avance is not None
    n = len(imp.avance.reportes)
    partes = f"{n} reporte{'s' if n != 1 else ''}"
    a = len(imp.avance.actividades)
    if a:
        partes += f" y lo ocurrido en {a} actividad{'es' if a != 1 else ''}"
    return partes


def _faltantes(imp: Importacion) -> str:
    lec = imp.lectura
    if lec is None or imp.avance is None:
        return ""
    total = len(lec.debidos)
    if not lec.vacios:
        return (f"  Están los {total} indicadores que {lec.institucion} debe en {lec.semestre}.\n" if total > 1
                else "")
    n = len(lec.vacios)
    return (f"  Falta{'n' if n != 1 else ''} {n} de los {total} indicadores que {lec.institucion} debe en "
            f"{lec.semestre}, vacío{'s' if n != 1 else ''} en el formulario: la entrega contará como incompleta "
            f"hasta que se informe{'n' if n != 1 else ''}: {', '.join(lec.vacios)}\n")


def _no_importado(imp: Importacion, varios: bool) -> str:
    nombre = una_linea(imp.nombre)
    if imp.motivo is not None:
        return f"No se importó {nombre}: {una_linea(imp.motivo)}\n"
    errores = imp.errores
    avisos = len(imp.problemas) - errores
    cuenta = (f"{errores} error{'es' if errores != 1 else ''}, {avisos} aviso{'s' if avisos != 1 else ''}")
    if not varios:
        return f"{cuenta}\npni: no se importó nada; corrija el formulario y vuelva a intentarlo\n"
    return f"No se importó {nombre}: {cuenta}; corríjalo y vuelva a importarlo\n"


def _duplicados(imps: list[Importacion]) -> None:
    """Two valid forms for the same institution and semester: neither is imported (which one is right?)."""
    por_destino: dict[Path, list[Importacion]] = {}
    for imp in imps:
        if imp.avance is not None and imp.errores == 0 and imp.ruta is not None:
            por_destino.setdefault(imp.ruta, []).append(imp)
    for lista in por_destino.values():
        if len(lista) > 1:
            nombres = " y ".join(una_linea(i.nombre) for i in lista)
            assert lista[0].avance is not None
            for imp in lista:
                imp.motivo = (f"{nombres} son formularios de {lista[0].avance.institucion} para "
                              f"{lista[0].avance.periodo}: no se importa ninguno; deje solo el bueno y vuelva a "
                              "importar")


def _final(imps: list[Importacion], varios: bool, simular: bool) -> int:
    malos = [i for i in imps if not i.valida]
    if varios:
        n, hechos = len(imps), len(imps) - len(malos)
        verbo = "Se importarían" if simular else "Importados"
        linea = f"{verbo} {hechos} de {n} formulario{'s' if n != 1 else ''}"
        if malos:
            linea += (f"; no se import{'arían' if simular else 'aron'} {len(malos)}: "
                      + ", ".join(una_linea(i.archivo.name) for i in malos))
        sys.stderr.write(linea + ".\n")
    if any(i.errores or i.avance is None or (i.motivo and "no se importa ninguno" in i.motivo) for i in malos):
        return 1
    return 3 if malos else 0

