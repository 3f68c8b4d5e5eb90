"""The completeness report (HTML and Markdown) and name masking.

Reports are rendered for every example PDF (ours and ../shared/eksempler), for a small text of
every document type, for a scanned PDF and for an unreadable file; the HTML is parsed and checked
for the decision line, every requirement ID of the type, evidence page numbers, highlighted
words, headings, and that nothing outside the file is referenced. A headless Chromium screenshot
and an A4 print go to testartefakter/.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

bs4 = pytest.importorskip("bs4")
from bs4 import BeautifulSoup  # noqa: E402

from gjennomgang.reporting import masking  # noqa: E402
from gjennomgang.reporting.documents import (  # noqa: E402
    escape_markdown, highlight, render_html, render_markdown, report_name, write_report)
from gjennomgang.reporting.masking import NameMasker, mask_names  # noqa: E402
from gjennomgang.result import Result, Verdict, error_result  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OWN_DIR = ROOT / "eksempler"
SHARED_DIR = ROOT / ".." / "shared" / "eksempler"
ARTEFACTS = ROOT / "testartefakter"
SCANNED = "sluttrapport_familien_nilsen_skannet.pdf"
WHEN = dt.datetime(2025, 3, 31, 14, 5)

# Two valid Norwegian national identity numbers (check digits computed with python-stdnum).
FNR_A, FNR_B = "15076512377", "03021987084"

# Small texts, one per document type; every person in them is invented.
TEXTS = {
    "sluttrapport": """Sluttrapport – omsorgsendrende hjelpetiltak
Familie: Brynhild Kvalsvik (mor, fnr. {fnr_a}), Torgeir Hamnes (far) og Ingvild (f. {fnr_b_spaced}).

Hva vi jobbet med
Vi veiledet foreldrene i samspill og faste rutiner for mat og søvn. Vi brukte videoveiledning hjemme,
og Brynhild Kvalsvik øvde med tilbakemelding fra familieansvarlig Oddbjørg Sæterdal.

Virkning
Samlet vurderer vi at tiltaket har virket: foreldrene leser signalene til Ingvild bedre, og målene er nådd.

Barnets medvirkning
Ingvild er to år. Vi lekte med henne og fulgte med på hva hun uttrykte med blikk og lyder.

Foreldrenes medvirkning
Foreldrene var med på å lage handlingsplanen og ga tilbakemelding på hvert stoppunkt.

Varighet og arena
Tiltaket varte fra 1. oktober 2024 til 1. april 2025 og ble gitt hjemme hos familien.
""",
    "referat_samarbeidsmote": """Referat fra samarbeidsmøte – familien Hamnes
Til stede: Brynhild Kvalsvik (mor), Torgeir Hamnes (far), saksbehandler Gudmund Rypdal, barnevernstjenesten.
Referent: Oddbjørg Sæterdal, tiltaksansvarlig.

Mål og delmål i perioden
Vi har jobbet med mål 1 i handlingsplanen: Ingvild har en forutsigbar kveld.

Barnets situasjon
Teamet vurderer at situasjonen til Ingvild er bedre enn ved oppstart.

Neste skritt
Neste samarbeidsmøte er 12. mai 2025.
""",
    "referat_stoppunkt": """Referat fra stoppunkt – internt teammøte
Til stede: Oddbjørg Sæterdal (tiltaksansvarlig) og Gudmund Rypdal (psykolog).

Aktuelle temaer i handlingsplanen
Mål 1: trygg søvn for Ingvild.

Risikovurdering
Vi har vurdert risiko ved samsoving og ser ingen akutt fare nå.

Neste skritt
Neste stoppunkt er om fire uker. Oddbjørg Sæterdal er ansvarlig for oppfølgingen.
""",
    "referat_tilbakemeldingsmote": """Referat fra tilbakemeldingsmøte
Til stede: Brynhild Kvalsvik (mor), saksbehandler Gudmund Rypdal og tiltaksansvarlig Oddbjørg Sæterdal.

