"""The `pni` command line: parse options, call one function, pick a renderer, map the outcome to an exit code.

Exit codes: 0 all good · 1 problems in the data · 2 wrong usage · 3 an output could not be written.
Typer's bundled click writes its usage errors and help headings in English; `_ComandoES`/`_GrupoES` and
`main()` put them in Spanish, and `main()` is the one place where an error becomes an exit code.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errores import ErrorDeEscritura, ErrorDeUso, PlanInvalido

SALIDA_OK, SALIDA_PROBLEMAS, SALIDA_USO, SALIDA_ESCRITURA = 0, 1, 2, 3

_AYUDA_ES = [
    (re.compile(r"^Usage: ", re.M), "Uso: "),
    (re.compile(r"^Options:$", re.M), "Opciones:"),
    (re.compile(r"^Arguments:$", re.M), "Argumentos:"),
    (re.compile(r"^Commands:$", re.M), "Comandos:"),
    (re.compile(r"\[OPTIONS\]"), "[OPCIONES]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMANDO [ARGS]..."),
    (re.compile(r"Show this message and exit\."), "Muestra esta ayuda y termina."),
    (re.compile(r"\[default:(\s)"), r"[por omisión:\1"),
    (re.compile(r"\[required\]"), "[obligatorio]"),
]
# Typer's type labels after an argument's name (<path>, <str>, <list[Path]>): blanks keep the columns aligned
_TIPOS_TYPER = re.compile(r" <(?:path|str|text|integer|list\[\w+\])>(?=\s|$)")


def _traducir_ayuda(texto: str) -> str:
    for patron, reemplazo in _AYUDA_ES:
        texto = patron.sub(reemplazo, texto)
    texto = _TIPOS_TYPER.sub(lambda m: " " * len(m.group(0)), texto)
    return re.sub(r" +$", "", texto, flags=re.M)


def _conversion_directa() -> type | None:
    """Typer ≥ 0.29 converts every option through a pydantic TypeAdapter built at each run: that imports and runs
    pydantic's schema machinery (about 0.1 s) even for a plain text. Every option of pni is a text, a path, a list
    of paths or a flag, so they are converted here directly; anything else keeps Typer's own conversion. If a Typer
    release drops this internal hook, nothing changes but the speed (tests/unit/test_cli_arranque.py tells)."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:  # pragma: no cover - another Typer
        return None

    @dataclass(frozen=True)
    class ConversionDirecta(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is str and isinstance(value, str):
                return value
            if self.annotation is bool and isinstance(value, bool):
                return value
            if self.annotation is Path and isinstance(value, str):
                return Path(value)
            if self.annotation == list[Path] and all(isinstance(v, str) for v in value):
                return [Path(v) for v in value]
            # anything unexpected: Typer's own conversion, with its checks and messages
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    return ConversionDirecta


def _es_simple(param: Any) -> bool:
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not hasattr(param, "_runtime_param") or desc.file_annotation is not None:
        return False
    info = desc.parameter_info
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return False
    if desc.annotation in (str, bool):
        return True
    if desc.annotation not in (Path, list[Path]):
        return False
    # a path Typer would check (exists=True, resolve_path=True…) keeps Typer's conversion
    return (not getattr(info, "exists", False) and not getattr(info, "resolve_path", False)
            and not getattr(info, "writable", False) and getattr(info, "path_type", None) is None
            and getattr(info, "file_okay", True) and getattr(info, "dir_okay", True))


def convertir_sin_pydantic(params: list[Any]) -> int:
    """Give each simple parameter the direct conversion; returns how many got it."""
    clase = _conversion_directa()
    if clase is None:
        return 0
    hechos = 0
    for param in params:
        if getattr(param, "_runtime_param", True) is None and _es_simple(param):
            param._runtime_param = clase(parameter_info=param.type_descriptor.parameter_info,
                                         annotation=param.type_descriptor.annotation)
            hechos += 1
    return hechos


class _ComandoES(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # the command's own and the --help option
        convertir_sin_pydantic(params)
        return params

    def get_help(self, ctx: Any) -> str:
        return _traducir_ayuda(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _traducir_ayuda(super().get_usage(ctx))


class _GrupoES(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # the command's own and the --help option
        convertir_sin_pydantic(params)
        return params

    def get_help(self, ctx: Any) -> str:
        return _traducir_ayuda(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _traducir_ayuda(super().get_usage(ctx))


app = typer.Typer(
    name="pni",
    cls=_GrupoES,
    help="Seguimiento del Plan Nacional de Implementación del PMM 2024-2028 (El Salvador).\n\n"
         "Ejemplo: pni estado",
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Typer's --install-completion prints English; `pni completar` does the same in Spanish (pni_cli/completado.py).
# When the shell asks for completions (_PNI_COMPLETE set), Typer's completion classes must be registered first.
if "_PNI_COMPLETE" in os.environ:
    from .completado import preparar as _preparar_completado

    _preparar_completado()

Raiz = Annotated[Path | None, typer.Option("--raiz", metavar="RUTA",
                                           help="Carpeta del espacio de trabajo (la que contiene plan/). "
                                                "Por omisión se busca desde la carpeta actual hacia arriba.")]
Corte = Annotated[str | None, typer.Option("--corte", metavar="FECHA",
                                           help="Fecha de corte AAAA-MM-DD (por omisión, hoy).")]


def _salir(mensaje: str, codigo: int) -> NoReturn:
    sys.stderr.write(f"pni: {mensaje}\n")
    raise SystemExit(codigo)


def _raiz(raiz: Path | None) -> Path:
    from .espacio import SinEspacioDeTrabajo, buscar_raiz

    if raiz is not None:
        if not (raiz / "plan" / "plan.yaml").is_file():
            raise ErrorDeUso(f"--raiz {raiz}: no contiene plan/plan.yaml")
        return raiz
    try:
        return buscar_raiz(Path.cwd())
    except SinEspacioDeTrabajo as e:
        raise ErrorDeUso(str(e)) from None


def _fecha(texto: str | None, opcion: str = "--corte") -> dt.date:
    if texto is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(texto.strip())
    except ValueError:
        raise ErrorDeUso(f"{opcion} «{texto}»: no es una fecha válida; use AAAA-MM-DD, p. ej. 2026-07-31") from None


def _version(valor: bool) -> None:
    if valor:
        sys.stdout.write(f"pni {__version__}\n")
        raise typer.Exit()


@app.callback()
def _principal(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Muestra la versión y termina.")] = False,
) -> None:
    """Seguimiento del Plan Nacional de Implementación del PMM 2024-2028 (El Salvador).

    Ejemplos: pni estado · pni validar · pni mostrar 3.2.1
    """


@app.command(cls=_ComandoES)
def validar(
    rutas: Annotated[list[Path] | None, typer.Argument(metavar="[RUTAS]...", show_default=False,
                                                       help="Archivos o carpetas de avance a revisar (por omisión, "
                                                            "todo avances/). El plan se revisa siempre.")] = None,
    formato: Annotated[str | None, typer.Option("--formato", "-f", metavar="texto|json|github|sarif",
                                                help="Formato de salida. Por omisión «texto», o «github» cuando "
                                                     "GITHUB_ACTIONS=true.")] = None,
    estricto: Annotated[bool, typer.Option("--estricto", help="Los avisos también hacen fallar la revisión.")] = False,
    silencioso: Annotated[bool, typer.Option("--quiet", "-q", help="Solo los errores, sin resumen: nada si todo "
                                                                   "está en orden (formatos texto y github).")]
    = False,
    detallado: Annotated[bool, typer.Option("--verbose", "-v", help="También cada archivo revisado con sus cuentas "
                                                                    "(formato texto).")] = False,
    corte: Corte = None,
    raiz: Raiz = None,
) -> None:
    """Revisa el plan y los archivos de avance; informa cada problema con archivo:línea:columna.

    Ejemplo: pni validar avances/2025-S1/MTPS.yaml
    """
    from .render.problemas import FORMATOS, presentar
    from .validacion import validar as _validar

    if formato is None:
        formato = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "texto"
    if formato not in FORMATOS:
        raise ErrorDeUso(f"--formato «{formato}» no existe; use uno de: {', '.join(FORMATOS)}")
    if silencioso and detallado:
        raise ErrorDeUso("use --quiet o --verbose, no los dos")
    res = _validar(_raiz(raiz), rutas, _fecha(corte))
    color = formato == "texto" and _color(sys.stdout)
    sys.stdout.write(presentar(res, formato, color, silencioso=silencioso, detallado=detallado, estricto=estricto))
    raise SystemExit(SALIDA_PROBLEMAS if res.falla(estricto) else SALIDA_OK)


def _color(flujo: Any) -> bool:
    return bool(getattr(flujo, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


@app.command(cls=_ComandoES)
def estado(
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Situación al día siguiente del plazo de entrega de ese "
                                                     "semestre, p. ej. 2026-S1.")] = None,
    eje: Annotated[str | None, typer.Option("--eje", metavar="N", help="Solo un eje (0 a 6).")] = None,
    institucion: Annotated[str | None, typer.Option("--institucion", metavar="CLAVE",
                                                    help="Solo las actividades de una institución, p. ej. MTPS.")]
    = None,
    detalle: Annotated[bool, typer.Option("--detalle", help="Muestra cada actividad e indicador.")] = False,
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="tabla|json",
                                         help="tabla (terminal) o json (para scripts).")] = "tabla",
    raiz: Raiz = None,
) -> None:
    """Muestra dónde está cada eje, actividad e institución a la fecha de corte.

    Ejemplo: pni estado --periodo 2026-S1 --eje 3 --detalle
    """
    from .consulta import institucion_del_plan, situacion

    if formato not in ("tabla", "json"):
        raise ErrorDeUso(f"--formato «{formato}» no existe; use tabla o json")
    if corte is not None and periodo is not None:
        raise ErrorDeUso("use --corte o --periodo, no los dos")
    sit, plan, invalidos = situacion(_raiz(raiz), corte=_fecha(corte) if periodo is None else None,
                                     periodo=periodo, eje=eje, institucion=institucion)
    if institucion is not None:
        institucion = institucion_del_plan(plan, institucion)  # a source variant (MPTS) shows as its clave
    if formato == "json":
        from .render.estado_json import a_json

        sys.stdout.write(a_json(sit, plan, invalidos, eje=eje, institucion=institucion))
    else:
        from .render.terminal import mostrar_estado

        mostrar_estado(sit, plan, invalidos, detalle=detalle, eje=eje, institucion=institucion)


@app.command(cls=_ComandoES)
def reporte(
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="md|xlsx",
                                         help="md (Markdown) o xlsx (Excel).")] = "md",
    salida: Annotated[Path | None, typer.Option("--salida", "-o", metavar="RUTA",
                                                help="Archivo de salida. Sin --salida, el Markdown va a la salida "
                                                     "estándar; el Excel necesita --salida.")] = None,
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Situación al día siguiente del plazo de entrega de ese "
                                                     "semestre.")]
    = None,
    eje: Annotated[str | None, typer.Option("--eje", metavar="N", help="Solo un eje (0 a 6).")] = None,
    forzar: Annotated[bool, typer.Option("--forzar", help="Sobrescribe el archivo de salida si existe.")] = False,
    raiz: Raiz = None,
) -> None:
    """Genera el informe de avance para el Mecanismo, en Markdown o Excel.

    Ejemplo: pni reporte --formato xlsx --salida informe-2026-S1.xlsx --periodo 2026-S1
    """
    from .consulta import situacion
    from .informe import construir
    from .salida import comprobar_destino
    from .version import version_del_plan

    if formato not in ("md", "xlsx"):
        raise ErrorDeUso(f"--formato «{formato}» no existe; use md o xlsx")
    if formato == "xlsx" and salida is None:
        raise ErrorDeUso("el informe en Excel necesita --salida ARCHIVO.xlsx")
    if corte is not None and periodo is not None:
        raise ErrorDeUso("use --corte o --periodo, no los dos")
    if salida is not None:
        comprobar_destino(salida, forzar)
    carpeta = _raiz(raiz)
    sit, plan, _ = situacion(carpeta, corte=_fecha(corte) if periodo is None else None, periodo=periodo, eje=eje,
                             institucion=None)
    informe = construir(sit, plan, version_del_plan(carpeta), eje)
    if formato == "md":
        from .render.markdown import renderizar

        _entregar(renderizar(informe, carpeta), salida, forzar, "Informe escrito en")
    else:
        from .render.excel import libro

        _entregar(libro(informe), salida, forzar, "Informe escrito en")


