"""Generated sluttrapport texts with known gaps, for tests, the benchmark and demonstrations.

Every document is built from one section per requirement; a requirement is «left out» by
leaving its section out. `make_corpus()` writes a folder of such documents (one sub-folder per
centre, a `metadata.csv` beside them) and returns the known truth per document. All names and
numbers are invented.
"""

from __future__ import annotations

import csv
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

# Invented people; the privacy test checks that none of these reach the summary.
CHILDREN = ["Linnea Brattebø", "Oskar Fjellheim", "Tiril Vassbotn", "Mathias Kvernmo", "Selma Rønnestad",
            "Jonas Tveitnes", "Ida Hovlandsdal", "Elias Skarvøy"]
PARENTS = ["Solveig Brattebø", "Reidar Fjellheim", "Gunhild Vassbotn", "Arve Kvernmo", "Marte Rønnestad",
           "Trond Tveitnes", "Hilde Hovlandsdal", "Kjetil Skarvøy"]
STAFF = ["Bodil Engeseth", "Aslak Mørkved", "Vigdis Haraldsrud"]
CENTRES = ["Lyngtun", "Bjørkås", "Fjordly"]

# Section texts. The keys are requirement ids of the catalogue (sluttrapport).
SECTIONS: dict[str, str] = {
    "mal_og_plan": (
        "## Mål og handlingsplan\n\n"
        "Handlingsplanen ble laget sammen med {forelder} i andre uke av tiltaket, med tre delmål: faste "
        "leggetider og en kveldsrutine, tre faste måltider om dagen, og at {forelder_fornavn} skal bli tryggere "
        "i hverdagen. Målene i handlingsplanen ble fulgt opp på hvert stoppunkt og justert etter "
        "det første samarbeidsmøtet.\n"),
    "varighet_og_arena": (
        "## Periode og arena\n\n"
        "Tiltaket varte fra 3. februar 2025 til 29. august 2025, i alt sju måneder. Tiltaket ble gjennomført "
        "hjemme hos familien.\n"),
    "endringsarbeid": (
        "## Beskrivelse av endringsarbeidet\n\n"
        "Arbeidet har foregått som hjemmebesøk to ganger i uken, lagt til ettermiddag og kveld slik at vi kunne "
        "være til stede ved middag, bading og legging. I begynnelsen modellerte familieansvarlig kveldsrutinen "
        "sammen med {forelder_fornavn}, som etter hvert tok over og fikk tilbakemelding underveis. Vi har hatt "
        "veiledningssamtaler om grunnleggende omsorg, rutiner og sensitivitet for barnets behov for trøst. "
        "{forelder_fornavn} har vært motivert hele veien, har fått bedre forståelse av problemene og har brukt "
        "veiledningen aktivt mellom besøkene.\n"),
    "video": (
        "## Opptak\n\n"
        "Vi har brukt videoveiledning med i alt sju opptak fra måltider, og gått gjennom korte klipp "
        "sammen med {forelder_fornavn} uken etter.{samtykke}\n"),
    "virkning": (
        "## Vurdering av tiltakets virkning\n\n"
        "Teamet vurderer at tiltaket har hatt god virkning på barnets omsorgssituasjon. {barn_fornavn} legger "
        "seg nå til fast tid de fleste kvelder, og barnehagen melder at barnet er mer opplagt. Delmålet om "
        "sensitivitet regnes som delvis nådd. Samlet sett vurderer vi at barnets situasjon nå er trygg nok, "
        "men sårbar dersom {forelder_fornavn} får en ny tung periode.\n"),
    "barnets_medvirkning": (
        "## Barnets stemme\n\n"
        "{barn_fornavn} er to og et halvt år. Vi har vært sammen med barnet i lek ved hvert besøk, og barnet "
        "har tatt oss med inn på rommet sitt. {barn_fornavn} fikk være med å velge bildene til "
        "kveldsskjemaet. Vi har også observert barnet i barnehagen og snakket med barnet om hvordan det har "
        "det.\n"),
    "foreldrenes_medvirkning": (
        "## Foreldrenes stemme\n\n"
        "{forelder_fornavn} har deltatt i utformingen av handlingsplanen og har sagt tydelig hva hun ønsket "
        "hjelp til. Hun ba spesielt om hjelp til legging. I møtene har {forelder_fornavn} sagt at hun er "
        "bekymret for hvordan det blir når besøkene tar slutt.\n"),
    "kultur_sprak_religion": (
        "## Kultur, språk og religion\n\n"
        "Teamet har spurt mor om familiens kulturelle, språklige og religiøse bakgrunn og om oppdragerstil. "
        "{forelder_fornavn} fortalte at familien ikke har særskilte behov knyttet til dette, og teamet har "
        "derfor ikke gjort særskilte tilpasninger.\n"),
    "videre_oppfolging": (
        "## Anbefalinger videre\n\n"
        "Teamet anbefaler at barneverntjenesten viderefører et lavterskel hjelpetiltak, for eksempel "
        "familiestøtte i kommunen, med besøk annenhver uke de første tre månedene etter overgangen.\n"),
}
CONSENT = (" {forelder_fornavn} ga skriftlig samtykke til filming i oppstartsmøtet, etter informasjon om "
           "hvordan opptakene lagres og slettes.")
