"""Small in-memory inputs for the unit tests of pni_cli/checks: a tiny plan of one eje, two institutions and three
activities, and progress files, all written here as YAML texts and loaded as pni loads its files (the YAML loader,
the file contract, `a_dominio`), so that every problem has the real line and column of its text.

The tiny plan (vigencia 2024-2026, semesters 2024-S2 to 2026-S2; every activity contributes to objective 1,
the only one of its objetivos-pmm.yaml; principios-pmm.yaml, with P1 and P9, on request):

- 1.1.1 (MTPS, 2024-2026): 1.1.1.a conteo (flujo) of personas, 1.1.1.b porcentaje, 1.1.1.c hito;
- 1.1.2 (DGME, 2025 only): 1.1.2.a meta por definir (defined in 1.1.1);
- 1.2.1 (MTPS and DGME, 2024-2026): 1.2.1.a promedio.

MTPS has the source variant MPTS as an alias.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pni_cli import modelos
from pni_cli.avance import ArchivoAvance
from pni_cli.checks import Contexto
from pni_cli.lectura.cargar_yaml import cargar_texto
from pni_cli.lectura.documento import Documento
from pni_cli.lectura.traduccion_pydantic import a_modelo
from pni_cli.plan import Plan
from pni_cli.problemas import Problema

GENERAL = """\
nombre: Plan de prueba
sigla: PP
pais: El Salvador
vigencia:
  desde: 2024
  hasta: 2026
primer_periodo: "2024-S2"
ultimo_periodo: "2026-S2"
semaforo:
  verde: 90
  amarillo: 70
  revisar_meta: 130
plazo_dias: 30
fuente:
  archivo: docs/fuente/prueba.txt
  titulo: Plan de prueba
"""

INSTITUCIONES = """\
instituciones:
  - clave: MTPS
    siglas: MTPS
    nombre: Ministerio de Trabajo y Previsión Social
    alias: [MPTS]
    miembro_mecanismo: true
    tipo: gobierno
  - clave: DGME
    siglas: DGME
    nombre: Dirección General de Migración y Extranjería
    miembro_mecanismo: true
    tipo: gobierno
"""

EJE = """\
id: "1"
nombre: Eje de prueba
titulo_fuente: "EJE TEMÁTICO 1: PRUEBA"
descripcion: Un eje para las pruebas.
resumen_fuente:
  texto: dos intervenciones y tres actividades
  intervenciones: 2
  actividades: 3
intervenciones:
  - id: "1.1"
    texto: Primera intervención
    actividades:
      - id: "1.1.1"
        texto: Primera actividad
        resultados_esperados: Resultados de la primera
        responsables:
          texto: MTPS
          instituciones: [MTPS]
        periodo:
          texto: 2024-2026
          desde: 2024
          hasta: 2026
        objetivos_pmm:
          - objetivo: 1
            origen: mecanismo
        indicadores:
          - id: "1.1.1.a"
            texto: Número de personas atendidas
            meta:
              texto: 100 personas por año.
              tipo: conteo
              acumulacion: flujo
              valor: 100
              unidad: personas
              frecuencia: anual
          - id: "1.1.1.b"
            texto: Porcentaje de casos resueltos
            meta:
              texto: El 50 % de los casos.
              tipo: porcentaje
              valor: 50
              frecuencia: anual
          - id: "1.1.1.c"
            texto: Plan aprobado
            meta:
              texto: Un plan.
              tipo: hito
              entregable: plan
      - id: "1.1.2"
        texto: Segunda actividad
        resultados_esperados: Resultados de la segunda
        responsables:
          texto: DGME
          instituciones: [DGME]
        periodo:
          texto: "2025"
          desde: 2025
          hasta: 2025
        objetivos_pmm:
          - objetivo: 1
            origen: mecanismo
        indicadores:
          - id: "1.1.2.a"
            texto: Meta que define la primera actividad
            meta:
              texto: Meta a elaborar en actividad 1.1.1.
              tipo: por_definir
              definida_en: "1.1.1"
  - id: "1.2"
    texto: Segunda intervención
    actividades:
      - id: "1.2.1"
        texto: Tercera actividad
        resultados_esperados: Resultados de la tercera
        responsables:
          texto: MTPS y DGME
          instituciones: [MTPS, DGME]
        periodo:
          texto: 2024-2026
          desde: 2024
          hasta: 2026
        objetivos_pmm:
          - objetivo: 1
            origen: mecanismo
        indicadores:
          - id: "1.2.1.a"
            texto: Promedio de días de atención
            meta:
              texto: 5 días en promedio.
              tipo: promedio
              valor: 5
              unidad: días
              frecuencia: semestral
"""

ARCHIVO_EJE = "eje-1-prueba.yaml"

OBJETIVOS = """\
objetivos:
  - id: 1
    etiqueta: Objetivo 1
    texto: Recopilar datos exactos.
"""

PRINCIPIOS = """\
principios:
  - id: P1
    nombre: Centrarse en las personas
    texto: Promover el bienestar de los migrantes.
  - id: P9
    nombre: Enfoque pangubernamental
    texto: Todos los niveles de gobierno.