Sluttrapporten ble gjennomgått punkt for punkt sammen med familien.
Mor sa at hun er enig i vurderingen, men ønsker mer støtte i barnehagen.
Behov for videre støtte: barnevernstjenesten vurderer foreldreveiledning i kommunen.
""",
    "referat_oppstartsmote": """Referat fra oppstartsmøte
Til stede: Brynhild Kvalsvik (mor), Torgeir Hamnes (far), saksbehandler Gudmund Rypdal.

Senterets rolle
Senteret skal veilede foreldrene hjemme to ganger i uka.

Henvisning og mål
Barnevernstjenesten henviste familien etter bekymring for søvn og mat.

Klagerett og innsyn
Foreldrene ble informert om retten til å klage til statsforvalteren og om innsynsrett i saken.
""",
}
INVENTED_NAMES = ["Brynhild", "Kvalsvik", "Torgeir", "Hamnes", "Ingvild", "Oddbjørg", "Sæterdal", "Gudmund", "Rypdal"]


def _text(doctype: str) -> str:
    return TEXTS[doctype].format(fnr_a=FNR_A, fnr_b_spaced=FNR_B[:6] + " " + FNR_B[6:])


# -- results, computed once ------------------------------------------------------------------
def _example_pdfs() -> list[Path]:
    files = sorted(OWN_DIR.glob("*.pdf"))
    if SHARED_DIR.is_dir():
        files += sorted(p for p in SHARED_DIR.glob("*.pdf") if p.name != SCANNED)
    return files


EXAMPLES = _example_pdfs()


@pytest.fixture(scope="module")
def results(checker) -> dict[str, Result]:
    out = {}
    for path in EXAMPLES:
        out[path.name] = checker.check_file(path)
    for doctype in TEXTS:
        name = f"{doctype}_familien_kvalsvik.txt"
        out[name] = checker.check_bytes(_text(doctype).encode("utf-8"), name, doctype=doctype)
    for name, r in out.items():
        assert not r.feil, f"{name}: {r.melding}"
    return out


@pytest.fixture(scope="module")
def scanned_result(checker) -> Result:
    """The scanned example read without OCR: what a machine without tesseract sees."""
    path = SHARED_DIR / SCANNED
    if not path.exists():
        pytest.skip("../shared/eksempler mangler")
    from gjennomgang.reading import ocr

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ocr, "available", lambda: False)
        result = checker.check_file(path)
    assert result.skannet and not result.krav
    return result


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def assert_self_contained(html: str, soup: BeautifulSoup, raw_text_has_no_urls: bool = True) -> None:
    """Nothing in the report makes a browser fetch anything."""
    assert not soup.find_all(["script", "link", "img", "iframe", "object", "embed", "base", "svg", "video",
                              "audio", "source", "form"])
    for tag in soup.find_all(True):
        for attr in ("href", "src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href"):
            value = tag.get(attr)
            if value:
                assert str(value).startswith("#"), f"<{tag.name} {attr}={value!r}>"
    css = " ".join(s.get_text() for s in soup.find_all("style"))
    css += " ".join(t["style"] for t in soup.find_all(style=True))
    for bad in ("http:", "https:", "//", "@import", "url("):
        assert bad not in css, bad
    if raw_text_has_no_urls:
        for bad in ("http:", "https:", "@import", "url("):
            assert bad not in html, bad
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*//""", html)


def assert_headings_nested(soup: BeautifulSoup) -> None:
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels and levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


# -- every example and every document type ---------------------------------------------------
def test_every_document_type_is_rendered(results, checker):
    assert {r.dokumenttype for r in results.values()} == set(checker.catalogue.doctypes)