@app.command(cls=_ComandoES)
def plantilla(
    institucion: Annotated[str, typer.Option("--institucion", metavar="CLAVE", help="Clave de la institución, "
                                                                                   "p. ej. MTPS.")],
    periodo: Annotated[str, typer.Option("--periodo", metavar="AAAA-SN", help="Semestre, p. ej. 2026-S1.")],
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="yaml|xlsx", help="yaml o xlsx.")] = "yaml",
    salida: Annotated[Path | None, typer.Option("--salida", "-o", metavar="RUTA",
                                                help="Archivo de salida. Sin --salida, el YAML va a la salida "
                                                     "estándar; el Excel necesita --salida.")] = None,
    forzar: Annotated[bool, typer.Option("--forzar", help="Sobrescribe el archivo de salida si existe.")] = False,
    raiz: Raiz = None,
) -> None:
    """Genera el formulario de avance de una institución para un semestre, con exactamente los indicadores que
    debe reportar.

    Ejemplo: pni plantilla --institucion MTPS --periodo 2026-S1 --formato xlsx --salida MTPS-2026-S1.xlsx
    """
    from .consulta import cargar_plan_o_fallar, institucion_del_plan, semestre_del_plan
    from .plantilla import xlsx_plantilla, yaml_plantilla
    from .salida import comprobar_destino

    if formato not in ("yaml", "xlsx"):
        raise ErrorDeUso(f"--formato «{formato}» no existe; use yaml o xlsx")
    if formato == "xlsx" and salida is None:
        raise ErrorDeUso("la plantilla en Excel necesita --salida ARCHIVO.xlsx")
    if salida is not None:
        comprobar_destino(salida, forzar)
    plan = cargar_plan_o_fallar(_raiz(raiz))
    clave = institucion_del_plan(plan, institucion)
    sem = semestre_del_plan(plan, periodo)
    contenido = yaml_plantilla(plan, clave, sem) if formato == "yaml" else xlsx_plantilla(plan, clave, sem)
    _entregar(contenido, salida, forzar, "Plantilla escrita en")