"""


def cargar(texto: str, archivo: str) -> Documento:
    """A YAML text loaded as pni loads a file named `archivo`; the text must be valid YAML."""
    doc = cargar_texto(texto, archivo)
    assert doc.problemas == [], doc.problemas
    return doc


def modelo(doc: Documento, clase: type[modelos.Base]) -> Any:
    """The document validated against the file contract; it must pass."""
    valido, problemas = a_modelo(doc, clase)
    assert valido is not None and problemas == [], problemas
    return valido


def plan_de(*, general: str = GENERAL, instituciones: str = INSTITUCIONES, ejes: dict[str, str] | None = None,
            objetivos: str | None = OBJETIVOS, principios: str | None = None, con_documentos: bool = True) -> Plan:
    """The tiny plan, or a variant of its texts. `ejes` maps file names under plan/ to texts; `principios` (say
    PRINCIPIOS) adds plan/principios-pmm.yaml. Without documents, it is a plan as the cache gives it (problems at
    line 0)."""
    ejes = {ARCHIVO_EJE: EJE} if ejes is None else ejes
    documentos = {"plan.yaml": cargar(general, "plan/plan.yaml"),
                  "instituciones.yaml": cargar(instituciones, "plan/instituciones.yaml")}
    registros_ejes, archivos_eje = [], {}
    for nombre, texto in ejes.items():
        documentos[nombre] = cargar(texto, f"plan/{nombre}")
        eje = modelo(documentos[nombre], modelos.Eje)
        registros_ejes.append(modelos.a_dominio(eje))
        archivos_eje[eje.id] = f"plan/{nombre}"
    objetivos_pmm = None
    if objetivos is not None:
        documentos["objetivos-pmm.yaml"] = cargar(objetivos, "plan/objetivos-pmm.yaml")
        objetivos_pmm = modelos.a_dominio(modelo(documentos["objetivos-pmm.yaml"], modelos.ObjetivosPMM))
    principios_pmm = None
    if principios is not None:
        documentos["principios-pmm.yaml"] = cargar(principios, "plan/principios-pmm.yaml")
        principios_pmm = modelos.a_dominio(modelo(documentos["principios-pmm.yaml"], modelos.PrincipiosPMM))
    catalogo = modelo(documentos["instituciones.yaml"], modelos.Catalogo)
    return Plan(modelos.a_dominio(modelo(documentos["plan.yaml"], modelos.PlanGeneral)),
                {i.clave: modelos.a_dominio(i) for i in catalogo.instituciones}, objetivos_pmm,
                sorted(registros_ejes, key=lambda e: e.id), archivos_eje, documentos if con_documentos else {},
                principios=principios_pmm)


def rep(indicador: str, valor: object, **campos: object) -> str:
    """One report of a progress file, as YAML lines (`campos` written as they are: `estado="en_curso"`)."""
    lineas = [f'  - indicador: "{indicador}"', f"    valor: {valor}", *(f"    {k}: {v}" for k, v in campos.items())]
    return "\n".join(lineas) + "\n"


def avance(*reportes: str, periodo: str = "2025-S1", institucion: str = "MTPS", fecha: str = "2025-07-10") -> str:
    """The text of a progress file with these reports (`rep`)."""
    cuerpo = "reportes:\n" + "".join(reportes) if reportes else "reportes: []\n"
    return f"periodo: {periodo}\ninstitucion: {institucion}\nfecha_reporte: {fecha}\n{cuerpo}"


def archivo_de(texto: str, ruta: str = "avances/2025-S1/MTPS.yaml", con_documento: bool = True) -> ArchivoAvance:
    """A progress file loaded from its text, as `pni validar` loads it (it must pass the schema). Without its
    document, it is a file as the cache gives it."""
    doc = cargar(texto, ruta)
    return ArchivoAvance(ruta, doc if con_documento else None, modelos.a_dominio(modelo(doc, modelos.Avance)))


CORTE = dt.date(2026, 12, 31)


def contexto(plan: Plan | None = None, corte: dt.date = CORTE, *, sin_plan: bool = False) -> Contexto:
    return Contexto(None if sin_plan else (plan or plan_de()), corte)


def lugar(texto: str, fragmento: str, vez: int = 1) -> tuple[int, int]:
    """Line and column (1-based) where the `vez`-th occurrence of `fragmento` starts in `texto`."""
    pos = -1
    for _ in range(vez):
        pos = texto.index(fragmento, pos + 1)
    return texto.count("\n", 0, pos) + 1, pos - (texto.rfind("\n", 0, pos) + 1) + 1


def valor(texto: str, clave_y_valor: str, vez: int = 1) -> tuple[int, int]:
    """Where the value of the `vez`-th «clave: valor» written so in `texto` starts (where YAML places it)."""
    linea, columna = lugar(texto, clave_y_valor, vez)
    return linea, columna + clave_y_valor.index(": ") + 2


def de_codigo(problemas: list[Problema], codigo: str) -> list[Problema]:
    return [p for p in problemas if p.codigo == codigo]


def uno(problemas: list[Problema], codigo: str) -> Problema:
    """The one problem of `codigo` among `problemas`."""
    hallados = de_codigo(problemas, codigo)
    assert len(hallados) == 1, problemas
    return hallados[0]


def en(p: Problema, archivo: str, linea_columna: tuple[int, int]) -> bool:
    return (p.archivo, p.linea, p.columna) == (archivo, *linea_columna)