def test_html_report_content(results, checker):
    for name, result in results.items():
        html = render_html(result, checked_at=WHEN)
        soup = _soup(html)
        assert soup.html["lang"] == "nb", name
        assert_self_contained(html, soup)
        assert_headings_nested(soup)
        # the decision line, at the top
        decision = soup.select_one("[data-beslutning]")
        assert decision is not None and decision.get_text(" ", strip=True).endswith(result.decision_line()), name
        assert soup.find("main").find(True) is decision.find_parent("section")
        # every requirement of the type, once, with its verdict word and icon
        wanted = [req.id for req in checker.catalogue.requirements_for(result.dokumenttype)]
        articles = {a["data-krav"]: a for a in soup.select("article[data-krav]")}
        assert sorted(articles) == sorted(wanted), name
        assert len(soup.select("article[data-krav]")) == len(wanted)
        for v in result.krav:
            art = articles[v.id]
            assert art["data-vurdering"] == v.vurdering
            badge = art.select_one("h3 .dom").get_text(" ", strip=True)
            assert {"oppfylt": "✔ Oppfylt", "mangler": "✘ Mangler", "usikker": "? Usikker",
                    "ikke_relevant": "– Ikke relevant"}[v.vurdering] == badge
            assert v.tittel in art.h3.get_text()
            assert f"{round(v.sikkerhet * 100)}\u00a0%" in art.get_text()
            # evidence with page numbers (and section) and highlighted words
            items = art.select("li[data-side]")
            assert sorted(li["data-side"] for li in items) == sorted(str(e["side"]) for e in v.belegg + v.mot), v.id
            for li, e in zip(items, v.belegg + v.mot):
                assert li.select_one(".sted").get_text().startswith(f"Side {e['side']}")
                if e.get("avsnitt"):
                    assert f"«{e['avsnitt']}»" in li.select_one(".sted").get_text()
                words = [w.lower() for w in e.get("treff") or []]
                if any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", e["tekst"].lower()) for w in words):
                    marks = li.find_all("mark")
                    assert marks, (v.id, e["tekst"])
                    assert all(any(w in m.get_text().lower() for w in words) for m in marks)
                assert li.blockquote.get_text() == e["tekst"]
            if v.vurdering == "mangler":
                text = art.get_text(" ", strip=True)
                assert v.forklaring and " ".join(v.forklaring.split()) in text
                assert v.kilde["sitat"] in text and v.kilde["dokument"] in art.cite.get_text()
                assert v.hint and v.hint in art.select_one(".tips").get_text()
        # counts per level
        counts = result.counts()
        for row in soup.select("table.telling tbody tr"):
            level = row["data-niva"]
            for cell in row.select("td[data-vurdering]"):
                assert int(cell.get_text()) == counts.get(level, {}).get(cell["data-vurdering"], 0)
        # document type, pipeline, model, catalogue, fingerprint, date
        about = soup.find(id="om-tittel").find_parent("section").get_text(" ", strip=True)
        for piece in (result.pipeline, result.katalog, result.sha256, result.fil, "31.03.2025"):
            assert piece in about, (name, piece)
        assert soup.select_one("[data-sha256]")["data-sha256"] == result.sha256


def test_markdown_report_content(results):
    for name, result in results.items():
        md = render_markdown(result, checked_at=WHEN)
        assert md.startswith("# Kompletthetsrapport")
        assert result.decision_line() in md, name
        for v in result.krav:
            assert f"`{v.id}`" in md
            assert escape_markdown(v.tittel) in md
        for v in result.krav:
            for e in v.belegg:
                assert f"side {e['side']}" in md
        assert result.sha256 in md
        assert "<" not in re.sub(r"\\<", "", md), name  # document text cannot smuggle in HTML
        assert "http:" not in md and "https:" not in md


def test_facts_panel(results):
    result = results["sluttrapport_familien_kvalsvik.txt"]
    soup = _soup(render_html(result, checked_at=WHEN))
    facts = soup.find(id="fakta-tittel").find_parent("section")
    terms = [dt_.get_text(strip=True) for dt_ in facts.find_all("dt")]
    assert "Tiltaket startet" in terms and "Arena" in terms
    text = facts.get_text(" ", strip=True)
    assert "1. oktober 2024" in text  # ISO dates are shown the Norwegian way
    assert "kilder" not in terms


