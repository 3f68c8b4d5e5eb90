"""Facts of the catalogue: period, duration, arena, methods, interpreter, video, child's age.

Facts feed the conditional requirements (tolk, samtykke_video), the duration/arena check and
the audit statistics. Each fact keeps the sentence it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .passages import Passage

MONTHS = {"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
          "september": 9, "oktober": 10, "november": 11, "desember": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12}
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b")
_DATE_ISO = re.compile(r"\b(20\d\d)-(\d{2})-(\d{2})\b")
_DATE_TXT = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(20\d\d)\b", re.I)
_MONTH_YEAR = re.compile(r"\b(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\s+(20\d\d)\b", re.I)
_PERIOD_CUE = re.compile(r"periode|varighet|varigheit|startet|starta|oppstart|start|avslutt|fra|frå|til|–|-|varte", re.I)
_BIRTH_CUE = re.compile(r"\b(født|fødd|f\.|fødselsdato|dato for møtet|møtedato|datert|dato:|rapport datert|møtet ble holdt|møtet vart halde)", re.I)


def _mk(y: int, m: int, d: int) -> date | None:
    if y < 100:
        y += 2000
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    out = []
    for m in _DATE_NUM.finditer(text):
        dt = _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if dt:
            out.append((m.start(), dt))
    for m in _DATE_ISO.finditer(text):
        dt = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if dt:
            out.append((m.start(), dt))
    for m in _DATE_TXT.finditer(text):
        dt = _mk(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if dt:
            out.append((m.start(), dt))
    taken = {pos for pos, _ in out}
    for m in _MONTH_YEAR.finditer(text):
        if not any(abs(m.start() - p) < 6 for p in taken):
            dt = _mk(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
            if dt:
                out.append((m.start(), dt))
    return sorted(out)


@dataclass
class Facts:
    values: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # fact → passage index

    def set(self, key: str, value, passage: Passage | None, overwrite: bool = False) -> None:
        if overwrite or key not in self.values or self.values[key] in (None, [], False):
            self.values[key] = value
            if passage is not None:
                self.sources[key] = passage.index


def _months_between(a: date, b: date) -> float:
    return round((b - a).days / 30.44, 1)


def extract_facts(passages: list[Passage], spec: dict) -> Facts:
    facts = Facts()
    number_words = spec.get("varighet", {}).get("maned_tall", {})
    arena_rx = {k: [re.compile(p, re.I) for p in v] for k, v in spec.get("arena", {}).items()}
    method_rx = {k: [re.compile(p, re.I) for p in v] for k, v in spec.get("metoder", {}).items()}
    methods: list[str] = []
    for p in passages:
        if p.placeholder:
            continue
        text = p.text
        # period: two dates in one sentence that talks about the period
        dates = [d for pos, d in find_dates(text)]
        if len(dates) >= 2 and _PERIOD_CUE.search(text) and not _BIRTH_CUE.search(text) and "tiltak_start" not in facts.values:
            start, end = dates[0], dates[1]
            if start < end and (end - start).days < 4 * 365:
                facts.set("tiltak_start", start.isoformat(), p)
                facts.set("tiltak_slutt", end.isoformat(), p)
                # the dates outrank an earlier «N måneder» (often a child's age)
                facts.set("varighet_maneder", _months_between(start, end), p, overwrite=True)
        m = re.search(r"\b(\d{1,2}(?:[.,]5)?|" + "|".join(number_words) + r")(\s+og\s+en\s+halv|\s+og\s+ein\s+halv|\s*½)?\s+(måneder|månader|mnd|måneders|månaders)\b", text, re.I)
        if m and re.search(r"\bår og\s*$|\bår,\s*$", text[max(0, m.start() - 8):m.start()]):
            m = None  # «to år og fire måneder»: an age, not the length of the measure
        if m and "varighet_maneder" not in facts.values and re.search(r"tiltak|periode|varte|varighet|varigheit|avslutt|etter|i alt|totalt", text, re.I):
            raw = m.group(1).lower().replace(",", ".")
            value = float(number_words.get(raw, raw)) if raw.replace(".", "").isdigit() or raw in number_words else None
            if value is not None:
                if m.group(2):
                    value += 0.5
                facts.set("varighet_maneder", value, p)
        for arena, rxs in arena_rx.items():
            if "arena" not in facts.values and any(rx.search(text) for rx in rxs) and "ARENA" in p.concepts:
                facts.set("arena", arena, p)
        for method, rxs in method_rx.items():
            if method not in methods and any(rx.search(text) for rx in rxs):
                methods.append(method)
        if "VIDEO" in p.concepts:
            facts.set("video_brukt", True, p)
        if "TOLK" in p.concepts:
            facts.set("tolk_nevnt", True, p)
            if not p.negated & {"TOLK"} and not re.search(r"\b(ikke|ikkje|ingen|inga|takket nei|takka nei|ønsket ikke|ville ikke)\b", text, re.I):
                facts.set("tolk_brukt", True, p)
        if "SPRAKBEHOV" in p.concepts:
            facts.set("sprakbehov", True, p)
        age = re.search(r"\b(\d{1,2}|ett|ei|en|to|tre|fire|fem|seks|sju|åtte|ni|ti|elleve)\s*(?:og\s+en\s+halv\s+)?(måneder|månader|mnd|år)\s*(gammel|gamal)?\b", text, re.I)
        if age and "barnets_alder" not in facts.values and ("BARN" in p.concepts or age.group(3)) and not re.search(r"\b(mor|far|forelder|foreldre)\b[^.]{0,12}\b\d{2}\s*år", text, re.I):
            n = age.group(1).lower()
            n = {"ett": 1, "ei": 1, "en": 1}.get(n, number_words.get(n, n))
            try:
                facts.set("barnets_alder", f"{int(n)} {age.group(2).lower()}", p)
            except ValueError:
                pass
        for key, rx in (("antall_samarbeidsmoter", r"(\d+|to|tre|fire|fem|seks)\s+samarbeidsmøter"),
                        ("antall_stoppunkter", r"(\d+|to|tre|fire|fem|seks)\s+stoppunkt(?:er)?")):
            mm = re.search(rx, text, re.I)
            if mm and key not in facts.values:
                raw = mm.group(1).lower()
                facts.set(key, int(number_words.get(raw, raw)) if str(number_words.get(raw, raw)).isdigit() else None, p)
    facts.values["metoder"] = methods
    facts.values["_avvik_tema"] = tuple(spec.get("avvik_tema", ()))
    facts.values.setdefault("video_brukt", False)
    facts.values.setdefault("tolk_brukt", False)
    facts.values.setdefault("sprakbehov", False)
    if facts.values.get("tolk_nevnt"):
        facts.values["sprakbehov"] = True
        facts.sources.setdefault("sprakbehov", facts.sources.get("tolk_nevnt"))
    return facts
