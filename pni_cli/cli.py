"""The `pni` command line: each command parses its options and hands them to the module named after it
(pni_cli/estado.py, validar.py…), which returns the exit code; `main()` is the one place where an exception
becomes an exit code.

Exit codes: 0 all good · 1 problems in the data · 2 wrong usage · 3 an output could not be written.
Typer's bundled click writes its usage errors and help headings in English; `_ComandoES`/`_GrupoES` and
`main()` put them in Spanish.
"""

from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errores import ErrorDeEscritura, ErrorDeUso, PlanInvalido
from .typer_privado import convertir_sin_pydantic, errores_de_uso

SALIDA_OK, SALIDA_PROBLEMAS, SALIDA_USO, SALIDA_ESCRITURA = 0, 1, 2, 3

_AYUDA_ES = [
    (re.compile(r"^Usage: ", re.M), "Uso: "),
    (re.compile(r"^Options:$", re.M), "Opciones:"),
    (re.compile(r"^Arguments:$", re.M), "Argumentos:"),
    (re.compile(r"^Commands:$", re.M), "Comandos:"),
    (re.compile(r"\[OPTIONS\]"), "[OPCIONES]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMANDO [ARGUMENTOS]..."),
    (re.compile(r"Show this message and exit\."), "Muestra esta ayuda y termina."),
    (re.compile(r"\[default:(\s)"), r"[por omisión:\1"),
    (re.compile(r"\[required\]"), "[obligatorio]"),
]
# Typer's type labels after an argument's name (<path>, <str>, <list[Path]>)
_TIPOS_TYPER = re.compile(r" <(?:path|str|text|integer|list\[\w+\])>(?=\s|$)")
# the summary of each command in `pni --help`: one line at 80 columns, never cut
RESUMENES = {
    "validar": "Revisa el plan y los archivos de avance.",
    "estado": "El semáforo de cada eje, actividad e institución.",
    "reporte": "El informe para el Mecanismo, en Markdown, Excel o HTML.",
    "plantilla": "El formulario de avance de una institución.",
    "importar": "Guarda en avances/ un formulario Excel lleno.",
    "mostrar": "Un elemento del plan o una institución, con su historia.",
    "esquema": "El esquema JSON de un archivo de avance.",
    "completar": "Completado de órdenes y opciones con la tecla Tab.",
    "cambios": "Qué cambió en los avances desde una versión de git.",
}
BIENVENIDA = [
    ("pni estado", "el semáforo de cada eje, a la fecha de hoy"),
    ("pni estado --institucion MTPS", "lo que debe una institución y para cuándo"),
    ("pni estado --semaforo rojo", "solo los indicadores en rojo"),
    ("pni mostrar 1.4.2.a", "un indicador: su ficha y su historia"),
    ("pni validar", "revisa el plan y los archivos de avance"),
    ("pni reporte --periodo 2026-S1", "el informe para la reunión del Mecanismo"),
]


NO_SEPARAR = "\u00a0"  # a space the help's wrapping never breaks at


def _traducir_ayuda(texto: str) -> str:
    for patron, reemplazo in _AYUDA_ES:
        texto = patron.sub(reemplazo, texto)
    texto = _TIPOS_TYPER.sub(lambda m: " " * len(m.group(0)), texto)
    return re.sub(r" +$", "", texto, flags=re.M)


def _ancho_ayuda() -> int:
    """Help is laid out for the terminal, never wider than 80 columns (nor narrower than 30)."""
    from .terminal import ancho

    return max(min(ancho(), 80) - 1, 30)


def _pieza_de_uso(pieza: str) -> str:
    """A piece of the usage line as people write it: «ID», not Typer's «{ID}»; «[RUTA]...», never «[[RUTA]]»."""
    pieza = re.sub(r"^\{(.*)\}((?:\.\.\.)?)$", r"\1\2", pieza)
    return re.sub(r"^\[\[(.*)\]\]", r"[\1]", pieza)


# The mixin is typed against the command it is mixed into; at run time it stands before it in the MRO.
if TYPE_CHECKING:
    _Comando = TyperCommand
else:
    _Comando = object