# -- scanned, unreadable, odd input ------------------------------------------------------------
def test_scanned_input_says_so_plainly(scanned_result):
    html = render_html(scanned_result, checked_at=WHEN)
    soup = _soup(html)
    assert_self_contained(html, soup)
    assert_headings_nested(soup)
    assert soup.select_one("[data-beslutning]").get_text(" ", strip=True).endswith(scanned_result.decision_line())
    assert "skannet" in soup.h2.find_parent("section").get_text()
    assert not soup.select("[data-krav]") and not soup.select(".dom-mangler")
    text = soup.get_text(" ", strip=True)
    assert "Ingen krav er vurdert" in text and "Det er IKKE vurdert som mangelfullt" in text
    assert scanned_result.sha256 in text
    md = render_markdown(scanned_result, checked_at=WHEN)
    assert "Ingen krav er vurdert" in md and "Mangler" not in md


def test_unreadable_input_report():
    result = error_result("tull.pdf", "ulesbar", "Filen er ikke en gyldig PDF.")
    soup = _soup(render_html(result))
    assert "Kunne ikke sjekkes: Filen er ikke en gyldig PDF." in soup.select_one("[data-beslutning]").get_text()
    assert not soup.select("[data-krav]")
    assert "Dokumentet kunne ikke sjekkes" in soup.get_text()


def _synthetic(evidence_text: str, **kw) -> Result:
    v = Verdict(id="barnets_medvirkning", niva="krav", tittel="Barnets medvirkning", vurdering="usikker", sikkerhet=0.31,
                belegg=[{"side": 2, "avsnitt": 'Om barnet "><b>x</b>', "tekst": evidence_text, "kilde": "modell",
                         "styrke": 0.4, "start": 0, "slutt": 5, "treff": ["lekte"], "ocr": True}],
                forklaring="Noe tyder på at innholdet finnes.", hint="Beskriv hvordan barnet ble møtt.",
                kilde={"dokument": "Retningslinje", "sitat": "Barns medvirkning skal dokumenteres."})
    base = dict(fil="rapport.pdf", sha256="ab" * 32, dokumenttype="sluttrapport", dokumenttype_sikkerhet=0.0,
                dokumenttype_overstyrt=True, skannet=True, pipeline="nb_gjennomgang 0.1.0", modell="klassifiserer 3",
                sprak="nb", sider=2, krav=[v], fakta={"tiltak_start": "2024-10-01", "varighet_maneder": 4.0,
                                                      "tolk_brukt": False, "metoder": ["video_veiledning"]},
                ocr_sider=[2], melding="Dokumentet er skannet; side 2 er lest med OCR.", katalog="abc123")
    base.update(kw)
    return Result(**base)


def test_document_text_is_escaped_and_ocr_marked():
    nasty = 'Vi lekte <script>alert("x")</script> <img src="https://evil.example/x.png"> med henne.'
    html = render_html(_synthetic(nasty))
    soup = _soup(html)
    assert_self_contained(html, soup, raw_text_has_no_urls=False)
    li = soup.select_one("li[data-side]")
    assert li.blockquote.get_text() == nasty and li.mark.get_text() == "lekte"
    assert "OCR-lest" in li.select_one(".sted").get_text()
    assert "valgt av brukeren" in soup.get_text() and "klassifiserer 3" in soup.get_text()
    assert "side 2 er lest med OCR" in soup.get_text()
    facts = soup.find(id="fakta-tittel").find_parent("section").get_text(" ", strip=True)
    assert "1. oktober 2024" in facts and "Varighet (måneder) 4" in facts and "Tolk brukt nei" in facts
    md = render_markdown(_synthetic(nasty))
    assert "<script>" not in md and "\\<script\\>" in md and "**lekte**" in md


