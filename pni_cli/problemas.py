"""Problems found in the data: a small record, and the catalogue of stable codes.

A problem is data, never an exception: every loader and check returns a list of them, and the CLI, the JSON
output and the tests all read the same records (the shape follows frictionless' error catalogue and yamllint's
problem records). Each code is owned by one module, which declares it in its `CODIGOS` (the file reader, the YAML
loader, the schema, the workspace, each check) and names it; the others use that name (the Excel form reader owns
none: its problems are the file reader's and the schema's). tests/unit/test_problemas.py holds it so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from . import texto_seguro


class Severidad(StrEnum):
    ERROR = "error"
    AVISO = "aviso"


@dataclass(frozen=True)
class Tipo:
    """One kind of problem: its stable code, short name, severity and what it means (for the README table)."""

    codigo: str
    nombre: str
    severidad: Severidad
    descripcion: str


_TIPOS = [
    # Lectura del archivo (YAML)
    Tipo("PNI001", "yaml-sintaxis", Severidad.ERROR, "El archivo no es YAML válido (comillas o corchetes sin cerrar, sangría incorrecta…)."),
    Tipo("PNI002", "clave-duplicada", Severidad.ERROR, "La misma clave aparece dos veces en un mapeo; solo se conservaría una."),
    Tipo("PNI003", "tabulador", Severidad.ERROR, "Se usó un tabulador para sangrar; YAML solo admite espacios."),
    Tipo("PNI004", "etiqueta-no-permitida", Severidad.ERROR, "Etiqueta YAML desconocida o peligrosa (`!!python/…`, `!algo`); nunca se ejecuta."),
    Tipo("PNI005", "ancla-o-alias", Severidad.ERROR, "Anclas (`&`), alias (`*`) y claves de fusión (`<<`) no se admiten en los archivos."),
    Tipo("PNI006", "archivo-vacio", Severidad.ERROR, "El archivo está vacío o solo tiene comentarios."),
    Tipo("PNI007", "codificacion", Severidad.ERROR, "El archivo no está en UTF-8 (UTF-16, Latin-1) o contiene bytes nulos."),
    Tipo("PNI008", "varios-documentos", Severidad.ERROR, "El archivo contiene más de un documento YAML (`---`)."),
    Tipo("PNI009", "clave-no-texto", Severidad.ERROR, "Una clave de mapeo no es texto (número, lista, nulo…)."),
    Tipo("PNI010", "limite-excedido", Severidad.ERROR, "El archivo supera el tamaño o la profundidad de anidamiento permitidos."),
    Tipo("PNI011", "valor-no-admitido", Severidad.ERROR, "Valor que YAML lee de forma engañosa: fecha imposible, número infinito o NaN."),
    Tipo("PNI012", "archivo-ilegible", Severidad.ERROR, "El archivo no existe o no se puede leer."),
    # Esquema (campos y tipos)
    Tipo("PNI101", "campo-desconocido", Severidad.ERROR, "Campo que el formato no define (a menudo, un error de escritura)."),
    Tipo("PNI102", "campo-faltante", Severidad.ERROR, "Falta un campo obligatorio."),
    Tipo("PNI103", "tipo-incorrecto", Severidad.ERROR, "El valor no tiene el tipo esperado (texto, número, lista, fecha…)."),
    Tipo("PNI104", "valor-invalido", Severidad.ERROR, "El valor no es uno de los admitidos o no tiene el formato esperado."),
    Tipo("PNI105", "id-no-texto", Severidad.ERROR, "Un id se escribió sin comillas y YAML lo leyó como número (`3.10` → 3.1)."),
    # Plan
    Tipo("PNI201", "plan-archivo-faltante", Severidad.ERROR, "Falta un archivo obligatorio del plan (plan.yaml, instituciones.yaml, ejes)."),
    Tipo("PNI202", "id-duplicado", Severidad.ERROR, "Dos elementos del plan tienen el mismo id."),
    Tipo("PNI203", "id-prefijo", Severidad.ERROR, "El id no empieza por el id de su elemento padre (p. ej. 3.2.1 fuera de 3.2)."),
    Tipo("PNI204", "responsable-desconocido", Severidad.ERROR, "Un responsable no está en plan/instituciones.yaml."),
    Tipo("PNI205", "periodo-fuera-vigencia", Severidad.ERROR, "El periodo de la actividad sale de la vigencia del plan o está invertido."),
    Tipo("PNI206", "meta-referida-inexistente", Severidad.ERROR, "Una meta por definir remite a una actividad que no existe."),
    Tipo("PNI207", "institucion-duplicada", Severidad.ERROR, "Dos instituciones comparten clave, siglas o alias."),
    Tipo("PNI208", "eje-archivo", Severidad.ERROR, "El nombre del archivo del eje no coincide con su id."),
    Tipo("PNI209", "semaforo-umbrales", Severidad.ERROR, "Los umbrales del semáforo no son coherentes (verde > amarillo, revisar_meta > 100)."),
    Tipo("PNI210", "meta-fuera-de-periodo", Severidad.ERROR, "El `vence` o un periodo de la `programacion` de una meta sale del periodo de su actividad."),
    Tipo("PNI211", "responsable-principal", Severidad.ERROR, "El `responsable_principal` de una meta no es responsable de su actividad."),
    # Avances
    Tipo("PNI301", "indicador-desconocido", Severidad.ERROR, "El indicador no existe en el plan."),
    Tipo("PNI302", "institucion-desconocida", Severidad.ERROR, "La institución no está en plan/instituciones.yaml."),
    Tipo("PNI303", "archivo-ubicacion", Severidad.ERROR, "La carpeta o el nombre del archivo no coinciden con su `periodo` o `institucion`."),
    Tipo("PNI304", "no-responsable", Severidad.AVISO, "La institución reporta un indicador de una actividad de la que no es responsable."),
    Tipo("PNI305", "periodo-fuera-ventana", Severidad.ERROR, "El periodo está fuera del periodo de la actividad o de la vigencia del plan."),
    Tipo("PNI306", "periodo-futuro", Severidad.ERROR, "El periodo reportado aún no ha terminado en la fecha de corte."),
    Tipo("PNI307", "valor-no-cuadra", Severidad.ERROR, "El valor no corresponde al tipo de meta (conteo negativo, porcentaje > 100…)."),
    Tipo("PNI308", "fraccion-como-porcentaje", Severidad.AVISO, "Un porcentaje escrito como fracción (0.75 en lugar de 75)."),
    Tipo("PNI309", "desglose-no-suma", Severidad.ERROR, "Un desglose no suma el valor reportado."),
    Tipo("PNI310", "hito-sin-evidencia", Severidad.ERROR, "Un hito marcado como completado (100 %) no tiene evidencia."),
    Tipo("PNI311", "indicador-repetido", Severidad.ERROR, "El mismo indicador aparece dos veces en un archivo."),
    Tipo("PNI312", "fecha-antes-cierre", Severidad.ERROR, "La fecha del reporte es anterior al cierre del semestre."),
    Tipo("PNI313", "conteo-no-entero", Severidad.AVISO, "Un conteo con decimales (p. ej. 5.5 personas)."),
    Tipo("PNI314", "fecha-futura", Severidad.AVISO, "La fecha del reporte es posterior a la fecha de corte."),
    Tipo("PNI315", "archivo-duplicado", Severidad.ERROR, "Dos archivos de avance para la misma institución y periodo."),
    Tipo("PNI316", "meta-por-definir", Severidad.AVISO, "Se reporta un indicador cuya meta aún está por definir: se guarda, pero no se evalúa."),
    # Formulario Excel (pni importar)
    Tipo("PNI401", "formulario-alterado", Severidad.ERROR, "Una celda protegida del formulario (id, texto, meta, encabezado de columna) no dice lo que escribió `pni plantilla`: filas intercambiadas, un texto editado, una columna movida o un dato fuera de las celdas para llenar."),
    Tipo("PNI402", "formulario-encabezado", Severidad.ERROR, "La institución o el periodo del encabezado visible (C2, C3) no coinciden con la hoja oculta `_pni`, no son del plan, o el formulario es de otra versión: no se importa."),
    Tipo("PNI403", "celdas-combinadas", Severidad.ERROR, "Celdas combinadas sobre celdas para llenar: Excel muestra solo la primera y esconde el resto."),
    Tipo("PNI404", "libro-inconsistente", Severidad.ERROR, "Las partes del libro se contradicen (índice de texto compartido o de estilo fuera de su tabla, celda fuera de las dimensiones o repetida, número que no es un número): no se adivina."),
    Tipo("PNI405", "conteo-con-decimales", Severidad.ERROR, "Un conteo del formulario con decimales; el mensaje propone la lectura probable («1.250» → ¿1250?)."),
    Tipo("PNI406", "porcentaje-fuera-de-lugar", Severidad.ERROR, "Un signo o un formato de porcentaje en un valor que no es un porcentaje ni un hito (un conteo, un promedio)."),
    # Alineación con el Pacto Mundial (plan) y narrativa por actividad (avances)
    Tipo("PNI220", "alineacion-desconocida", Severidad.ERROR, "Un vínculo nombra un objetivo o un principio del PMM que no está en plan/objetivos-pmm.yaml o plan/principios-pmm.yaml."),
    Tipo("PNI221", "actividad-sin-alineacion", Severidad.AVISO, "Una actividad no tiene ningún objetivo ni principio del PMM (`objetivos_pmm`, `principios_pmm`)."),
    Tipo("PNI222", "alineacion-sin-razon", Severidad.AVISO, "Un vínculo propuesto (`origen: propuesta`) no dice en `razon` qué palabras de la actividad lo sostienen."),
    Tipo("PNI223", "alineacion-repetida", Severidad.AVISO, "La misma actividad o indicador nombra dos veces el mismo objetivo o principio."),
    Tipo("PNI330", "actividad-desconocida", Severidad.ERROR, "Los logros, dificultades o próximos pasos (`actividades`) nombran una actividad que no existe en el plan."),
    Tipo("PNI331", "narrativa-no-responsable", Severidad.AVISO, "La institución informa logros, dificultades o próximos pasos de una actividad de la que no es responsable."),
    Tipo("PNI332", "narrativa-fuera-de-periodo", Severidad.AVISO, "La institución informa logros, dificultades o próximos pasos de una actividad que no está en curso en ese semestre."),
    Tipo("PNI333", "narrativa-repetida", Severidad.AVISO, "La misma actividad aparece dos veces en `actividades` de un archivo."),
]

TIPOS: dict[str, Tipo] = {t.codigo: t for t in _TIPOS}


@dataclass(frozen=True)
class Problema:
    """One problem at one place. `linea` and `columna` are 1-based; 0 means the whole file."""

    codigo: str
    archivo: str
    linea: int
    columna: int
    mensaje: str
    severidad: Severidad

    @property
    def nombre(self) -> str:
        return TIPOS[self.codigo].nombre

    def orden(self) -> tuple[str, int, int, str]:
        return (self.archivo, self.linea, self.columna, self.codigo)


def problema(codigo: str, archivo: str, linea: int, columna: int, mensaje: str) -> Problema:
    """Build a problem with the severity of its code."""
    return Problema(codigo, archivo, linea, columna, mensaje, TIPOS[codigo].severidad)


def ordenar(problemas: list[Problema]) -> list[Problema]:
    return sorted(set(problemas), key=Problema.orden)


def en_una_linea(p: Problema) -> Problema:
    """The messages quote what the file says (keys, values): a line break in it would print as a line of its
    own, which could even pass for another problem, and a value of megabytes would be a message of megabytes.
    Dangerous characters are shown escaped («a\\nb»), and each quoted text cut after 80 characters."""
    mensaje = texto_seguro.citas_cortas(p.mensaje)
    return p if mensaje == p.mensaje else replace(p, mensaje=mensaje)


@dataclass
class Resultado:
    """What `pni validar` found: the files checked and every problem, in order. The text, JSON, GitHub and SARIF
    outputs (pni_cli/render/validacion.py) and the tests all read this one record."""

    archivos: list[str] = field(default_factory=list)
    problemas: list[Problema] = field(default_factory=list)

    @property
    def errores(self) -> int:
        return sum(p.severidad is Severidad.ERROR for p in self.problemas)

    @property
    def avisos(self) -> int:
        return sum(p.severidad is Severidad.AVISO for p in self.problemas)

    def falla(self, estricto: bool) -> bool:
        return self.errores > 0 or (estricto and self.avisos > 0)
