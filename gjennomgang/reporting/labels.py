"""Norwegian words and icons for verdicts and levels, shared by every rendering."""

VERDICT_WORDS = {"oppfylt": "Oppfylt", "mangler": "Mangler", "usikker": "Usikker", "ikke_relevant": "Ikke relevant"}
VERDICT_ICONS = {"oppfylt": "✔", "mangler": "✘", "usikker": "?", "ikke_relevant": "–"}
LEVEL_WORDS = {"krav": "Krav", "bor_folges": "Bør følges", "bor_vurderes": "Bør vurderes"}
SOURCE_WORDS = {"regel": "regel", "seksjon": "overskrift", "modell": "modell", "fakta": "fakta"}
DOCTYPE_WORDS = {
    "sluttrapport": "Sluttrapport",
    "referat_samarbeidsmote": "Referat fra samarbeidsmøte",
    "referat_stoppunkt": "Referat fra stoppunkt",
    "referat_tilbakemeldingsmote": "Referat fra tilbakemeldingsmøte",
    "referat_oppstartsmote": "Referat fra oppstartsmøte",
}
FACT_WORDS = {"tiltak_start": "Tiltaket startet", "tiltak_slutt": "Tiltaket sluttet", "varighet_maneder": "Varighet (måneder)",
              "arena": "Arena", "metoder": "Metoder", "tolk_brukt": "Tolk brukt", "video_brukt": "Video brukt",
              "sprakbehov": "Tegn til språkbehov", "barnets_alder": "Barnets alder",
              "antall_samarbeidsmoter": "Antall samarbeidsmøter", "antall_stoppunkter": "Antall stoppunkter"}


def fact_value(value) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nei"
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value) or "–"
    if value is None:
        return "–"
    return str(value)
