"""The narrative of the progress files (`actividades`: logros, dificultades and próximos pasos per activity) as the
views show it: what each institution told of an activity in one semester, in its own words. Only the files that
count at the cut-off date are read (valid and delivered by then: `Evaluacion.avances_contados`), so that a file
with errors, or delivered after that date, tells nothing, as it adds nothing to the semáforo. Pure: the texts are
kept as written; each renderer neutralises them for its destination (pni_cli/texto_seguro.py)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .avance import Avance
from .periodos import Semestre
from .plan import Plan

# The fields of an entry, in the form's order, with the words every view uses for them.
CAMPOS = (("logros", "Logros"), ("dificultades", "Dificultades"), ("proximos_pasos", "Próximos pasos"))


@dataclass(frozen=True)
class Relato:
    """What an institution told of an activity in one semester (one entry of its progress file's `actividades`)."""

    actividad: str
    periodo: str
    institucion: str
    logros: str | None
    dificultades: str | None
    proximos_pasos: str | None
    responsable: bool = True  # the institution is one of the activity's responsables (PNI331 warns otherwise)

    @property
    def partes(self) -> list[tuple[str, str]]:
        """(«Logros», text) for each field the institution wrote, in the form's order."""
        return [(nombre, texto) for campo, nombre in CAMPOS if (texto := getattr(self, campo))]


def relatos(plan: Plan, avances: Collection[Avance], *, actividades: Collection[str] | None = None,
            institucion: str | None = None, semestres: Collection[Semestre] | None = None) -> list[Relato]:
    """The narrative of `avances` (the files that count at the cut-off date), the latest semester first, then by
    institution, each file's entries in its order (an activity written twice in one file, PNI333, shows both);
    only of `actividades`, of `institucion` (a clave) and of `semestres` when given. An entry with no text tells
    nothing and is left out; the institution is named by its clave."""
    out: list[tuple[Semestre, Relato]] = []
    for av in avances:
        sem = Semestre.leer(av.periodo)
        if semestres is not None and sem not in semestres:
            continue
        clave = plan.resolver_institucion(av.institucion) or av.institucion
        if institucion is not None and clave != institucion:
            continue
        for n in av.actividades:
            act = plan.actividades.get(n.actividad)
            if act is None or (actividades is not None and n.actividad not in actividades):
                continue
            if n.logros or n.dificultades or n.proximos_pasos:
                out.append((sem, Relato(n.actividad, str(sem), clave, n.logros, n.dificultades, n.proximos_pasos,
                                        clave in act.responsables.instituciones)))
    out.sort(key=lambda x: x[1].institucion)
    out.sort(key=lambda x: x[0], reverse=True)  # stable: by institution within a semester
    return [r for _, r in out]
