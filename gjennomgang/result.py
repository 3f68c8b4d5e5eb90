"""The result object: what every output (JSON, table, HTML, Gradio, tilsyn) is rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__


@dataclass
class Verdict:
    id: str
    niva: str
    tittel: str
    vurdering: str  # oppfylt | mangler | usikker | ikke_relevant
    sikkerhet: float
    belegg: list[dict] = field(default_factory=list)
    mot: list[dict] = field(default_factory=list)  # evidence stating absence
    forklaring: str = ""
    hint: str = ""
    kilde: dict = field(default_factory=dict)
    poeng: dict = field(default_factory=dict)  # scores per source, for transparency

    def as_dict(self) -> dict:
        return {"id": self.id, "niva": self.niva, "tittel": self.tittel, "vurdering": self.vurdering,
                "sikkerhet": round(self.sikkerhet, 3), "belegg": self.belegg, "mot": self.mot,
                "forklaring": self.forklaring, "hint": self.hint, "kilde": self.kilde,
                "poeng": {k: round(v, 3) for k, v in self.poeng.items()}}


@dataclass
class Result:
    fil: str
    sha256: str
    dokumenttype: str
    dokumenttype_sikkerhet: float
    dokumenttype_overstyrt: bool
    skannet: bool
    pipeline: str
    modell: str
    sprak: str
    sider: int
    krav: list[Verdict]
    fakta: dict
    ocr_sider: list[int] = field(default_factory=list)
    advarsler: list[str] = field(default_factory=list)
    melding: str = ""
    feil: str = ""  # error code when the file could not be checked
    tekst: str = ""  # document text, kept in memory for highlighting; never logged or in JSON
    versjon: str = __version__
    katalog: str = ""

    @property
    def ok(self) -> bool:
        return not self.feil

    def counts(self) -> dict:
        out: dict = {}
        for v in self.krav:
            out.setdefault(v.niva, {}).setdefault(v.vurdering, 0)
            out[v.niva][v.vurdering] += 1
        return out

    def decision_state(self) -> str:
        """feil | skannet | ikke_klar | manuell | klar — what the decision line says, as a code."""
        if self.feil:
            return "feil"
        if self.skannet and not self.krav:
            return "skannet"
        if any(v.niva == "krav" and v.vurdering == "mangler" for v in self.krav):
            return "ikke_klar"
        if any(v.niva == "krav" and v.vurdering == "usikker" for v in self.krav):
            return "manuell"
        return "klar"

    def decision_line(self) -> str:
        """One line a leader can act on."""
        state = self.decision_state()
        if state == "feil":
            return f"Kunne ikke sjekkes: {self.melding}"
        if state == "skannet":
            return "Må vurderes manuelt: dokumentet er skannet og kunne ikke leses"
        if state == "ikke_klar":
            n = sum(v.niva == "krav" and v.vurdering == "mangler" for v in self.krav)
            return f"Ikke klar: {n} krav mangler"
        if state == "manuell":
            n = sum(v.niva == "krav" and v.vurdering == "usikker" for v in self.krav)
            return f"Må vurderes manuelt: {n} usikre"
        return "Klar for godkjenning"

    def as_dict(self) -> dict:
        d = {"fil": self.fil, "sha256": self.sha256, "dokumenttype": self.dokumenttype,
             "dokumenttype_sikkerhet": self.dokumenttype_sikkerhet, "dokumenttype_overstyrt": self.dokumenttype_overstyrt,
             "skannet": self.skannet, "ocr_sider": self.ocr_sider, "pipeline": self.pipeline, "modell": self.modell,
             "sprak": self.sprak, "sider": self.sider, "beslutning": self.decision_line(),
             "krav": [v.as_dict() for v in self.krav], "fakta": self.fakta, "advarsler": self.advarsler,
             "versjon": self.versjon, "katalog": self.katalog}
        if self.feil:
            d["feil"] = self.feil
            d["melding"] = self.melding
        elif self.melding:
            d["melding"] = self.melding
        return d


def error_result(fil: str, code: str, message: str, sha256: str = "") -> Result:
    return Result(fil=fil, sha256=sha256, dokumenttype="", dokumenttype_sikkerhet=0.0, dokumenttype_overstyrt=False,
                  skannet=code == "skannet", pipeline="", modell="", sprak="", sider=0, krav=[], fakta={},
                  melding=message, feil=code)