class _EnCastellano(_Comando):
    """Help and usage in Spanish, laid out for the width of the terminal (each option's text is translated before
    it is wrapped, so a «[por omisión: …]» never spills past the line; the command summaries are whole), and
    options converted without pydantic, for a command or a group."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # the command's own and the --help option
        convertir_sin_pydantic(params)
        return params

    def get_help(self, ctx: Any) -> str:
        ctx.terminal_width = _ancho_ayuda()
        return _traducir_ayuda(super().get_help(ctx)).replace(NO_SEPARAR, " ")

    def get_usage(self, ctx: Any) -> str:
        ctx.terminal_width = _ancho_ayuda()
        return _traducir_ayuda(super().get_usage(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [_pieza_de_uso(p) for p in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        argumentos: list[tuple[str, str]] = []
        opciones: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            registro = param.get_help_record(ctx)
            if registro is None:
                continue
            nombre, ayuda = (_traducir_ayuda(_TIPOS_TYPER.sub("", x)) for x in registro)
            # «[por omisión: tabla]» is one piece: wrapped as a whole (no-break spaces, spaces again afterwards)
            ayuda = re.sub(r"\[por omisión: [^\]]*\]", lambda m: m.group(0).replace(" ", NO_SEPARAR), ayuda)
            (argumentos if param.param_type_name == "argument" else opciones).append((nombre, ayuda))
        if argumentos:
            with formatter.section("Argumentos"):
                formatter.write_dl(argumentos)
        if opciones:
            with formatter.section("Opciones"):
                formatter.write_dl(opciones)
        if hasattr(self, "format_commands"):
            self.format_commands(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return RESUMENES.get(getattr(self, "name", "") or "") or super().get_short_help_str(limit)



class _ComandoES(_EnCastellano, TyperCommand):
    pass


class _GrupoES(_EnCastellano, TyperGroup):
    def format_commands(self, ctx: Any, formatter: Any) -> None:
        filas = [(nombre, comando.get_short_help_str()) for nombre in self.list_commands(ctx)
                 if (comando := self.get_command(ctx, nombre)) is not None and not comando.hidden]
        if filas:
            with formatter.section("Comandos"):
                formatter.write_dl(filas)


app = typer.Typer(
    name="pni",
    cls=_GrupoES,
    help="Seguimiento del Plan Nacional de Implementación del PMM 2024-2028 (El Salvador).\n\n"
         "Ejemplo: pni estado",
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Typer's --install-completion prints English; `pni completar` does the same in Spanish (pni_cli/completar.py).
# When the shell asks for completions (_PNI_COMPLETE set), Typer's completion classes must be registered first.
if "_PNI_COMPLETE" in os.environ:
    from .completar import preparar as _preparar_completado

    _preparar_completado()

Raiz = Annotated[Path | None, typer.Option("--raiz", metavar="RUTA",
                                           help="Carpeta del espacio de trabajo (la que contiene plan/). "
                                                "Por omisión se busca desde la carpeta actual hacia arriba.")]
Corte = Annotated[str | None, typer.Option("--corte", metavar="FECHA",
                                           help="Fecha de corte AAAA-MM-DD (por omisión, hoy).")]


def _salir(mensaje: str, codigo: int) -> NoReturn:
    from .texto_seguro import una_linea

    sys.stderr.write(f"pni: {una_linea(mensaje)}\n")  # a path or a value in a message never starts a line of its own
    raise SystemExit(codigo)


def _fin(codigo: int) -> None:
    """A command's exit code: nothing for 0, the code otherwise."""
    if codigo:
        raise SystemExit(codigo)


def _version(valor: bool) -> None:
    if valor:
        sys.stdout.write(f"pni {__version__}\n")
        raise typer.Exit()


def bienvenida() -> str:
    """What `pni` alone says: what it is, the commands used every day, where the rest is (for the terminal's
    width: a narrow one gets each explanation under its command)."""
    import textwrap

    ancho = _ancho_ayuda()
    columna = max(len(orden) for orden, _ in BIENVENIDA) + 2
    partir = 2 + columna + max(len(para) for _, para in BIENVENIDA) > ancho

    def parrafo(texto: str, sangria: str = "") -> list[str]:
        return textwrap.wrap(texto, width=ancho, initial_indent=sangria, subsequent_indent=sangria,
                             break_long_words=False, break_on_hyphens=False)

    lineas = [*parrafo(f"pni {__version__} · seguimiento del PNI 2024-2028 (El Salvador)"), "",
              "Las órdenes de cada día:"]
    for orden, para in BIENVENIDA:
        lineas += [f"  {orden}", *parrafo(para, "      ")] if partir else [f"  {orden:<{columna}}{para}"]
    lineas += ["", *parrafo("Todas las órdenes: pni --help · La ayuda de una: pni estado --help")]
    return "\n".join(lineas) + "\n"


@app.callback(invoke_without_command=True)
def _principal(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Muestra la versión y termina.")] = False,
) -> None:
    """Seguimiento del Plan Nacional de Implementación del PMM 2024-2028 (El Salvador).

    Ejemplos: pni estado · pni validar · pni mostrar 3.2.1
    """
    if ctx.invoked_subcommand is None:
        sys.stdout.write(bienvenida())