def test_highlight_segments():
    assert highlight("Barnets stemme ble hørt, og barnet lekte.", ["barnets stemme", "lekte", "Barnets"]) == [
        ("Barnets stemme", True), (" ble hørt, og barnet ", False), ("lekte", True), (".", False)]
    assert highlight("ingen treff her", ["lek"]) == [("ingen treff her", False)]
    assert highlight("", ["x"]) == []


def test_write_report_names_and_files(results, tmp_path):
    result = results["sluttrapport_familien_kvalsvik.txt"]
    html = write_report(result, "html", tmp_path / "ut")
    md = write_report(result, "md", tmp_path / "ut")
    assert html.name == "sluttrapport_familien_kvalsvik.gjennomgang.html" and html.parent == tmp_path / "ut"
    assert md.name == "sluttrapport_familien_kvalsvik.gjennomgang.md"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    odd = error_result("../../x y?.pdf", "ulesbar", "Nei.")
    assert report_name(odd, "html") == "x_y.gjennomgang.html"
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == sorted([html.name, md.name])


def test_write_report_error_is_norwegian(results, tmp_path):
    from gjennomgang.errors import GjennomgangError

    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(GjennomgangError, match="Kunne ikke skrive rapporten .*stien er ikke en mappe"):
        write_report(results["sluttrapport_familien_kvalsvik.txt"], "html", tmp_path / "fil" / "ut")


def test_cli_writes_report(tmp_path, capsys):
    from gjennomgang.cli import main

    src = tmp_path / "referat_oppstartsmote.txt"
    src.write_text(_text("referat_oppstartsmote"), encoding="utf-8")
    status = main(["sjekk", str(src), "--rapport", "md", "--ut", str(tmp_path / "r"), "--masker-navn",
                   "--format", "json", "--uten-modell", "--sprakmodell", "fallback"])
    assert status == 0
    out = (tmp_path / "r" / "referat_oppstartsmote.gjennomgang.md").read_text(encoding="utf-8")
    assert "Kompletthetsrapport" in out and "Kvalsvik" not in out and "[navn]" in out


# -- name masking ----------------------------------------------------------------------------
def test_masked_report_hides_invented_names(results):
    for doctype in TEXTS:
        result = results[f"{doctype}_familien_kvalsvik.txt"]
        plain = render_html(result)
        masked = render_html(result, mask_names=True)
        assert "Kvalsvik" in plain or "Hamnes" in plain or "Sæterdal" in plain  # the test has teeth
        for name in INVENTED_NAMES + [FNR_A, FNR_B, FNR_B[:6]]:
            assert name not in masked, (doctype, name)
        assert "navn maskert" in masked
        md = render_markdown(result, mask_names=True)
        for name in INVENTED_NAMES:
            assert name not in md, (doctype, name)


def test_masked_examples_hide_family_names(results):
    for name, result in results.items():
        m = re.search(r"familien_([a-zæøå]+)", name)
        if not m or name.endswith(".txt"):
            continue
        family = m.group(1).capitalize()
        masked = render_html(result, mask_names=True)
        assert not re.search(r"(?<![^\W_])" + family + r"(?![^\W_])", masked), (name, family)
        assert masked.count("[navn]") >= 3


def test_mask_names_heuristic():
    def m(text: str) -> str:
        return mask_names(text, use_model=False)

    assert m("Vi lekte med Ingvild på gulvet.") == "Vi lekte med [navn] på gulvet."
    assert m("Til stede: Brynhild Kvalsvik (mor) og Per Olsen (far).") == "Til stede: [navn] (mor) og [navn] (far)."
    assert m("Agnieszka kom fra Polen for to år siden.") == "[navn] kom fra Polen for to år siden."
    assert m("Vi brukte Marte Meo, og NAV og BUP var med. RS-virus er vanlig.") == \
        "Vi brukte Marte Meo, og NAV og BUP var med. RS-virus er vanlig."
    assert m("Barnet er for lite til å medvirke. Dette gjelder familien Hamnes.") == \
        "Barnet er for lite til å medvirke. Dette gjelder familien [navn]."
    assert m("Mor: Brynhild var glad.") == "Mor: [navn] var glad."
    assert m(f"Fødselsnummer {FNR_A}, og {FNR_B[:6]} {FNR_B[6:]}.") == "Fødselsnummer [fødselsnummer], og [fødselsnummer]."
    assert m("Kontonummer 12345678901 og telefon 22 33 44 55.") == "Kontonummer 12345678901 og telefon 22 33 44 55."
    assert m("") == ""