def _entregar(contenido: str | bytes, salida: Path | None, forzar: bool, aviso: str) -> None:
    """Text to standard output when there is no --salida; otherwise the file, written atomically."""
    from .salida import escribir_atomico

    if salida is None:
        assert isinstance(contenido, str)
        sys.stdout.write(contenido)
        return
    escribir_atomico(salida, contenido.encode("utf-8") if isinstance(contenido, str) else contenido, forzar)
    sys.stderr.write(f"{aviso} {salida}\n")


@app.command(cls=_ComandoES)
def importar(
    archivo: Annotated[Path, typer.Argument(metavar="ARCHIVO.xlsx", help="Formulario de avance lleno "
                                                                        "(generado con pni plantilla).")],
    forzar: Annotated[bool, typer.Option("--forzar", help="Reemplaza el archivo de avance si ya existe.")] = False,
    corte: Corte = None,
    raiz: Raiz = None,
) -> None:
    """Lee un formulario Excel lleno y lo guarda en avances/<periodo>/<institución>.yaml, después de validarlo.
    No escribe nada si hay errores.

    Ejemplo: pni importar MTPS-2026-S1.xlsx
    """
    from .consulta import cargar_plan_o_fallar
    from .importar import destino, errores, leer, validar, yaml_de
    from .render.problemas import texto
    from .salida import escribir_atomico
    from .validacion import Resultado

    carpeta = _raiz(raiz)
    plan = cargar_plan_o_fallar(carpeta)
    nombre = str(archivo)
    lec = leer(archivo, nombre)
    problemas = list(lec.problemas)
    avance = None
    if lec.datos is not None:
        avance, probs = validar(plan, lec, nombre, _fecha(corte))
        ya = {p.mensaje.split(":", 1)[0] for p in problemas}
        problemas += [p for p in probs if p.mensaje.split(":", 1)[0] not in ya]
    res = Resultado([nombre], problemas)
    # importar's output is the file it writes: what it found wrong is diagnostics, on standard error
    if errores(problemas) or avance is None:
        sys.stderr.write(texto(res, _color(sys.stderr)))
        sys.stderr.write("pni: no se importó nada; corrija el formulario y vuelva a intentarlo\n")
        raise SystemExit(SALIDA_PROBLEMAS)
    ruta = destino(carpeta, avance)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    escribir_atomico(ruta, yaml_de(avance, archivo.name).encode("utf-8"), forzar)
    if problemas:
        sys.stderr.write(texto(res, _color(sys.stderr)))
    sys.stderr.write(f"Importado: {len(avance.reportes)} reporte(s) en {ruta.relative_to(carpeta.resolve())}\n")