@app.command(cls=_ComandoES)
def validar(
    rutas: Annotated[list[Path] | None, typer.Argument(metavar="RUTA", show_default=False,
                                                       help="Archivos o carpetas de avance a revisar (por omisión, "
                                                            "todo avances/). El plan se revisa siempre.")] = None,
    formato: Annotated[str | None, typer.Option("--formato", "-f", metavar="texto|json|github|sarif",
                                                help="Formato de salida. Por omisión «texto», o «github» cuando "
                                                     "GITHUB_ACTIONS=true.")] = None,
    estricto: Annotated[bool, typer.Option("--estricto", help="Los avisos también hacen fallar la revisión.")] = False,
    silencioso: Annotated[bool, typer.Option("--silencioso", "-q", help="Solo los errores, sin resumen: nada si "
                                                                        "todo está en orden (formatos texto y "
                                                                        "github).")] = False,
    detallado: Annotated[bool, typer.Option("--detallado", "-v", help="También cada archivo revisado con sus "
                                                                      "cuentas (formato texto).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", hidden=True)] = False,  # the English names, kept as aliases
    verbose: Annotated[bool, typer.Option("--verbose", hidden=True)] = False,
    corte: Corte = None,
    raiz: Raiz = None,
) -> None:
    """Revisa el plan y los archivos de avance; informa cada problema con archivo:línea:columna.

    Ejemplo: pni validar avances/2025-S1/MTPS.yaml
    """
    from . import validar as comando

    silencioso, detallado = silencioso or quiet, detallado or verbose
    if silencioso and detallado:
        raise ErrorDeUso("use --silencioso (-q) o --detallado (-v), no los dos")
    _fin(comando.ejecutar(rutas, formato, corte, raiz, estricto=estricto, silencioso=silencioso,
                          detallado=detallado))


@app.command(cls=_ComandoES)
def estado(
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Situación al día siguiente del plazo de entrega de ese "
                                                     "semestre, p. ej. 2026-S1.")] = None,
    eje: Annotated[str | None, typer.Option("--eje", metavar="N", help="Solo un eje (0 a 6).")] = None,
    institucion: Annotated[str | None, typer.Option("--institucion", metavar="CLAVE",
                                                    help="Lo que debe una institución y para cuándo, y sus "
                                                         "actividades con su propia cifra, p. ej. MTPS.")]
    = None,
    semaforo: Annotated[str | None, typer.Option("--semaforo", metavar="ESTADOS",
                                                 help="Solo los indicadores en esos estados, separados por comas, "
                                                      "p. ej. rojo,sin_reporte.")] = None,
    buscar: Annotated[str | None, typer.Option("--buscar", metavar="TEXTO",
                                               help="Solo las actividades e indicadores cuyo texto tiene esas "
                                                    "palabras (sin importar tildes ni mayúsculas).")] = None,
    detalle: Annotated[bool, typer.Option("--detalle", help="Cada actividad e indicador, una línea cada uno.")]
    = False,
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="tabla|json",
                                         help="tabla (terminal) o json (para scripts).")] = "tabla",
    objetivo: Annotated[str | None, typer.Option("--objetivo", metavar="N",
                                                 help="Un objetivo del Pacto Mundial (1 a 23): sus actividades y "
                                                      "el estado de sus indicadores.")] = None,
    por_objetivo: Annotated[bool, typer.Option("--por-objetivo", help="Los 23 objetivos del Pacto Mundial en una "
                                                                      "tabla.")] = False,
    raiz: Raiz = None,
) -> None:
    """Muestra dónde está cada eje, actividad e institución a la fecha de corte.

    \b
    Ejemplos: pni estado --periodo 2026-S1 --eje 3 --detalle
              pni estado --institucion MTPS
              pni estado --semaforo rojo,sin_reporte --buscar empleo
              pni estado --por-objetivo
    """
    from . import estado as comando

    _fin(comando.ejecutar(corte=corte, periodo=periodo, eje=eje, institucion=institucion, detalle=detalle,
                          formato=formato, raiz=raiz, semaforo=semaforo, buscar=buscar, objetivo=objetivo,
                          por_objetivo=por_objetivo))


