"""The Gradio page: through gradio_client, through a real browser, and its logic without a browser.

One server runs in a subprocess for the whole module (private TMPDIR/GRADIO_TEMP_DIR, files
deleted after a few seconds) so the whole file stays well under a minute and a half.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "eksempler" / "sluttrapport_eksempel_mal.pdf"
PDF2 = ROOT / "eksempler" / "referat_samarbeidsmote_eksempel_tokolonne.pdf"
ARTEFACTS = ROOT / "testartefakter"
CHROMIUM = Path("/usr/bin/chromium")
DELETE_AFTER = 6  # seconds; the app's GJENNOMGANG_SLETT_ETTER_SEKUNDER in these tests
DECISION = re.compile(r"^(Klar for godkjenning|Ikke klar: \d+ krav mangler|Må vurderes manuelt: \d+ usikre)$")
# Sentences from the example PDF that must never appear in the server's log.
SECRET_BITS = ["Yusuf", "Trygghetssirkelen", "Lyngtun", "Haddad"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("app")
    tmp, gradio_tmp = base / "tmp", base / "gradio"
    tmp.mkdir()
    gradio_tmp.mkdir()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GJENNOMGANG_")}
    env.update(TMPDIR=str(tmp), GRADIO_TEMP_DIR=str(gradio_tmp), GJENNOMGANG_PORT=str(port),
               GJENNOMGANG_SLETT_ETTER_SEKUNDER=str(DELETE_AFTER), GRADIO_ANALYTICS_ENABLED="False",
               PYTHONUNBUFFERED="1")
    log_path = base / "server.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=base, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail("appen stoppet ved oppstart:\n" + log_path.read_text())
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("appen startet ikke innen 60 s:\n" + log_path.read_text())
        time.sleep(0.3)
    info = {"url": url, "tmp": tmp, "gradio_tmp": gradio_tmp, "log": log_path, "base": base, "proc": proc}
    yield info
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _client(server, tmp_path):
    from gradio_client import Client

    return Client(server["url"], download_files=str(tmp_path / "klient"), verbose=False)


def _server_files(server) -> list[Path]:
    return [p for d in (server["tmp"], server["gradio_tmp"]) for p in d.rglob("*") if p.is_file()]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# -- through gradio_client ----------------------------------------------------------------------
def test_api_check_pdf_gives_verdicts(server, tmp_path):
    from gradio_client import handle_file

    client = _client(server, tmp_path)
    out = client.predict(handle_file(str(PDF)), "", "auto", api_name="/sjekk")
    decision_html, info_html, checklist_html, picker, shown, evidence, dl_html, dl_json = out[:8]
    json_path = dl_json["value"] if isinstance(dl_json, dict) else dl_json
    data = json.loads(Path(json_path).read_text(encoding="utf-8"))
    assert data["fil"] == PDF.name and data["dokumenttype"] == "sluttrapport"
    assert data["krav"] and all(k["vurdering"] in {"oppfylt", "mangler", "usikker", "ikke_relevant"} for k in data["krav"])
    assert DECISION.match(data["beslutning"])
    assert data["beslutning"] in decision_html
    for k in data["krav"]:
        assert f'data-krav="{k["id"]}"' in checklist_html
    assert "Krav" in checklist_html and "Bør følges" in checklist_html
    assert "slettet fra serveren" in info_html
    import importlib.util

    if importlib.util.find_spec("gjennomgang.reporting.documents") is None:  # the HTML report, when it exists
        assert not (dl_html.get("visible") if isinstance(dl_html, dict) else dl_html)
    else:
        html_path = Path(dl_html["value"] if isinstance(dl_html, dict) else dl_html)
        assert html_path.suffix == ".html" and data["beslutning"] in html_path.read_text(encoding="utf-8")
    # The text view: every piece of the document text, some of it highlighted.
    segments = shown["value"] if isinstance(shown, dict) and "value" in shown else shown
    labelled = [s for s in segments if (s.get("class_or_confidence") if isinstance(s, dict) else s[1])]
    assert labelled, "ingen belegg uthevet"
    # Choosing another document type checks the same document again (held in memory, not on disk).
    again = client.predict("referat_stoppunkt", api_name="/sjekk_som_type")
    assert "Referat fra stoppunkt (valgt av deg)" in again[1]


def test_no_uploaded_file_remains(server, tmp_path):
    from gradio_client import handle_file

    _client(server, tmp_path).predict(handle_file(str(PDF)), "", "auto", api_name="/sjekk")
    digest = _sha(PDF)
    # The upload is gone as soon as the result is delivered ...
    left = [p for p in _server_files(server) if p.name == PDF.name or (p.stat().st_size and _sha(p) == digest)]
    assert not left, f"opplastet fil ligger igjen: {left}"
    # ... and the reports after the configured delay.
    deadline = time.monotonic() + DELETE_AFTER + 8
    while time.monotonic() < deadline:
        reports = [p for p in _server_files(server) if p.suffix in (".json", ".html", ".pdf", ".csv", ".xlsx")]
        if not reports:
            break
        time.sleep(0.5)
    assert not reports, f"rapporter ble ikke slettet: {reports}"
    # Nothing of ours outside the private temp dirs: the server's cwd stays empty.
    assert sorted(p.name for p in server["base"].iterdir()) == ["gradio", "server.log", "tmp"]


def test_api_batch_with_zip_and_bad_file(server, tmp_path):
    from gradio_client import handle_file

    zpath = tmp_path / "mappe.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(PDF, "rapporter/" + PDF.name)
        z.writestr("../../utenfor.txt", "Dette er bare en kort tekst uten innhold som kan vurderes.")
        z.writestr("indre.zip", b"PK\x03\x04")
    bad = tmp_path / "ikke_en.pdf"
    bad.write_text("dette er ikke en pdf")
    out = _client(server, tmp_path).predict([handle_file(str(zpath)), handle_file(str(PDF2)), handle_file(str(bad))],
                                            "auto", api_name="/sjekk_flere")
    summary_html, table, dl_csv, dl_xlsx = out[:4]
    table = table.get("value", table) if isinstance(table, dict) else table
    headers, rows = table["headers"], table["data"]
    assert headers[:3] == ["Fil", "Dokumenttype", "Beslutning"] and len(headers) > 3
    by_name = {r[0]: r for r in rows}
    assert DECISION.match(by_name["mappe.zip/rapporter/" + PDF.name][2])
    assert DECISION.match(by_name[PDF2.name][2])
    assert by_name["ikke_en.pdf"][2].startswith("Kunne ikke sjekkes: Filen heter .pdf, men er ikke en PDF-fil")
    assert "mappe.zip/utenfor.txt" in by_name  # the traversal name is only a label
    assert "pakkes ikke ut" in by_name["mappe.zip/indre.zip"][2]
    assert "5 dokumenter" in summary_html
    csv_path = Path(dl_csv["value"] if isinstance(dl_csv, dict) else dl_csv)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Fil;Dokumenttype;Beslutning;")
    from openpyxl import load_workbook

    wb = load_workbook(dl_xlsx["value"] if isinstance(dl_xlsx, dict) else dl_xlsx)
    assert wb.sheetnames == ["Vurderinger", "Krav"] and wb["Vurderinger"].max_row == len(rows) + 1
    assert not (server["base"].parent / "utenfor.txt").exists()
    assert not any(p.name == "utenfor.txt" for p in server["base"].rglob("*"))


# -- through a real browser -----------------------------------------------------------------------
@pytest.mark.browser
def test_browser_upload_shows_decision_and_evidence(server):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium mangler (Debian-pakken chromium); nettlesertesten hoppes over")
    pytest.importorskip("playwright.sync_api", reason="python-pakken playwright mangler")
    from playwright.sync_api import expect, sync_playwright

    ARTEFACTS.mkdir(exist_ok=True)
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        try:
            page = browser.new_page(locale="nb-NO", viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: outside.append(r.url)
                    if not r.url.startswith((server["url"].rstrip("/"), "data:", "blob:")) else None)
            page.goto(server["url"])
            page.set_input_files("#gj-fil input[type=file]", str(PDF))
            page.click("#gj-sjekk")
            page.wait_for_selector("#gj-sjekkliste", timeout=40_000)
            decision = page.locator("#gj-beslutning .gj-decision-text")
            expect(decision).to_be_visible()
            assert DECISION.match(decision.inner_text().strip())
            highlight = page.locator("#gj-tekst .token.highlighted").first
            expect(highlight).to_be_visible()
            assert page.locator("#gj-sjekkliste .gj-badge").count() >= 5
            page.screenshot(path=str(ARTEFACTS / "gradio_sjekk_dokument.png"), full_page=True)

            # Choosing a requirement shows its evidence with page and section.
            page.locator("#gj-kravvalg label").nth(1).click()
            expect(page.locator("#gj-belegg")).to_contain_text("Side")

            page.get_by_role("tab", name="Flere dokumenter").click()
            page.set_input_files("#gj-filer input[type=file]", [str(PDF), str(PDF2)])
            page.click("#gj-sjekk-flere")
            page.wait_for_selector("#gj-oppsummering", timeout=40_000)
            expect(page.locator("#gj-tabell")).to_contain_text(PDF2.name)
            page.screenshot(path=str(ARTEFACTS / "gradio_flere_dokumenter.png"), full_page=True)

            # Over the upload limit: Gradio refuses it in the browser, with our Norwegian wording.
            big = server["base"].parent / "for_stor.pdf"
            with open(big, "wb") as fh:
                fh.truncate(51 * 1024 * 1024)
            page.set_input_files("#gj-filer input[type=file]", str(big))
            expect(page.get_by_text("Filen er for stor")).to_be_visible(timeout=15_000)
            big.unlink()
        finally:
            browser.close()
    assert not outside, f"siden hentet noe utenfra: {outside[:5]}"


def test_log_has_no_document_text(server):
    log = server["log"].read_text(encoding="utf-8", errors="replace")
    assert "sjekket «" in log  # the checks above were logged (file names only)
    for bit in SECRET_BITS:
        assert bit not in log, f"dokumenttekst i loggen: {bit}"
    assert "Traceback" not in log


# -- logic without a browser ------------------------------------------------------------------------
def test_settings_and_warning_for_open_address():
    from gjennomgang.web.settings import InnstillingFeil, from_env, is_local

    s = from_env({})
    assert (s.host, s.port, s.max_mb, s.delete_after, s.login) == ("127.0.0.1", 7860, 50, 300, None)
    assert not s.warnings()
    open_ = from_env({"GJENNOMGANG_VERT": "0.0.0.0"})
    assert any("UTEN innlogging" in w for w in open_.warnings())
    locked = from_env({"GJENNOMGANG_VERT": "0.0.0.0", "GJENNOMGANG_BRUKER": "leder", "GJENNOMGANG_PASSORD": "x"})
    assert locked.login == ("leder", "x") and not any("UTEN" in w for w in locked.warnings())
    assert is_local("localhost") and is_local("::1") and not is_local("10.0.0.5")
    with pytest.raises(InnstillingFeil, match="heltall"):
        from_env({"GJENNOMGANG_PORT": "sju"})
    with pytest.raises(InnstillingFeil, match="Både"):
        from_env({"GJENNOMGANG_BRUKER": "leder"})


def test_zip_guards():
    from gjennomgang.web.batch import unpack_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("/etc/passwd", "a")
        z.writestr("../x/ok.txt", "tekst")
        z.writestr("bombe.txt", b"\0" * (3 * 1024 * 1024))
        z.writestr("__MACOSX/._ok.txt", "skjult")
    items = list(unpack_zip("a.zip", buf.getvalue(), max_bytes=10 * 1024 * 1024, max_total=50 * 1024 * 1024,
                            max_members=10))
    names = {i.name: i for i in items}
    assert set(names) == {"a.zip/etc/passwd", "a.zip/x/ok.txt", "a.zip/bombe.txt"}
    assert names["a.zip/x/ok.txt"].data == b"tekst"
    assert "zip-bombe" in names["a.zip/bombe.txt"].error.melding
    many = list(unpack_zip("a.zip", buf.getvalue(), 10 * 1024 * 1024, 50 * 1024 * 1024, max_members=2))
    assert len(many) == 1 and "mer enn grensen" in many[0].error.melding
    assert "skadet" in list(unpack_zip("b.zip", b"PK\x03\x04tull", 10, 10, 10))[0].error.melding


def test_highlights_cover_text_and_csv_neutralises_formulas(tmp_path):
    from gjennomgang.result import Result, Verdict
    from gjennomgang.web import batch, views

    text = "Første setning. Barnet fikk si sin mening. Siste setning."
    s = text.index("Barnet")
    ev = {"side": 1, "avsnitt": "Barnet", "tekst": "Barnet fikk si sin mening.", "kilde": "regel", "styrke": 0.8,
          "start": s, "slutt": s + 26}
    r = Result(fil="=cmd.txt", sha256="", dokumenttype="sluttrapport", dokumenttype_sikkerhet=0.9,
               dokumenttype_overstyrt=False, skannet=False, pipeline="p", modell="m", sprak="nb", sider=1,
               krav=[Verdict("barnets_medvirkning", "krav", "Barnets medvirkning", "oppfylt", 0.9, belegg=[ev]),
                     Verdict("tolk", "krav", "Bruk av tolk", "mangler", 0.9, hint="Skriv om tolk.")],
               fakta={}, tekst=text)
    for req in (views.ALL, "barnets_medvirkning", "tolk"):
        segs = views.highlights(r, req)
        assert "".join(t for t, _ in segs) == text
    assert ("Barnet fikk si sin mening.", "Belegg") in views.highlights(r, "barnets_medvirkning")
    assert "Side 1" in views.evidence_html(r, "barnets_medvirkning")
    assert "Skriv om tolk." in views.evidence_html(r, "tolk")
    assert "<script>" not in views.info_html(Result(**{**r.__dict__, "fil": "<script>.pdf"}))
    headers, rows = batch.table([r])
    assert headers == ["Fil", "Dokumenttype", "Beslutning", "barnets_medvirkning", "tolk"]
    assert rows[0][3:] == ["✔ Oppfylt", "✘ Mangler"]
    csv_text = batch.write_csv(tmp_path / "t.csv", headers, rows).read_text(encoding="utf-8-sig")
    assert "\n'=cmd.txt;" in csv_text


def test_temp_store_deletes_uploads_and_expired_files(tmp_path):
    from gjennomgang.errors import ForStorFil, UlesbarFil
    from gjennomgang.web.storage import TempStore

    store = TempStore.create(delete_after=60, parent=tmp_path)
    up = store.gradio_dir / "abc" / "stor.pdf"
    up.parent.mkdir()
    up.write_bytes(b"%PDF-" + b"x" * 2000)
    with pytest.raises(ForStorFil, match="mer enn grensen"):
        store.take_upload(up, max_bytes=1000)
    assert not up.exists() and not up.parent.exists()
    with pytest.raises(UlesbarFil, match="allerede slettet"):
        store.take_upload(up, max_bytes=1000)
    with pytest.raises(UlesbarFil):
        store.take_upload(tmp_path / "utenfor.pdf", max_bytes=1000)  # never touches files outside its root
    report = store.new_report_dir() / "r.json"
    report.write_text("{}")
    assert store.sweep() == 0 and report.exists()
    assert store.sweep(age=0) == 1 and not report.exists()
    store.close()
    assert not store.root.exists()