def test_masker_learns_names_from_the_whole_document():
    document = "Vi var hjemme hos Ingvild. Hun lekte. Ingvild er to år."
    masker = NameMasker.for_document(document, use_model=False)
    assert "Ingvild" in masker.known
    assert masker("Ingvild er to år.") == "[navn] er to år."
    assert masker("Ingvilds søvn er bedre.") == "[navn] søvn er bedre."


def test_mask_names_uses_ner_entities_when_own_pipeline_has_them(monkeypatch):
    class Ent:
        def __init__(self, s, e, label):
            self.start_char, self.end_char, self.label_ = s, e, label

    class Doc:
        def __init__(self, text):
            self.ents = [Ent(m.start(), m.end(), "PER") for m in re.finditer(r"Solveig Aune|Solveig", text)]
            self.ents += [Ent(m.start(), m.end(), "GPE_LOC") for m in re.finditer(r"Tromsø", text)]

    monkeypatch.setattr(masking, "_ner_pipeline", lambda: (lambda text: Doc(text)))
    masker = NameMasker()
    assert masker.nlp is not None and "språkmodell" in masker.method
    assert masker("Solveig Aune flyttet til Tromsø. Solveig er glad.") == "[navn] flyttet til Tromsø. [navn] er glad."
    # role words and identity numbers are masked on this path too
    assert masker(f"mor Brynhild har fnr {FNR_A}") == "mor [navn] har fnr [fødselsnummer]"
    # a sentence-initial name that is also a word: only the model can tell
    assert mask_names("Liv er glad.", use_model=False) == "Liv er glad."
    monkeypatch.setattr(Doc, "__init__", lambda self, text: setattr(self, "ents", [Ent(0, 3, "PER")]))
    assert NameMasker()("Liv er glad.") == "[navn] er glad."


# -- a real browser: screenshot and A4 print ---------------------------------------------------
def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
def test_screenshot_and_print_with_headless_chromium(results, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium er ikke installert")
    name = "referat_samarbeidsmote_familien_lund.pdf"
    result = results.get(name) or results["sluttrapport_eksempel_prosa.pdf"]
    ARTEFACTS.mkdir(exist_ok=True)
    html = write_report(result, "html", ARTEFACTS)
    png = ARTEFACTS / (html.stem + ".png")
    pdf = ARTEFACTS / (html.stem + ".pdf")
    for old in (png, pdf):
        old.unlink(missing_ok=True)
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profil'}"]
    subprocess.run(common + [f"--screenshot={png}", "--window-size=1200,2400", html.resolve().as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.exists(), "chromium laget ikke noe skjermbilde"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 2400)
    subprocess.run(common + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert pdf.exists(), "chromium skrev ikke ut PDF"
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert 1 <= len(doc.pages) <= 12
        page = doc.pages[0]
        assert abs(page.width - 595) < 2 and abs(page.height - 842) < 2  # A4 portrait
        first = page.extract_text() or ""
    assert result.decision_line() in first and "Side 1 av" in first


def test_mask_names_with_whatever_pipeline_is_installed():
    """With or without our own NER model, the rules still hide names and numbers."""
    out = mask_names(f"Vi lekte med Ingvild Kvalsvik hjemme. Fødselsnummer: {FNR_A}.")
    assert "Ingvild" not in out and "Kvalsvik" not in out and FNR_A not in out
    assert out.startswith("Vi lekte med [navn] hjemme.")