@app.command(cls=_ComandoES)
def reporte(
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="md|xlsx|html",
                                         help="md (Markdown), xlsx (Excel) o html (un archivo para abrir en el "
                                              "navegador, imprimir o proyectar).")] = "md",
    salida: Annotated[Path | None, typer.Option("--salida", "-o", metavar="RUTA",
                                                help="Archivo de salida (con --instituciones, la carpeta). Sin "
                                                     "--salida, el Markdown va a la salida estándar; el Excel y el "
                                                     "HTML necesitan --salida.")] = None,
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Situación al día siguiente del plazo de entrega de ese "
                                                     "semestre.")]
    = None,
    eje: Annotated[str | None, typer.Option("--eje", metavar="N", help="Solo un eje (0 a 6).")] = None,
    institucion: Annotated[str | None, typer.Option("--institucion", metavar="CLAVE",
                                                    help="El informe de una institución: lo que debe, sus cifras "
                                                         "y sus actividades.")] = None,
    instituciones: Annotated[bool, typer.Option("--instituciones",
                                                help="Un informe por institución que deba o haya reportado algo, "
                                                     "en la carpeta --salida.")] = False,
    forzar: Annotated[bool, typer.Option("--forzar", help="Sobrescribe el archivo de salida si existe.")] = False,
    por_objetivo: Annotated[bool, typer.Option("--por-objetivo", help="El documento por objetivo del Pacto Mundial, "
                                                                      "para sus exámenes (md, xlsx o html): "
                                                                      "actividades, cifras con sus desgloses y lo "
                                                                      "informado por las instituciones.")] = False,
    raiz: Raiz = None,
) -> None:
    """Genera el informe de avance para el Mecanismo, en Markdown, Excel o HTML; o el de cada institución; con
    --por-objetivo, el documento por objetivo del Pacto Mundial.

    \b
    Ejemplos: pni reporte --formato html --salida informe-2026-S1.html \\
                --periodo 2026-S1
              pni reporte --por-objetivo --periodo 2026-S1 > pmm.md
    """
    from . import reporte as comando

    _fin(comando.ejecutar(formato=formato, salida=salida, corte=corte, periodo=periodo, eje=eje, forzar=forzar,
                          raiz=raiz, institucion=institucion, instituciones=instituciones,
                          por_objetivo=por_objetivo))


@app.command(cls=_ComandoES)
def plantilla(
    periodo: Annotated[str, typer.Option("--periodo", metavar="AAAA-SN", help="Semestre, p. ej. 2026-S1.")],
    institucion: Annotated[str | None, typer.Option("--institucion", metavar="CLAVE", help="Clave de la institución, "
                                                                                          "p. ej. MTPS.")] = None,
    todas: Annotated[bool, typer.Option("--todas", help="Un formulario por cada institución que debe informar en el "
                                                        "semestre, en la carpeta --salida.")] = False,
    formato: Annotated[str, typer.Option("--formato", "-f", metavar="yaml|xlsx", help="yaml o xlsx.")] = "yaml",
    salida: Annotated[Path | None, typer.Option("--salida", "-o", metavar="RUTA",
                                                help="Archivo de salida (con --todas, la carpeta). Sin --salida, el "
                                                     "YAML va a la salida estándar; el Excel necesita --salida.")
                      ] = None,
    forzar: Annotated[bool, typer.Option("--forzar", help="Sobrescribe el archivo de salida si existe.")] = False,
    raiz: Raiz = None,
) -> None:
    """Genera el formulario de avance de una institución para un semestre, con exactamente los indicadores que
    debe reportar; con --todas, el de cada institución que debe informar.

    \b
    Ejemplos: pni plantilla --institucion MTPS --periodo 2026-S1 \\
                --formato xlsx --salida MTPS-2026-S1.xlsx
              pni plantilla --todas --periodo 2026-S1 --formato xlsx \\
                --salida formularios-2026-S1
    """
    from . import plantilla as comando

    _fin(comando.ejecutar(institucion=institucion, periodo=periodo, todas=todas, formato=formato, salida=salida,
                          forzar=forzar, raiz=raiz))


@app.command(cls=_ComandoES)
def importar(
    archivos: Annotated[list[Path], typer.Argument(metavar="ARCHIVO.xlsx|CARPETA",
                                                   help="Formularios de avance llenos (generados con pni plantilla), "
                                                        "o carpetas con formularios.")],
    forzar: Annotated[bool, typer.Option("--forzar", help="Reemplaza el archivo de avance si ya existe.")] = False,
    simular: Annotated[bool, typer.Option("--simular", "--dry-run", help="Muestra lo que se escribiría, sin escribir "
                                                                         "nada, con el código de salida que daría "
                                                                         "la importación.")] = False,
    corte: Corte = None,
    raiz: Raiz = None,
) -> None:
    """Lee formularios Excel llenos y guarda cada uno en avances/<periodo>/<institución>.yaml, después de
    validarlo. Un formulario con errores no escribe nada, y no impide importar los demás.

    Ejemplos: pni importar MTPS-2026-S1.xlsx · pni importar recibidos/ --simular
    """
    from . import importar as comando

    _fin(comando.ejecutar(archivos=archivos, forzar=forzar, simular=simular, corte=corte, raiz=raiz))


