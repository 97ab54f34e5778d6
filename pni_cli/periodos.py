"""Semesters: the plan's reporting periods (2024-S2 … 2028-S2). Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_RE = re.compile(r"([0-9]{4})-S([12])")


@dataclass(frozen=True, order=True)
class Semestre:
    anio: int
    numero: int  # 1: enero-junio, 2: julio-diciembre

    @classmethod
    def leer(cls, texto: str) -> Semestre:
        m = _RE.fullmatch(texto)
        if not m:
            raise ValueError(f"«{texto}» no es un semestre AAAA-S1 o AAAA-S2")
        return cls(int(m.group(1)), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.anio}-S{self.numero}"

    @property
    def fin(self) -> dt.date:
        return dt.date(self.anio, 6, 30) if self.numero == 1 else dt.date(self.anio, 12, 31)

    def siguiente(self) -> Semestre:
        return Semestre(self.anio, 2) if self.numero == 1 else Semestre(self.anio + 1, 1)

    def vencimiento(self, plazo_dias: int) -> dt.date:
        """Last day to submit this semester's report."""
        return self.fin + dt.timedelta(days=plazo_dias)


def rango(desde: Semestre, hasta: Semestre) -> list[Semestre]:
    """Semesters from `desde` to `hasta`, both included."""
    out = []
    s = desde
    while s <= hasta:
        out.append(s)
        s = s.siguiente()
    return out


def ventana(desde_anio: int, hasta_anio: int, primero: Semestre, ultimo: Semestre) -> list[Semestre]:
    """Semesters of an activity's window (years, as the plan writes them), clipped to the plan's periods."""
    a = max(Semestre(desde_anio, 1), primero)
    b = min(Semestre(hasta_anio, 2), ultimo)
    return rango(a, b)


def cerrados(semestres: list[Semestre], corte: dt.date) -> list[Semestre]:
    """The semesters already over on the cut-off date (a semester closes on its last day)."""
    return [s for s in semestres if s.fin <= corte]


def evaluados(semestres: list[Semestre], corte: dt.date, plazo_dias: int) -> list[Semestre]:
    """The semesters that enter the evaluation at the cut-off date: those whose delivery deadline (last day +
    `plazo_dias`) has passed. The day after the deadline a semester is evaluated; on the deadline it is not yet."""
    return [s for s in semestres if corte > s.vencimiento(plazo_dias)]


def en_plazo(semestres: list[Semestre], corte: dt.date, plazo_dias: int) -> list[Semestre]:
    """The semesters over at the cut-off date but still inside their delivery window («en plazo»)."""
    return [s for s in semestres if s.fin < corte <= s.vencimiento(plazo_dias)]
