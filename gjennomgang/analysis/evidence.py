"""Evidence: one passage's support for, or against, one requirement — whatever its source."""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_TITLES = {"regel": "regel", "seksjon": "overskrift", "modell": "modell", "fakta": "fakta"}


@dataclass
class Evidence:
    krav: str
    passage: int  # index into the passage list
    start: int
    end: int
    tekst: str
    side: int
    avsnitt: str
    kilde: str  # regel | seksjon | modell | fakta
    styrke: float  # in [0, 1]
    polaritet: str = "for"  # for | mot
    treff: list[str] = field(default_factory=list)
    grunn: str = ""
    ocr: bool = False

    def as_dict(self) -> dict:
        d = {"side": self.side, "avsnitt": self.avsnitt, "tekst": self.tekst, "kilde": self.kilde,
             "styrke": round(self.styrke, 3), "start": self.start, "slutt": self.end}
        if self.treff:
            d["treff"] = sorted(set(self.treff))
        if self.polaritet != "for":
            d["polaritet"] = self.polaritet
        if self.grunn:
            d["grunn"] = self.grunn
        if self.ocr:
            d["ocr"] = True
        return d