@app.command(cls=_ComandoES)
def mostrar(
    id_: Annotated[str, typer.Argument(metavar="ID", help="Id de eje, intervención, actividad o indicador "
                                                           "(3, 3.2, 3.2.1, 3.2.1.a) o clave de institución.")],
    raiz: Raiz = None,
) -> None:
    """Muestra un elemento del plan con todos sus campos: texto literal de la fuente y lectura tipada.

    Ejemplo: pni mostrar 3.2.1
    """
    from .consulta import cargar_plan_o_fallar
    from .render.mostrar import mostrar as _mostrar

    plan = cargar_plan_o_fallar(_raiz(raiz))
    if not _mostrar(plan, id_.strip()):
        raise SystemExit(SALIDA_PROBLEMAS)


@app.command(cls=_ComandoES)
def esquema() -> None:
    """Imprime el esquema JSON de un archivo de avance (para editores y otras herramientas).

    Ejemplo: pni esquema > esquema-avance.json
    """
    from .esquema_json import esquema_avance

    sys.stdout.write(esquema_avance())


@app.command(cls=_ComandoES)
def completar(
    shell: Annotated[str | None, typer.Argument(metavar="[bash|zsh|fish|powershell]", show_default=False,
                                                help="Intérprete de órdenes (por omisión, el que se está usando).")]
    = None,
    instalar: Annotated[bool, typer.Option("--instalar", help="Instala el completado (bash: ~/.bashrc; zsh: "
                                                              "~/.zshrc; fish: ~/.config/fish) en vez de "
                                                              "imprimirlo.")] = False,
) -> None:
    """Completado de órdenes y opciones con la tecla Tab: imprime el guion para bash, zsh, fish o PowerShell, o lo
    instala con --instalar.

    Ejemplo: pni completar bash --instalar
    """
    from . import completado

    elegido = completado.elegir(shell)
    if not instalar:
        sys.stdout.write(completado.guion(elegido))
        return
    ruta = completado.instalar(elegido)
    sys.stderr.write(f"Completado de {elegido} instalado en {ruta}; funciona en las terminales que abra desde "
                     "ahora.\n")