ORDER = ["mal_og_plan", "varighet_og_arena", "endringsarbeid", "video", "virkning", "barnets_medvirkning",
         "foreldrenes_medvirkning", "kultur_sprak_religion", "videre_oppfolging"]
# Requirements that are left out, with the pattern: left out in document i when (i * a + b) % m < k.
GAPS = {
    "endringsarbeid": (7, 1, 10, 2),  # 20 %
    "virkning": (3, 2, 10, 3),  # 30 %
    "barnets_medvirkning": (9, 4, 10, 4),  # 40 %
    "foreldrenes_medvirkning": (1, 0, 5, 1),  # 20 %
    "kultur_sprak_religion": (11, 3, 10, 5),  # 50 %
    "videre_oppfolging": (13, 5, 10, 1),  # 10 %
}


def fodselsnummer(birth: _dt.date, individual: int = 123) -> str:
    """A valid (invented) Norwegian national identity number for a birth date."""
    from stdnum.no import fodselsnummer as fnr

    for ind in range(individual, individual + 100):
        base = birth.strftime("%d%m%y") + f"{ind:03d}"
        try:
            k1 = fnr.calc_check_digit1(base)
            k2 = fnr.calc_check_digit2(base + k1)
        except Exception:
            continue
        number = base + k1 + k2
        if len(number) == 11 and fnr.is_valid(number):
            return number
    raise ValueError("fant ikke et gyldig fødselsnummer")


@dataclass
class SyntheticDoc:
    path: Path
    senter: str
    truth: dict[str, str]  # requirement id → expected verdict
    index: int
    extra: dict = field(default_factory=dict)


def build_text(i: int, *, missing: set[str], video: str = "none", personal_number: str | None = None,
               filler_paragraphs: int = 0) -> str:
    """video: none | with_consent | without_consent."""
    child, parent = CHILDREN[i % len(CHILDREN)], PARENTS[(i * 3) % len(PARENTS)]
    values = {"barn": child, "barn_fornavn": child.split()[0], "forelder": parent,
              "forelder_fornavn": parent.split()[0]}
    values["samtykke"] = CONSENT.format(**values) if video == "with_consent" else ""
    head = [f"# Sluttrapport hjelpetiltak – {child}", "",
            f"Barn: {child}, født 14.02.2022" + (f", fødselsnummer {personal_number}" if personal_number else ""),
            f"Omsorgsperson: {parent} (mor)", "Henvisende instans: Barneverntjenesten i Vestre Lia kommune",
            f"Tiltaksansvarlig: {STAFF[i % len(STAFF)]}.", f"Referanse: R-{i:05d}", ""]
    body = []
    for key in ORDER:
        if key == "video" and video == "none":
            continue
        if key in missing:
            continue
        body.append(SECTIONS[key].format(**values))
    for _ in range(filler_paragraphs):
        body.append("## Bakgrunn\n\nBarneverntjenesten henviste familien etter flere bekymringsmeldinger fra "
                    "barnehagen høsten 2024. Det foreligger en utredning fra senteret fra våren 2024. Familien "
                    "bor i en leilighet i sentrum med kort vei til butikk og buss, og har lite nettverk i "
                    "nærheten. Saken ble fordelt til teamet i januar.\n")
    tail = ["", f"{STAFF[i % len(STAFF)]}, tiltaksansvarlig", "Godkjent av avdelingsleder"]
    return "\n".join(head) + "\n" + "\n".join(body) + "\n".join(tail) + "\n"


def gaps_for(i: int) -> set[str]:
    return {rid for rid, (a, b, m, k) in GAPS.items() if (i * a + b) % m < k}


def video_for(i: int) -> str:
    if "endringsarbeid" in gaps_for(i):  # a video section alone describes change work
        return "none"
    return ("none", "with_consent", "without_consent", "with_consent")[i % 4]


def truth_for(i: int) -> dict[str, str]:
    missing = gaps_for(i)
    truth = {rid: ("mangler" if rid in missing else "oppfylt") for rid in
             ["endringsarbeid", "virkning", "barnets_medvirkning", "foreldrenes_medvirkning",
              "kultur_sprak_religion", "mal_og_plan", "varighet_og_arena", "videre_oppfolging"]}
    truth["tolk"] = "ikke_relevant"
    truth["samtykke_video"] = {"none": "ikke_relevant", "with_consent": "oppfylt",
                               "without_consent": "mangler"}[video_for(i)]
    return truth


def make_corpus(folder: Path, n: int, *, metadata: bool = True, filler_paragraphs: int = 0) -> list[SyntheticDoc]:
    """Write n sluttrapport .txt files into folder/<senter>/ and a metadata.csv; return the truth."""
    folder = Path(folder)
    docs: list[SyntheticDoc] = []
    for i in range(n):
        senter = CENTRES[i % len(CENTRES)] if i % 7 else CENTRES[0]  # unequal strata
        sub = folder / senter
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"sluttrapport_{i:03d}.txt"
        path.write_text(build_text(i, missing=gaps_for(i), video=video_for(i), filler_paragraphs=filler_paragraphs),
                        encoding="utf-8")
        docs.append(SyntheticDoc(path=path, senter=senter, truth=truth_for(i), index=i))
    if metadata:
        with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(["fil", "senter", "region"])
            for d in docs:
                w.writerow([d.path.relative_to(folder).as_posix(), f"Senter {d.senter}",
                            "Nord" if d.senter == "Fjordly" else "Sør"])
    return docs
