"""Masking of personal names and national identity numbers in text shown to people.

`mask_names(text)` replaces personal names with «[navn]» and anything that looks like a Norwegian
national identity number (fødselsnummer / D-nummer) with «[fødselsnummer]». It is used by the
HTML/Markdown report and is meant to be reused wherever document text leaves the checker (tilsyn).

Names are found by the union of two sources (a missed name is a leak, an extra mask a nuisance):
1. the PER entities of our own Norwegian pipeline (`modeller/nb_gjennomgang`) when it has NER;
   it finds what the rules cannot, such as a sentence-initial name that is also a word («Liv»);
2. conservative rules, the only source when no NER model is installed: a capitalised word inside
   a sentence is a proper noun in Norwegian (nouns are not capitalised), so it is masked unless it
   is a known non-person word (places, institutions, methods); a capitalised word at a sentence
   start (or after a colon or an opening quote) is masked when the dictionary (simplemma) does not
   know it as a common word («Agnieszka»), when a masked name follows it («Per Olsen») or when it
   is a name seen elsewhere in the document. Names after a role word («mor Anna», «familien
   Berg») and before a role in brackets («Anna (mor)») are masked too.

Masking errs on the side of hiding too much: a hidden place name costs less than a visible child's
name. It is still a heuristic; a masked report must be read before it is shared.

For a snippet (an evidence sentence) the surrounding document matters: «Elle er for liten» starts a
sentence, but the document also says «med Elle». `NameMasker.for_document(full_text)` learns the
names from the whole document once and then masks every snippet with them.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable

log = logging.getLogger(__name__)

NAME_MASK = "[navn]"
FNR_MASK = "[fødselsnummer]"

# A word: letters (any script) with inner hyphens or apostrophes («Anne-Lise», «O'Neill»).
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Eleven digits, optionally written 6+5 with a space, dot or hyphen, not inside a longer number.
_FNR = re.compile(r"(?<![\d.,])(\d{6})[ .\-]?(\d{5})(?![\d]|[.,]\d)")
_OPENERS = "«\"“„‘'([{–—-*>"
_SENTENCE_END = ".!?…|\n\r\t•▪◦·"  # bullets and separators («·», «|») start a new sentence too
_QUOTES = "«\"“„‘'"
_CID_BULLET = re.compile(r"\(cid:\d+\)$")  # pdf glyphs without a mapping, in practice bullets

# Role words: the capitalised word(s) right after them are a name («mor Anna», «familien Berg»).
ROLE_WORDS = {
    "mor", "moren", "mora", "mamma", "far", "faren", "pappa", "barnet", "barn", "gutten", "guten", "jenta", "jente",
    "sønnen", "sonen", "datteren", "dottera", "dattera", "datter", "sønn", "søsteren", "søstera", "broren",
    "bror", "søster", "storebror", "storesøster", "lillebror", "lillesøster", "bestemor", "bestefar", "besteforeldre",
    "farmor", "farfar", "mormor", "morfar", "tante", "onkel", "stefar", "stemor", "fosterfar", "fostermor",
    "familien", "familie", "familia", "foreldrene", "foreldra", "forelder", "tolken", "tolk", "ektefelle",
    "samboer", "samboeren", "kjæreste", "kjæresten", "støtteperson", "støttepersonen", "nettverk",
    "familieansvarlig", "familieterapeut", "saksbehandler", "saksbehandleren", "kontaktperson", "veileder",
    "veilederen", "miljøterapeut", "leder", "avdelingsleder", "fagleder", "psykolog", "helsesykepleier",
    "helsesøster", "lege", "fastlege", "jordmor", "barnehagelærer", "pedagog", "rådgiver", "konsulent",
    "kontaktlærer", "lærer", "nabo", "naboen", "venninne", "venn", "vennen",
}
# Capitalised words that are not personal names: pronouns and other words that start clauses
# (also after a colon or in headings), places, institutions, method and programme names.
NOT_NAMES = {
    # function words and other clause openers
    "jeg", "eg", "du", "han", "hun", "ho", "den", "det", "de", "dei", "dem", "vi", "me", "dere", "dykk", "deres",
    "dette", "disse", "denne", "hennes", "hennar", "deira", "vår", "våre", "vårt", "min", "mitt",
    "mine", "sin", "sitt", "sine", "hva", "kva", "hvem", "kven", "hvordan", "korleis", "hvorfor", "kvifor", "hvor",
    "kor", "når", "da", "då", "der", "her", "som", "og", "men", "eller", "for", "fordi", "at", "om", "hvis", "viss",
    "dersom", "selv", "sjølv", "også", "òg", "ikke", "ikkje", "ja", "nei", "etter", "før", "under", "over", "med",
    "uten", "utan", "til", "fra", "frå", "på", "av", "ved", "hos", "mot", "mellom", "i", "et", "ett", "en", "ei",
    "eit", "ingen", "noen", "nokon", "alle", "begge", "mange", "flere", "fleire", "samlet", "samla", "totalt",
    "merk", "note", "ok", "nb", "obs", "tema", "sak", "dato", "tid", "sted", "stad", "til stede", "referent",
    "mål", "tiltak", "vurdering", "oppsummering", "bakgrunn", "kl", "se", "jf", "ca", "nr", "tlf", "epost",
    "e-post", "vedlegg", "side", "neste", "forrige", "videre", "status", "plan", "avtale", "avtalt", "ansvar",
    # domain words that start headings and labels
    "sluttrapport", "referat", "stoppunkt", "stoppunkter", "stoppunktet", "samarbeidsmøte", "samarbeidsmøter",
    "oppstartsmøte", "tilbakemeldingsmøte", "hjelpetiltak", "hjelpetiltaket", "tiltaksansvarlig",
    "tiltaksperiode", "tiltaksplan", "handlingsplan", "handlingsplanen", "arena", "hjemmebasert", "nasjonal",
    "nasjonalt", "nasjonale", "unntatt", "offentlighet", "godkjent", "signatur", "dato", "sted", "referent",
    # role words in headings and table cells are not names themselves
    *ROLE_WORDS,
    # countries, regions and cities that commonly appear in these documents
    "norge", "noreg", "sverige", "danmark", "finland", "island", "polen", "litauen", "latvia", "estland",
    "ukraina", "russland", "romania", "bulgaria", "tyskland", "frankrike", "spania", "italia", "hellas",
    "england", "storbritannia", "irland", "nederland", "belgia", "sveits", "østerrike", "tsjekkia", "slovakia",
    "ungarn", "serbia", "bosnia", "kroatia", "kosovo", "albania", "tyrkia", "syria", "irak", "iran",
    "afghanistan", "pakistan", "india", "bangladesh", "sri", "lanka", "kina", "vietnam", "thailand",
    "filippinene", "somalia", "eritrea", "etiopia", "sudan", "kenya", "nigeria", "marokko", "egypt",
    "libanon", "palestina", "jemen", "kongo", "burundi", "rwanda", "uganda", "myanmar", "usa", "amerika",
    "europa", "afrika", "asia", "midtøsten", "norden", "sápmi", "sapmi", "finnmark", "troms", "nordland",
    "trøndelag", "vestland", "rogaland", "agder", "telemark", "vestfold", "buskerud", "østfold", "akershus",
    "innlandet", "viken", "oslo", "bergen", "trondheim", "stavanger", "tromsø", "kristiansand", "drammen",
    "fredrikstad", "bodø", "ålesund", "alta", "kautokeino", "karasjok",
    # institutions, services and documents
    "nav", "bufetat", "bufdir", "bup", "ppt", "dps", "ppd", "nkvts", "rvts", "statsforvalteren",
    "fylkesmannen", "fylkesnemnda", "barneverntjenesten", "barnevernstjenesten", "barnevernet", "barnevernstenesta",
    "barnevernet", "senter", "senteret", "sentre", "familievernet", "familiekontoret", "helsestasjonen",
    "helsestasjon", "kommunen", "kommune", "staten", "stortinget", "tingretten", "politiet", "sykehuset",
    "krisesenteret", "introduksjonsprogrammet", "voksenopplæringen", "barnehagen", "skolen", "tolkeregister",
    "tolketjenesten", "standardisert", "forløp", "retningslinje", "retningslinjen", "barnevernloven",
    "barnevernsloven", "forvaltningsloven", "barnekonvensjonen", "grunnloven",
    # methods and programmes
    "meo", "icdp", "pmto", "cos", "circle", "security", "trygghetssirkelen", "duå", "theraplay",
    "nbo", "nbas", "mim", "tibir", "fft", "mst", "pct", "abc", "vip", "kiss", "parent", "child", "interaction",
    "watch", "wait", "wonder", "newborn", "behavioral", "observation", "video", "feedback", "vfi",
    # religion and holidays
    "gud", "allah", "jesus", "kristus", "koranen", "bibelen", "ramadan", "eid", "id", "pinsemenigheten",
    "pinsebevegelsen", "den norske kirke", "kirken", "moskeen",
    # software and channels
    "teams", "zoom", "messenger", "facebook", "whatsapp", "google", "microsoft", "word", "pdf", "sms",
}


def _is_capitalised(word: str) -> bool:
    """Starts with a capital and is not an acronym («NAV», «BUP», «RS-virus»)."""
    first = word.split("-")[0]
    return word[:1].isupper() and not (len(first) > 1 and first.isupper() and len(first) <= 5)


def _context_before(text: str, start: int) -> str:
    """How the word at `start` is placed: 'start' of a sentence, 'soft' (after a colon or an opening
    quote, where common words are capitalised too) or 'inside' a sentence."""
    i = start - 1
    saw_newline = saw_quote = False
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        if text[i] in "\n\r":
            saw_newline = True
        if text[i] in _QUOTES:
            saw_quote = True
        i -= 1
    if i < 0 or saw_newline or text[i] in _SENTENCE_END or _CID_BULLET.search(text[max(0, i - 12):i + 1]):
        return "start"
    if text[i] == ":" or saw_quote:
        return "soft"
    return "inside"


def _fnr_spans(text: str) -> list[tuple[int, int]]:
    from stdnum.no import fodselsnummer

    spans = []
    for m in _FNR.finditer(text):
        number = m.group(1) + m.group(2)
        plausible = fodselsnummer.is_valid(number)
        if not plausible:
            try:  # a typo in the check digits still leaves a birth date: hide it all the same
                fodselsnummer.get_birth_date(number)
                plausible = True
            except Exception:
                plausible = False
        if plausible:
            spans.append((m.start(), m.end()))
    return spans


# Capitalised phrases that are not names although a word in them can be («Marte Meo»).
_PROTECTED = re.compile(r"\bMarte Meo\b|\bCircle of Security\b|\bDe utrolige årene\b|\bDe Utrolige Årene\b")


def _heuristic_name_spans(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)
             if not any(ps <= m.start() < pe for ps, pe in protected)]
    masked = [False] * len(words)
    for k, (s, _e, w) in enumerate(words):
        if not _is_capitalised(w):
            continue
        low = w.lower()
        if low in NOT_NAMES or low.split("-")[0] in NOT_NAMES:
            continue
        where = _context_before(text, s)
        # after a colon («Referent: Siri», «Foreldrene: Møtet ble …») only unknown words are names
        if where == "inside" or w in known or _strip_genitive(w) in known or _unknown_word(w):
            masked[k] = True
    # «Anna Hansen» at a sentence start: a capitalised word directly followed by a masked name.
    for k in range(len(words) - 2, -1, -1):
        s, e, w = words[k]
        if masked[k] or not masked[k + 1] or not _is_capitalised(w) or w.lower() in NOT_NAMES:
            continue
        if text[e:words[k + 1][0]].strip(" -") == "":
            masked[k] = True
    return [(s, e) for (s, e, _w), m in zip(words, masked) if m]


# Endings of Norwegian place names, surnames and given names. A word that the dictionary does not
# know and that ends like this is taken as a name even when it splits into two common words.
_NAME_TAILS = ("vik", "viken", "dal", "dalen", "nes", "neset", "berg", "rud", "stad", "land", "heim", "vold", "haug",
               "haugen", "lie", "moen", "sand", "strand", "bakken", "hild", "borg", "gerd", "run", "veig", "frid",
               "laug", "stein", "bjørn", "mund", "geir", "vard", "ulf", "torp", "gård", "gaard", "sæter", "seter",
               "set", "eid", "fjell", "fjeld", "vang", "myr", "voll", "holm", "løkken", "lund", "vatn", "bø", "rød",
               "sen", "son", "ssen", "sson")


@functools.lru_cache(maxsize=4096)
def _unknown_word(word: str) -> bool:
    """True when a capitalised word is no common Norwegian word, so at a sentence start it is a name.

    Uses simplemma's dictionary: a proper-noun lemma («Hansen», «Johan») or a word that is neither
    in the dictionary nor a compound of dictionary words («Agnieszka») counts as a name.
    """
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a dependency, but masking must not fail
        return False
    low = word.lower()
    for lang in ("nb", "nn"):
        lemma = simplemma.lemmatize(low, lang=lang)
        if lemma[:1].isupper():
            return True
    if simplemma.is_known(low, lang="nb") or simplemma.is_known(low, lang="nn"):
        return False
    if simplemma.lemmatize(low, lang="nb") != low:
        return False  # inflected or decomposed by the lemmatiser: a common word
    if any(low.endswith(tail) and len(low) >= len(tail) + 3 for tail in _NAME_TAILS):
        return True  # «Kvalsvik», «Sæterdal», «Brynhild»: built like a name, not like a compound noun
    for i in range(3, len(low) - 2):
        head, tail = low[:i], low[i:]
        if not simplemma.is_known(tail, lang="nb"):
            continue
        if simplemma.is_known(head, lang="nb") or (head[-1] in "se" and simplemma.is_known(head[:-1], lang="nb")):
            return False
    return True


def _strip_genitive(word: str) -> str:
    for suffix in ("'s", "’s", "s", "'"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


_ROLE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True)) + r")\b[,:]?[ \t]+"
    r"((?:[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*)(?:[ \t]+[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*)*)",
    re.IGNORECASE)
_ROLE_AFTER = re.compile(
    r"([^\W\d_][^\W\d_'’-]*(?:[ \t]+[^\W\d_][^\W\d_'’-]*)?)[ \t]*\((?:" + "|".join(
        sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True)) + r")[^)]{0,30}\)", re.IGNORECASE)


def _role_name_spans(text: str) -> list[tuple[int, int]]:
    """Names right after a role word («mor Anna Hansen») or before a role in brackets («Anna (mor)»)."""
    spans = []
    for m in _ROLE_BEFORE.finditer(text):
        # the leading run of capitalised words that are not common words; after a colon
        # («Foreldrene: Hjemmebesøkene er …») only words the dictionary does not know
        colon = ":" in text[m.start():m.start(1)]
        for w in _WORD.finditer(m.group(1)):
            word = w.group()
            if not word[:1].isupper() or word.lower() in NOT_NAMES or (colon and not _unknown_word(word)):
                break
            spans.append((m.start(1) + w.start(), m.start(1) + w.end()))
    for m in _ROLE_AFTER.finditer(text):
        for w in _WORD.finditer(m.group(1)):
            word = w.group()
            if word[:1].isupper() and word.lower() not in NOT_NAMES:
                spans.append((m.start(1) + w.start(), m.start(1) + w.end()))
    return spans


def _known_name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    names = sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(n) for n in names) + r")(?:s|'s|’s|')?(?![^\W_])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=1)
def _ner_pipeline():
    """Our own pipeline with NER, or None when it is not installed (then the heuristic is used)."""
    try:
        from ..nlp import load_pipeline

        loaded = load_pipeline(prefer="own", with_ner=True)
    except Exception as exc:  # masking must never fail because a model is broken
        log.warning("navnegjenkjenning kunne ikke lastes: %s", type(exc).__name__)
        return None
    if loaded.kind == "own" and loaded.has_ner:
        return loaded.nlp
    return None


_PERSON_LABELS = {"PER", "PERSON"}


def _ner_name_spans(text: str, nlp) -> list[tuple[int, int]]:
    try:
        doc = nlp(text)
    except Exception as exc:
        log.warning("navnegjenkjenning feilet: %s", type(exc).__name__)
        return []
    return [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _PERSON_LABELS]


def _apply(text: str, name_spans: list[tuple[int, int]], fnr_spans: list[tuple[int, int]]) -> str:
    marks = [(s, e, FNR_MASK) for s, e in fnr_spans]
    marks += [(s, e, NAME_MASK) for s, e in name_spans
              if not any(fs < e and s < fe for fs, fe in fnr_spans)]
    if not marks:
        return text
    marks.sort()
    merged: list[list] = []
    for s, e, label in marks:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if label == FNR_MASK:
                merged[-1][2] = FNR_MASK
            continue
        # «Nils Johan» → one «[navn]»: join name spans separated only by spaces or a hyphen
        if (merged and label == NAME_MASK and merged[-1][2] == NAME_MASK
                and text[merged[-1][1]:s].strip(" -") == "" and "\n" not in text[merged[-1][1]:s]):
            merged[-1][1] = e
            continue
        merged.append([s, e, label])
    out, pos = [], 0
    for s, e, label in merged:
        out.append(text[pos:s])
        out.append(label)
        pos = e
    out.append(text[pos:])
    return "".join(out)


class NameMasker:
    """Masks names in snippets of one document, using names learnt from the whole document."""

    def __init__(self, known_names: Iterable[str] = (), use_model: bool = True):
        self.known = frozenset(n for n in known_names if n)
        self.nlp = _ner_pipeline() if use_model else None

    @property
    def method(self) -> str:
        if self.nlp is not None:
            return "navnegjenkjenning i egen språkmodell og regler (stor forbokstav, rolleord)"
        return "regler (stor forbokstav, rolleord); ingen modell for navnegjenkjenning er installert"

    @classmethod
    def for_document(cls, text: str, use_model: bool = True) -> "NameMasker":
        masker = cls((), use_model=use_model)
        if text:
            masker.known = frozenset(masker.find_names(text))
        return masker

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        spans = _role_name_spans(text) + _known_name_spans(text, self.known) + _heuristic_name_spans(text, self.known)
        if self.nlp is not None:
            spans += _ner_name_spans(text, self.nlp)
        protected = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
        if protected:
            spans = [(s, e) for s, e in spans if not any(ps <= s and e <= pe for ps, pe in protected)]
        return spans

    def find_names(self, text: str) -> set[str]:
        """The names (single words, genitive -s removed) this masker would hide in `text`."""
        names: set[str] = set()
        for s, e in self.name_spans(text):
            for w in _WORD.findall(text[s:e]):
                if w[:1].isupper() and w.lower() not in NOT_NAMES:
                    base = _strip_genitive(w)
                    # «Márets» → «Máret» only when the document also has the bare form
                    if base != w and re.search(r"(?<![^\W_])" + re.escape(base) + r"(?![^\W_])", text):
                        w = base
                    names.add(w)
        return names

    def __call__(self, text: str) -> str:
        if not text:
            return text
        fnr = _fnr_spans(text)
        return _apply(text, self.name_spans(text), fnr)


def mask_fodselsnummer(text: str) -> str:
    """Replace every Norwegian national identity number (or D-number) with «[fødselsnummer]»."""
    return _apply(text, [], _fnr_spans(text)) if text else text


def mask_names(text: str, known_names: Iterable[str] = (), use_model: bool = True) -> str:
    """Replace personal names with «[navn]» and identity numbers with «[fødselsnummer]».

    `known_names` are names found elsewhere in the same document (see `NameMasker.for_document`);
    `use_model=False` skips the NER pipeline even when it is installed.
    """
    if not text:
        return text
    return NameMasker(known_names, use_model=use_model)(text)