@app.command(cls=_ComandoES)
def cambios(
    desde: Annotated[str, typer.Option("--desde", metavar="REF",
                                       help="Etiqueta, rama o commit de git desde el que se compara (p. ej. la "
                                            "etiqueta de la última reunión).")],
    hasta: Annotated[str | None, typer.Option("--hasta", metavar="REF",
                                              help="Hasta qué etiqueta, rama o commit (por omisión, la carpeta de "
                                                   "trabajo tal como está, con los cambios sin confirmar).")] = None,
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="tabla|md|json",
                                         help="tabla (terminal), md (Markdown para el acta) o json.")] = "tabla",
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Semáforo al día siguiente del plazo de entrega de ese "
                                                     "semestre.")] = None,
    detalle: Annotated[bool, typer.Option("--verbose", "-v", help="Muestra también cada valor de los informes "
                                                                  "nuevos.")] = False,
    raiz: Raiz = None,
) -> None:
    """Qué cambió en los avances desde una versión de git: informes nuevos, eliminados y corregidos, valores
    corregidos, indicadores que cambiaron de estado en el semáforo e instituciones que informaron. Los dos lados se
    evalúan con la misma fecha de corte, cada uno con su plan; nada del repositorio se modifica.

    Ejemplo: pni cambios --desde reunion-2026-01 --formato md > cambios.md
    """
    from .gitdatos import comparar_versiones
    from .render import cambios as vista

    if formato not in vista.FORMATOS:
        raise ErrorDeUso(f"--formato «{formato}» no existe; use tabla, md o json")
    if corte is not None and periodo is not None:
        raise ErrorDeUso("use --corte o --periodo, no los dos")
    comp = comparar_versiones(_raiz(raiz), desde, hasta, _fecha(corte) if periodo is None else None, periodo)
    if formato == "json":
        sys.stdout.write(vista.a_json(comp))
    elif formato == "md":
        sys.stdout.write(vista.markdown(comp, detalle=detalle))
    else:
        vista.mostrar(comp, detalle=detalle)


