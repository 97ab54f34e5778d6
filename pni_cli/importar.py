"""`pni importar`: filled Excel forms → avances/<periodo>/<institucion>.yaml, each after the same schema and checks
as `pni validar`. One file or many (or a folder of them): each valid form is imported, each bad one is refused
with every problem at its sheet and cell, and one bad file never stops the others. A form with errors writes
nothing; nothing is ever written anywhere but the path the form's visible header names; two forms for the same
institution and semester are both refused; `--simular` shows what would be written and writes nothing. The summary
says, for each import, which owed indicators were left empty (the delivery will count as incomplete)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .checks import Contexto, revisar_avance
from .errores import ErrorDeEscritura, ErrorDeUso, motivo_del_sistema
from .lectura.archivos import LIMITE, limite
from .lectura.documento import Documento
from .lectura.espacio import cargar_plan_o_fallar
from .lectura.formulario_excel import Lectura, en_celda, leer, lugar
from .lectura.rutas import relativo
from .opciones import fecha_de_corte, raiz_del_espacio
from .periodos import Semestre
from .plan import Plan
from .problemas import Problema, Resultado, Severidad, problema
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
    if not p.linea:
        return p
    hoja, fila, col = lugar(p.linea, p.columna)
    return Problema(p.codigo, p.archivo, 0, 0, en_celda(hoja, fila, col, re.sub(_RUTA_INTERNA, "", p.mensaje)),
                    p.severidad)


def _orden(p: Problema) -> tuple[int, int, int, str]:
    """Problems by sheet and cell: the whole file first, then Avances row by row, then Actividades."""
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
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", avance.institucion):  # the schema's too: never a path
        raise ErrorDeEscritura(f"la clave «{una_linea(avance.institucion)}» no puede ser un nombre de archivo")
    return raiz / "avances" / avance.periodo / f"{avance.institucion}.yaml"


def preparar_carpeta(raiz: Path, ruta: Path) -> None:
    """The folder of `ruta` (avances/<periodo>/) made ready to write in, never through a symbolic link: neither
    avances/ nor its semester folder may be one (git stores links, so a pull request can plant one that points at
    another institution's file or out of the workspace). The semester folder is created if it is missing; anything
    in the way is an `ErrorDeEscritura` (exit code 3) that says what."""
    semestre = ruta.parent
    for parte in (semestre.parent, semestre):
        nombre = relativo(parte, raiz)
        try:
            modo = os.lstat(parte).st_mode
        except FileNotFoundError:
            continue
        except OSError as e:
            raise ErrorDeEscritura(f"no se puede escribir en {nombre}: {motivo_del_sistema(e)}") from None
        if stat.S_ISLNK(modo):
            raise ErrorDeEscritura(f"{nombre} es un enlace simbólico: pni importar no escribe a través de enlaces "
                                   "(podría terminar en otro archivo o fuera del espacio de trabajo); reemplace el "
                                   "enlace por una carpeta")
        if not stat.S_ISDIR(modo):
            raise ErrorDeEscritura(f"{nombre} existe y no es una carpeta")
    try:
        semestre.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ErrorDeEscritura(f"no se pudo crear la carpeta {relativo(semestre, raiz)}: "
                               f"{motivo_del_sistema(e)}") from None


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
    choca: bool = False  # --simular: the file exists and --forzar was not given (the real run would exit 3)

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
            try:
                imp.ruta = destino(raiz, avance)
            except ErrorDeEscritura as e:
                imp.motivo = str(e)
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
    maximo = limite("PNI_MAX_BYTES")
    for imp in imps:
        if imp.problemas:
            lineas = texto(Resultado([imp.nombre], imp.problemas), color).splitlines()[:-1]
            sys.stderr.write("".join(f"{x}\n" for x in lineas))
        contenido = yaml_avance(imp.avance, imp.archivo.name) if imp.valida and imp.avance is not None else ""
        if len(contenido.encode("utf-8")) > maximo:  # pni validar would refuse the file it writes
            imp.problemas.append(problema(LIMITE, imp.nombre, 0, 0, f"el archivo de avance importado pesaría "
                                          f"{len(contenido.encode('utf-8')):,} bytes y el máximo es {maximo:,}: "
                                          "acorte observaciones o evidencias, o suba el límite con la variable de "
                                          "entorno PNI_MAX_BYTES"))
            lineas = texto(Resultado([imp.nombre], imp.problemas[-1:]), color).splitlines()[:-1]
            sys.stderr.write("".join(f"{x}\n" for x in lineas))
        if imp.valida:
            assert imp.avance is not None and imp.ruta is not None
            relativa = relativo(imp.ruta, carpeta)
            anterior = _anterior(imp.ruta, carpeta)
            if simular:
                sys.stdout.write(f"# --- {relativa} (simulación: no se escribió) ---\n{contenido}")
                imp.choca = anterior is not None and not forzar
                existe = (f" (ya existe: se reemplazaría solo con --forzar{anterior})" if imp.choca
                          else f" (reemplazaría el archivo que hay{anterior})" if anterior is not None else "")
                uno = len(imp.avance.reportes) == 1 and not imp.avance.actividades  # «1 reporte se escribiría»
                sys.stderr.write(f"Simulación: {_cuantos(imp)} se escribiría{'' if uno else 'n'} en {relativa}"
                                 f"{existe}; no se escribió nada\n")
            else:
                try:
                    preparar_carpeta(carpeta, imp.ruta)
                    escribir_atomico(imp.ruta, contenido.encode("utf-8"), forzar)
                except ErrorDeEscritura as e:  # named as the workspace names it: avances/<periodo>/<CLAVE>.yaml
                    imp.motivo = str(e).replace(una_linea(imp.ruta), str(relativa))
                else:
                    imp.escrito = True
                    reemplazo = f" (reemplazó el archivo que había{anterior})" if anterior is not None else ""
                    sys.stderr.write(f"Importado{' ' + una_linea(imp.nombre) if varios else ''}: {_cuantos(imp)} "
                                     f"en {relativa}{reemplazo}\n")
            if imp.motivo is None:
                sys.stderr.write(_faltantes(imp))
        if not imp.valida:
            sys.stderr.write(_no_importado(imp, varios))
    return _final(imps, varios, simular)


def _anterior(ruta: Path, carpeta: Path) -> str | None:
    """None when nothing is at `ruta`; else what is there, for the message: «, de 5 reportes» (a progress file
    that reads), or "" (anything else: the write refuses or replaces it as it should)."""
    if not os.path.lexists(ruta):
        return None
    if not ruta.is_file() or ruta.is_symlink():
        return ""
    from .lectura.espacio import cargar_avance

    previo = cargar_avance(ruta, carpeta).avance
    if previo is None:
        return ""
    n = len(previo.reportes)
    return f", de {n} reporte{'s' if n != 1 else ''}"


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
        if not varios:  # exit code 3 or 1 of one form: one line, as every other command's
            return f"pni: no se importó {nombre}: {una_linea(imp.motivo)}\n"
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
    return 3 if malos or any(i.choca for i in imps) else 0