@app.command(cls=_ComandoES)
def mostrar(
    id_: Annotated[str, typer.Argument(metavar="ID", help="Id de eje, intervención, actividad o indicador "
                                                           "(3, 3.2, 3.2.1, 3.2.1.a) o clave de institución.")],
    corte: Corte = None,
    periodo: Annotated[str | None, typer.Option("--periodo", metavar="AAAA-SN",
                                                help="Situación al día siguiente del plazo de entrega de ese "
                                                     "semestre, p. ej. 2026-S1.")] = None,
    raiz: Raiz = None,
) -> None:
    """Muestra un elemento del plan con todos sus campos (el texto literal de la fuente y su lectura) y dónde está
    a la fecha de corte: de un indicador, su ficha técnica y sus valores semestre a semestre; de una actividad o
    una institución, el estado de cada indicador en cada semestre.

    \b
    Ejemplos: pni mostrar 3.2.1.a
              pni mostrar 3.2.1
              pni mostrar MTPS --periodo 2026-S1
    """
    from . import mostrar as comando

    _fin(comando.ejecutar(id_=id_, raiz=raiz, corte=corte, periodo=periodo))


@app.command(cls=_ComandoES)
def esquema() -> None:
    """Imprime el esquema JSON de un archivo de avance (para editores y otras herramientas).

    Ejemplo: pni esquema > esquema-avance.json
    """
    from . import esquema as comando

    _fin(comando.ejecutar())


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
    from . import completar as comando

    _fin(comando.ejecutar(shell=shell, instalar_guion=instalar))


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
    detalle: Annotated[bool, typer.Option("--detallado", "-v", help="Muestra también cada valor de los informes "
                                                                    "nuevos.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", hidden=True)] = False,  # the English name, an alias
    raiz: Raiz = None,
) -> None:
    """Qué cambió en los avances desde una versión de git: informes nuevos, eliminados y corregidos, valores
    corregidos, indicadores que cambiaron de estado en el semáforo e instituciones que informaron. Los dos lados se
    evalúan con la misma fecha de corte, cada uno con su plan; nada del repositorio se modifica.

    Ejemplo: pni cambios --desde reunion-2026-01 --formato md > cambios.md
    """
    from . import cambios as comando

    _fin(comando.ejecutar(desde=desde, hasta=hasta, formato=formato, corte=corte, periodo=periodo,
                          detalle=detalle or verbose, raiz=raiz))


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


def _mensaje_de_uso(e: Exception) -> str:
    formatear = getattr(e, "format_message", None)
    return str(formatear() if callable(formatear) else e)


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
    """Entry point of the console script `pni`: the command runs with its standard streams guarded
    (pni_cli/terminal.py: any encoding, nothing dangerous ever written)."""
    from .terminal import flujos_protegidos

    with flujos_protegidos():
        _main(argv)


def _main(argv: list[str] | None) -> None:
    from typer import Abort, Exit

    UsageError, ClickException = errores_de_uso()

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
            sys.stdout.flush()  # a full disk behind `pni … > archivo` is a failure to write, not a success
        except UsageError as e:
            ctx = getattr(e, "ctx", None)
            uso = _traducir_ayuda(ctx.get_usage()) + "\n" if ctx is not None else ""
            ayuda = f"Pruebe «{ctx.command_path} --help» para ver la ayuda.\n" if ctx is not None else ""
            sys.stderr.write(f"{uso}{ayuda}pni: {_uso_es(_mensaje_de_uso(e))}\n")
            raise SystemExit(SALIDA_USO) from None
        except ErrorDeUso as e:
            _salir(str(e), SALIDA_USO)
        except PlanInvalido as e:
            _salir(str(e), SALIDA_PROBLEMAS)
        except ErrorDeEscritura as e:
            _salir(str(e), SALIDA_ESCRITURA)
        except ClickException as e:
            _salir(_uso_es(_mensaje_de_uso(e)), SALIDA_USO)
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
                from .errores import motivo_del_sistema

                donde = f" ({e.filename})" if e.filename else ""
                _salir(f"no se pudo leer o escribir un archivo{donde}: {motivo_del_sistema(e)}", SALIDA_ESCRITURA)
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