_USO_ES = [
    (re.compile(r"^No such option: (.*)$"), r"opción desconocida: \1"),
    (re.compile(r"^No such command '(.*?)'\.(?= |$)"), r"comando desconocido: «\1»."),
    (re.compile(r"^Missing argument '(.*)'\.$"), r"falta el argumento \1"),
    (re.compile(r"^Missing option '(.*)'\.$"), r"falta la opción \1"),
    (re.compile(r"^Option '(.*)' requires an argument\.$"), r"la opción \1 necesita un valor"),
    (re.compile(r"^Option '(.*)' does not take a value\.$"), r"la opción \1 no lleva valor"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$"), r"argumentos de más: \1"),
    (re.compile(r"^Invalid value for (.*?): (.*)$"), r"valor no válido para \1: \2"),
    (re.compile(r"Did you mean (.*)\?"), r"¿Quiso decir \1?"),
    (re.compile(r"\(Possible options: (.*)\)"), r"(opciones posibles: \1)"),
    (re.compile(r"Missing command\."), "falta el comando."),
]


def _uso_es(mensaje: str) -> str:
    for patron, reemplazo in _USO_ES:
        mensaje = patron.sub(reemplazo, mensaje)
    return mensaje


def _app_para(argumentos: list[str]) -> typer.Typer:
    """The app with only the command asked for (`pni estado …` → only estado), or the whole app.

    At each run Typer builds the parser of every registered command (about 2 ms each, a tenth of the start-up of
    `pni estado`); one command is all a run needs. Anything else (`pni`, `pni --help`, a misspelt command that
    deserves «¿quiso decir…?», shell completion) gets the whole app, so what the user sees never changes."""
    if not argumentos or "_PNI_COMPLETE" in os.environ:
        return app
    elegidos = [c for c in app.registered_commands
                if argumentos[0] == (c.name or getattr(c.callback, "__name__", None))]
    if len(elegidos) != 1:
        return app
    solo = copy.copy(app)
    solo.registered_commands = elegidos
    return solo


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script `pni`."""
    from typer import Abort, Exit

    try:  # Typer ≥ 0.29 bundles its own copy of click
        from typer._click.exceptions import ClickException, UsageError
    except ImportError:  # pragma: no cover - older Typer with the click package
        from click.exceptions import ClickException, UsageError  # type: ignore[no-redef,import-not-found]

    import contextlib
    import signal

    recibidas: list[int] = []
    terminado: list[bool] = []

    def _senal(numero: int, _marco: Any) -> None:
        # SIGTERM (kill, a CI runner stopping a job) and SIGHUP (the terminal closed) unwind like Ctrl-C, so
        # that every `finally` runs: an output being written is removed, never left half-written. Once the
        # command has returned there is nothing left to interrupt: the run ends as it was ending.
        recibidas.append(numero)
        if not terminado:
            raise KeyboardInterrupt

    anteriores: dict[int, Any] = {}
    for nombre in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, nombre):
            with contextlib.suppress(ValueError, OSError):  # not the main thread: leave the signals alone
                anteriores[getattr(signal, nombre)] = signal.signal(getattr(signal, nombre), _senal)
    try:
        try:
            try:
                resultado = _app_para(sys.argv[1:] if argv is None else argv)(args=argv, prog_name="pni",
                                                                                  standalone_mode=False)
            finally:
                terminado.append(True)
            # without standalone mode, Typer returns the code of an Exit instead of raising it, and turns Ctrl-C
            # (and SIGTERM, see _senal) into Exit(130): an interruption must not end with code 0 and no word
            if resultado == 130:
                raise KeyboardInterrupt
            if isinstance(resultado, int) and not isinstance(resultado, bool) and resultado:
                raise SystemExit(resultado)
        except UsageError as e:
            ctx = e.ctx
            uso = _traducir_ayuda(ctx.get_usage()) + "\n" if ctx is not None else ""
            ayuda = f"Pruebe «{ctx.command_path} --help» para ver la ayuda.\n" if ctx is not None else ""
            sys.stderr.write(f"{uso}{ayuda}pni: {_uso_es(e.format_message())}\n")
            raise SystemExit(SALIDA_USO) from None
        except ErrorDeUso as e:
            _salir(str(e), SALIDA_USO)
        except PlanInvalido as e:
            _salir(str(e), SALIDA_PROBLEMAS)
        except ErrorDeEscritura as e:
            _salir(str(e), SALIDA_ESCRITURA)
        except ClickException as e:
            _salir(_uso_es(e.format_message()), SALIDA_USO)
        except Exit as e:
            raise SystemExit(e.exit_code) from None
        except (Abort, KeyboardInterrupt):
            # 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP: 128 + the signal, as a shell reports it
            senal = recibidas[-1] if recibidas else signal.SIGINT
            sys.stderr.write(f"pni: interrumpido ({signal.Signals(senal).name})\n")
            if argv is not None:  # called from Python: let the caller see the SystemExit
                raise SystemExit(128 + senal) from None
            # The console script ends here and now: when the KeyboardInterrupt was raised inside some C calls
            # (seen during imports), CPython ends the process by SIGINT at exit, whatever code SystemExit gives.
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(128 + senal)
        except BrokenPipeError:
            # the reader went away (pni estado | head): nothing more to say
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            finally:
                raise SystemExit(SALIDA_OK) from None
        except SystemExit:
            raise
        except Exception as e:  # the last net: never show a traceback to a user
            if isinstance(e, OSError):
                _salir(f"no se pudo leer o escribir un archivo: {e.strerror or e} ({e.filename or ''})",
                       SALIDA_ESCRITURA)
            if os.environ.get("PNI_DEPURAR"):
                raise
            _salir(f"error interno inesperado ({type(e).__name__}: {e}). Es un fallo de pni, no de sus datos: "
                   "avise a quien mantiene la herramienta (ejecute con PNI_DEPURAR=1 para ver el detalle).",
                   SALIDA_PROBLEMAS)
        raise SystemExit(SALIDA_OK)
    finally:
        for numero, anterior in anteriores.items():
            signal.signal(numero, anterior)


if __name__ == "__main__":  # pragma: no cover
    main()
