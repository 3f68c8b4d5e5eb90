"""Hostile and broken inputs: a clear Norwegian answer every time, within limits, nothing leaked.

`checker` is the session fixture from conftest.py (fallback pipeline, rules only); the CLI runs
use the same (`--sprakmodell fallback --uten-modell`) so their results can be compared.

Every bad file is generated here (tests/hostile_inputs.py). The CLI runs in subprocesses under a
1 GiB address-space limit (RLIMIT_AS) and a timeout; they run two at a time from one fixture,
so the whole file stays around a minute. Each run gets a private TMPDIR that must be empty
afterwards. The same messages must come out of `Checker.check_bytes` (what the Gradio page uses).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_inputs as h  # noqa: E402

from gjennomgang import isolation  # noqa: E402
from gjennomgang.checker import Checker  # noqa: E402
from gjennomgang.reading import ocr  # noqa: E402
from gjennomgang.reading.limits import Limits  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCANNED_EXAMPLE = REPO.parent / "shared" / "eksempler" / "sluttrapport_familien_nilsen_skannet.pdf"
GOLD = REPO.parent / "shared" / "eksempler" / "gold.jsonl"
GIB = 1 << 30
HAS_OCR = ocr.available()
needs_ocr = pytest.mark.skipif(not HAS_OCR, reason="tesseract med norsk (tesseract-ocr-nor) er ikke installert")


# -- running the CLI under limits -----------------------------------------------------------

@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    tmpdir: Path
    lines: list[dict] = field(default_factory=list)
    cpu_seconds: float = 0.0

    @property
    def json(self) -> dict:
        assert len(self.lines) == 1, self.stdout[:500]
        return self.lines[0]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def _peak_rss_kb(pid: int) -> int:
    """VmHWM of a running process (its own peak since exec; wait4's ru_maxrss would also count the
    pytest process it was forked from)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_cli(args: list[str], tmpdir: Path, *, env: dict | None = None, timeout: float = 60,
            on_stderr_line=None) -> Run:
    """`python -m gjennomgang ARGS` under RLIMIT_AS = 1 GiB; time, CPU (wait4) and peak RSS (VmHWM)."""
    tmpdir.mkdir(parents=True, exist_ok=True)
    full_env = dict(os.environ, TMPDIR=str(tmpdir), PYTHONUNBUFFERED="1")
    full_env.pop("GJENNOMGANG_ISOLER", None)
    full_env.update(env or {})
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "gjennomgang", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_limit_memory, env=full_env, cwd=REPO)
    out: dict[str, bytes] = {}

    def read_stdout():
        out["out"] = proc.stdout.read()

    def read_stderr():
        chunks = []
        for line in proc.stderr:
            chunks.append(line)
            if on_stderr_line:
                on_stderr_line(proc, line.decode("utf-8", "replace"))
        out["err"] = b"".join(chunks)

    readers = [threading.Thread(target=read_stdout), threading.Thread(target=read_stderr)]
    for r in readers:
        r.start()
    peak_kb = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_kb = max(peak_kb, _peak_rss_kb(proc.pid))
        if time.monotonic() - started > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            for r in readers:
                r.join()
            pytest.fail(f"gjennomgang {' '.join(args)} brukte mer enn {timeout} s")
        time.sleep(0.02)
    seconds = time.monotonic() - started
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out.get("out", b"").decode("utf-8")
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{") and line.endswith("}")]
    return Run(args, proc.returncode, stdout, out.get("err", b"").decode("utf-8"), seconds,
               (peak_kb or usage.ru_maxrss) / 1024, tmpdir, lines, usage.ru_utime + usage.ru_stime)


# -- the corpus --------------------------------------------------------------------------------

# name: (file name, bytes, extra CLI args, exit status, message fragment, error code)
BAD = {
    "tom_fil": ("tom.pdf", lambda: b"", [], 3, "Filen er tom (0 byte eller bare blanke tegn).", "tom_fil"),
    "tekst_kalt_pdf": ("notat.pdf", h.text_renamed_pdf, [], 3, "Filen heter .pdf, men er ikke en PDF-fil", "ulesbar"),
    "avkortet_pdf": ("avkortet.pdf", h.truncated_pdf, [], 3, "PDF-filen er ufullstendig: slutten av filen mangler",
                     "ulesbar"),
    "pdf_med_stoy": ("stoy.pdf", h.garbage_pdf, [], 3, "Filen kunne ikke leses som PDF.", "ulesbar"),
    "passord_mangler": ("laast.pdf", h.encrypted_pdf, [], 4,
                        "PDF-filen er passordbeskyttet. Lagre en kopi uten passord, eller oppgi passordet med "
                        "--passord på kommandolinjen.",
                        "passord"),
    "passord_feil": ("laast.pdf", h.encrypted_pdf, ["--passord", "gjett"], 4,
                     "Passordet som ble oppgitt for PDF-filen, er feil.", "passord"),
    "500_sider": ("vedlegg.pdf", h.many_pages_pdf, [], 5, "Dokumentet har 500 sider, mer enn grensen på 300.",
                  "for_stor"),
    "komprimeringsbombe": ("bombe.pdf", h.compression_bomb_pdf, [], 5, "mulig «komprimeringsbombe»", "for_stor"),
    "dobbel_komprimeringsbombe": ("bombe2.pdf", h.double_bomb_pdf, [], 5, "mulig «komprimeringsbombe»", "for_stor"),
    "zip_bombe_docx": ("rapport.docx", h.zip_bomb_docx, [], 5,
                       "Word-filen pakker seg ut til 300 MB, langt mer enn et vanlig dokument. "
                       "Den er avvist som en mulig «zip-bombe».", "for_stor"),
    "zip_bombe_som_lyver": ("rapport2.docx", h.lying_zip_docx, [], 3,
                            "Filen kunne ikke leses som Word-dokument (.docx). Den kan være skadet.", "ulesbar"),
}

# Files that are odd but readable: name → (file name, bytes, extra args)
GOOD = {
    "rapport_pdf": ("rapport.pdf", h.report_pdf, []),
    "odelagt_xref": ("xref.pdf", h.broken_xref_pdf, []),
    "passord_riktig": ("laast.pdf", h.encrypted_pdf, ["--passord", "hemmelig"]),
    "tusenvis_av_tekstobjekter": ("tett.pdf", h.tiny_objects_pdf, []),
    "windows_1252": ("rapport_ansi.txt", h.cp1252_txt, []),
    "rar_unicode": ("rapport_unicode.txt", h.odd_unicode_txt, []),
}
OCR_CASES = {
    "skannet": ("skannet.pdf", h.scanned_pdf, []),
    "blandet": ("blandet.pdf", h.mixed_pdf, []),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fiendtlige")
    out = {}
    for table in (BAD, GOOD, OCR_CASES):
        for key, (name, make, *_rest) in table.items():
            path = folder / key / name
            path.parent.mkdir()
            path.write_bytes(make())
            out[key] = path
    return out


GOOD_BATCH = ["rapport_pdf", "odelagt_xref", "passord_riktig", "tusenvis_av_tekstobjekter", "windows_1252",
              "rar_unicode"]
MIXED_BATCH = ["tom_fil", "komprimeringsbombe", "rapport_pdf", "passord_mangler", "windows_1252", "500_sider",
               "zip_bombe_docx"]


@pytest.fixture(scope="module")
def runs(files, tmp_path_factory) -> dict[str, Run]:
    """All CLI runs of this file, two at a time (CI has two cores). Keyed by case or batch name."""
    tmp = tmp_path_factory.mktemp("tmpdirs")
    base = ["sjekk", "--uten-modell", "--sprakmodell", "fallback", "--format", "json"]
    jobs: dict[str, tuple[list[str], dict]] = {}
    for key, (_n, _m, extra, *_rest) in BAD.items():
        jobs[key] = (base + extra + [str(files[key])], {})
    # Readable files in one run; the password is tried on all of them and only matters for one.
    jobs["lesbare"] = (base + ["--passord", "hemmelig"] + [str(files[k]) for k in GOOD_BATCH], {})
    jobs["blandet_bunke"] = (base + [str(files[k]) for k in MIXED_BATCH], {})
    isolated = MIXED_BATCH + (["skannet"] if HAS_OCR else [])
    jobs["blandet_bunke_isolert"] = (base + ["--isoler"] + [str(files[k]) for k in isolated], {})
    jobs["uten_tesseract"] = (base + [str(files["skannet"])], {"GJENNOMGANG_TESSERACT": "/finnes/ikke/tesseract"})
    if HAS_OCR:
        jobs["ocr"] = (base + [str(files["skannet"]), str(files["blandet"])], {})
        jobs["tidsgrense"] = (base + ["--maks-sekunder", "1", str(files["skannet"]), str(files["rapport_pdf"])], {})
        jobs["tidsgrense_isolert"] = (base + [str(files["skannet"])],
                                      {"GJENNOMGANG_ISOLER": "1", "GJENNOMGANG_MAKS_SEKUNDER": "1"})
        if SCANNED_EXAMPLE.exists():
            jobs["nilsen"] = (base + [str(SCANNED_EXAMPLE)], {})
    with ThreadPoolExecutor(max_workers=max(2, min(os.cpu_count() or 2, 4))) as pool:
        futures = {key: pool.submit(run_cli, args, tmp / key, env=env) for key, (args, env) in jobs.items()}
        return {key: f.result() for key, f in futures.items()}


def _line(run: Run, file_name: str) -> dict:
    found = [line for line in run.lines if line["fil"] == file_name]
    assert len(found) == 1, (file_name, [line["fil"] for line in run.lines])
    return found[0]


def _stays_within_limits(run: Run, max_seconds: float = 60) -> None:
    assert run.returncode >= 0, f"prosessen ble drept av signal {-run.returncode}"
    assert "Traceback" not in run.stderr and "uventet feil" not in run.stderr, run.stderr[-2000:]
    assert run.max_rss_mb < 1024
    assert run.seconds < max_seconds, f"{run.seconds:.1f} s"
    assert list(run.tmpdir.iterdir()) == [], "midlertidige filer ble liggende igjen"


# -- every bad input: message, exit status, limits, same message for the web page ---------------

@pytest.mark.parametrize("key", list(BAD))
def test_bad_input_gets_clear_message_and_exit_status(key, runs, files):
    name, _make, _extra, status, message, code = BAD[key]
    run = runs[key]
    assert run.returncode == status, run.stderr
    assert run.json["feil"] == code
    assert message in run.json["melding"]
    assert run.json["beslutning"].startswith("Kunne ikke sjekkes: ")
    assert f"gjennomgang: {name}: {run.json['melding']}" in run.stderr
    # The bombs and the 500-page file are refused by a limit long before they cost anything:
    # no more CPU than starting the tool and reading a small file.
    assert run.cpu_seconds < 6, f"{run.cpu_seconds:.1f} s CPU"
    _stays_within_limits(run, max_seconds=60)


@pytest.mark.parametrize("key", list(BAD))
def test_check_bytes_gives_the_cli_message(key, runs, files, checker):
    """What the Gradio page shows comes from Checker.check_bytes: it must say the same."""
    name, _make, extra, _status, _message, code = BAD[key]
    limits = Limits()
    if "--passord" in extra:
        limits.pdf_password = extra[extra.index("--passord") + 1]
    result = checker.check_bytes(files[key].read_bytes(), name, limits=limits)
    assert result.feil == code
    assert result.melding == runs[key].json["melding"]
    assert result.decision_line() == runs[key].json["beslutning"]
    json.dumps(result.as_dict(), ensure_ascii=False)


def test_odd_but_readable_inputs_are_checked(runs):
    run = runs["lesbare"]
    assert run.returncode == 0, run.stderr
    assert len(run.lines) == len(GOOD_BATCH)
    for key in GOOD_BATCH:
        line = _line(run, GOOD[key][0])
        assert "feil" not in line, (key, line.get("melding"))
        assert line["krav"], key
    _stays_within_limits(run)


def test_readable_variants_give_the_same_verdicts_as_the_clean_report(runs, checker):
    run = runs["lesbare"]
    verdicts = {key: {v["id"]: v["vurdering"] for v in _line(run, GOOD[key][0])["krav"]} for key in GOOD_BATCH}
    clean = verdicts["rapport_pdf"]
    assert sum(v == "oppfylt" for v in clean.values()) >= 7, clean
    assert verdicts["odelagt_xref"] == clean
    assert verdicts["passord_riktig"] == clean
    clean_txt = checker.check_bytes(h.report_text().replace("–", "-").encode("utf-8"), "ren.txt")
    assert verdicts["windows_1252"] == {v.id: v.vurdering for v in clean_txt.krav}


def test_batch_lists_bad_files_with_reason_and_checks_the_others(runs):
    for key in ("blandet_bunke", "blandet_bunke_isolert"):
        run = runs[key]
        assert [line["fil"] for line in run.lines][:len(MIXED_BATCH)] == [BAD.get(k, GOOD.get(k))[0] for k in MIXED_BATCH]
        for bad in ("tom_fil", "komprimeringsbombe", "passord_mangler", "500_sider", "zip_bombe_docx"):
            name, _m, _e, _s, message, code = BAD[bad]
            line = _line(run, name)
            assert line["feil"] == code and message in line["melding"]
            assert f"gjennomgang: {name}: {line['melding']}" in run.stderr
        for good in ("rapport_pdf", "windows_1252"):
            line = _line(run, GOOD[good][0])
            assert "feil" not in line and line["krav"]
        assert run.returncode == 5  # the worst status in the batch (too large)
        _stays_within_limits(run, max_seconds=90)
    plain = runs["blandet_bunke"].lines
    isolated = runs["blandet_bunke_isolert"].lines[:len(plain)]
    assert isolated == plain


# -- normalisation ----------------------------------------------------------------------------

def test_odd_unicode_normalises_to_the_clean_text(checker):
    odd = checker.check_bytes(h.odd_unicode_txt(), "rar.txt")
    clean = checker.check_bytes(h.clean_unicode_text().encode("utf-8"), "ren.txt")
    assert "Foreldremedvirkning" in odd.tekst
    assert odd.tekst == clean.tekst
    for ch in h.ODD.values():
        assert ch not in odd.tekst
    assert [(v.id, v.vurdering) for v in odd.krav] == [(v.id, v.vurdering) for v in clean.krav]


def test_odd_unicode_in_a_pdf_text_layer(checker):
    from gjennomgang.reading import read_bytes

    text = read_bytes(h.odd_unicode_pdf(), "rar.pdf").text
    for expected in h.ODD_PDF_EXPECTED:
        assert expected in text
    assert "foreldremedvirkning" in checker.check_bytes(h.odd_unicode_pdf(), "rar.pdf").tekst


def test_windows_1252_text_is_decoded(checker):
    result = checker.check_bytes(h.cp1252_txt(), "ansi.txt")
    assert "måltider" in result.tekst and "særlige" in result.tekst and "\ufffd" not in result.tekst


# -- OCR --------------------------------------------------------------------------------------

@needs_ocr
def test_scanned_pdf_is_read_with_ocr_and_marked(runs):
    run = runs["ocr"]
    assert run.returncode == 0, run.stderr
    d = _line(run, "skannet.pdf")
    assert d["skannet"] is True and d["ocr_sider"] == [1, 2]
    assert "lest med OCR" in d["melding"]
    verdicts = {v["id"]: v["vurdering"] for v in d["krav"]}
    assert sum(v == "oppfylt" for v in verdicts.values()) >= 6, verdicts
    evidence = [b for v in d["krav"] for b in v["belegg"]]
    assert evidence and all(b.get("ocr") is True for b in evidence)
    _stays_within_limits(run, max_seconds=90)
    assert _line(runs["blandet_bunke_isolert"], "skannet.pdf")["krav"] == d["krav"]


@needs_ocr
def test_mixed_pdf_ocr_only_on_the_scanned_page(runs):
    d = _line(runs["ocr"], "blandet.pdf")
    assert d["ocr_sider"] == [2]
    evidence = [b for v in d["krav"] for b in v["belegg"]]
    assert {b["side"] for b in evidence} == {1, 2}
    assert all(b.get("ocr") is True for b in evidence if b["side"] == 2)
    assert not any(b.get("ocr") for b in evidence if b["side"] == 1)


@needs_ocr
@pytest.mark.skipif(not SCANNED_EXAMPLE.exists(), reason="../shared/eksempler mangler")
def test_scanned_example_is_read_and_scored(runs, checker):
    from gjennomgang.evaluation import evaluate, load_gold

    d = runs["nilsen"].json
    assert d["ocr_sider"] == [1, 2] and d["dokumenttype"] == "sluttrapport" and d["skannet"] is True
    gold = next(g for g in load_gold(GOLD) if g.name == SCANNED_EXAMPLE.name)
    got = {v["id"]: v["vurdering"] for v in d["krav"]}
    agree = sum(got.get(rid) == label for rid, label in gold.labels.items())
    assert agree >= 7, {rid: (got.get(rid), label) for rid, label in gold.labels.items()}
    # Scored in the evaluation like any other document (not set aside as «skannet uten OCR»).
    rep = evaluate(checker, [gold], results=[_result_from_json(d)])
    assert rep["vurdert"] == 1 and rep["skannet_uten_ocr"] == [] and rep["uleselige"] == []
    assert rep["samlet"]["n"] == len(gold.labels)
    _stays_within_limits(runs["nilsen"], max_seconds=90)


def _result_from_json(d: dict):
    from gjennomgang.result import Result, Verdict

    fields = {k: v for k, v in d.items() if k in Result.__dataclass_fields__}
    fields["krav"] = [Verdict(**v) for v in d["krav"]]
    return Result(**fields)


def test_without_tesseract_the_tool_says_scanned_and_what_to_install(runs, files, checker, monkeypatch):
    run = runs["uten_tesseract"]
    assert run.returncode == 9
    assert "Dokumentet er skannet" in run.json["melding"] and "tesseract-ocr-nor" in run.json["melding"]
    assert run.json["krav"] == [] and run.json["beslutning"].startswith("Må vurderes manuelt")
    assert f"gjennomgang: skannet.pdf: {run.json['melding']}" in run.stderr
    monkeypatch.setattr(ocr, "available", lambda: False)
    result = checker.check_bytes(files["skannet"].read_bytes(), "skannet.pdf")
    assert result.skannet and not result.krav and result.melding == run.json["melding"]
    mixed = checker.check_bytes(files["blandet"].read_bytes(), "blandet.pdf")
    assert mixed.krav and mixed.ocr_sider == []
    assert any("Side 2 er skannet" in w and "tesseract-ocr-nor" in w for w in mixed.advarsler)


@needs_ocr
def test_time_limit_stops_a_slow_file(runs):
    for key in ("tidsgrense", "tidsgrense_isolert"):
        run = runs[key]
        assert run.returncode == 6, run.stderr
        line = _line(run, "skannet.pdf")
        assert line["feil"] == "tidsavbrudd"
        assert line["melding"].startswith("Lesingen tok mer enn 1 sekunder og ble avbrutt.")
        assert run.cpu_seconds < 15
        _stays_within_limits(run, max_seconds=60)
    # The next file in the batch is still checked.
    assert _line(runs["tidsgrense"], "rapport.pdf")["krav"]


# -- isolation: memory and wall clock enforced from outside -----------------------------------

class _FakeChecker:
    """Stands in for Checker inside the forked child."""

    def __init__(self, action):
        self.action = action

    def check_file(self, path, doctype=None, limits=None):
        return self.action()

    check_bytes = None


def test_isolation_kills_a_hanging_check(monkeypatch):
    monkeypatch.setattr(isolation, "GRACE_SECONDS", 0.5)
    started = time.monotonic()
    result = isolation.check_isolated(_FakeChecker(lambda: time.sleep(60)), "heng.pdf",
                                      limits=Limits(max_seconds=1))
    assert time.monotonic() - started < 5
    assert result.feil == "tidsavbrudd"
    assert result.melding.startswith("Lesingen tok mer enn 1 sekunder og ble avbrutt.")


def test_isolation_stops_a_memory_hog():
    def hog():
        blocks = []
        for _ in range(64):
            blocks.append(bytearray(64 * 1024 * 1024))
        return blocks

    result = isolation.check_isolated(_FakeChecker(hog), "minne.pdf", limits=Limits(max_memory_mb=256))
    assert result.feil == "for_stor"
    assert result.melding.startswith("Filen brukte for mye minne (mer enn 256 MB) og ble avbrutt.")


def test_isolation_survives_a_child_that_dies():
    result = isolation.check_isolated(_FakeChecker(lambda: os.kill(os.getpid(), signal.SIGKILL)), "krasj.pdf")
    assert result.feil == "for_stor" and "for mye minne" in result.melding


def test_isolation_without_the_bomb_guard_still_holds_memory(files, checker):
    """Even if a bomb slipped past the stream guard, the memory limit of --isoler stops it."""
    limits = Limits(max_memory_mb=300, max_stream_bytes=10 * GIB, max_unpacked_bytes=10 * GIB, max_ratio=10**9)
    started = time.monotonic()
    result = isolation.check_isolated(checker, files["komprimeringsbombe"], limits=limits)
    assert time.monotonic() - started < 30
    assert result.feil == "for_stor"
    assert "for mye minne" in result.melding


def test_isolated_result_equals_the_ordinary_one(files, checker):
    plain = checker.check_file(files["rapport_pdf"])
    isolated = isolation.check_isolated(checker, files["rapport_pdf"])
    assert isolated.as_dict() == plain.as_dict()
    assert isolated.tekst == plain.tekst


def test_limits_come_from_environment(monkeypatch):
    monkeypatch.setenv("GJENNOMGANG_MAKS_SIDER", "7")
    monkeypatch.setenv("GJENNOMGANG_MAKS_MB", "2")
    monkeypatch.setenv("GJENNOMGANG_MAKS_SEKUNDER", "9")
    monkeypatch.setenv("GJENNOMGANG_MAKS_MINNE_MB", "512")
    lim = Limits()
    assert (lim.max_pages, lim.max_bytes, lim.max_seconds, lim.max_memory_mb) == (7, 2 * 1024 * 1024, 9, 512)
    monkeypatch.setenv("GJENNOMGANG_MAKS_SIDER", "mange")
    assert Limits().max_pages == 300


def test_limit_options_in_cli(files, capsys):
    from gjennomgang.cli import main

    status = main(["sjekk", "--uten-modell", "--format", "json", "--maks-sider", "1", str(files["blandet"])])
    assert status == 5 and "Dokumentet har 2 sider, mer enn grensen på 1." in capsys.readouterr().err
    status = main(["sjekk", "--uten-modell", "--format", "json", "--maks-mb", "0,001", str(files["rapport_pdf"])])
    assert status == 5 and "mer enn grensen på 0,001 MB" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["sjekk", "--maks-sider", "null", str(files["rapport_pdf"])])
    assert exc.value.code == 2 and "«null» er ikke et tall" in capsys.readouterr().err


# -- privacy ----------------------------------------------------------------------------------

def _leaks(log_text: str) -> list[str]:
    """Document sentences (or any six-word stretch of one) that appear in the log."""
    found = []
    for sentence in h.report_sentences():
        words = sentence.split()
        for i in range(max(len(words) - 5, 1)):
            if " ".join(words[i:i + 6]) in log_text:
                found.append(sentence)
                break
    return found


def test_debug_logging_never_contains_document_text(files, tmp_path, checker, caplog):
    paths = [files[k] for k in ("rapport_pdf", "windows_1252", "komprimeringsbombe", "tom_fil")]
    if HAS_OCR:
        paths.append(files["skannet"])
    run = run_cli(["-v", "sjekk", "--uten-modell", "--sprakmodell", "fallback", "--format", "json", *map(str, paths)],
                  tmp_path / "tmp")
    assert run.lines and any(line.get("krav") for line in run.lines)
    assert _leaks(run.stdout), "selvtest: teksten skal stå i utdata (belegg), bare ikke i loggen"
    assert _leaks(run.stderr) == []
    with caplog.at_level(logging.DEBUG):
        for p in paths:
            if p != files["skannet"]:  # OCR already ran in the CLI above
                checker.check_bytes(p.read_bytes(), p.name)
    assert caplog.records, "selvtest: ingen logging fanget"
    assert _leaks(caplog.text) == []
    assert _leaks(str([r.args for r in caplog.records])) == []


def test_no_temporary_files_left_in_process(files, checker, tmp_path, monkeypatch):
    import tempfile

    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    for key in ("rapport_pdf", "komprimeringsbombe", "zip_bombe_docx"):
        checker.check_bytes(files[key].read_bytes(), files[key].name)
        isolation.check_isolated(checker, files[key])
    if HAS_OCR:
        assert isolation.check_isolated(checker, files["skannet"]).ocr_sider == [1, 2]
    assert list(private.iterdir()) == []


@needs_ocr
@pytest.mark.parametrize("isolated", [False, True], ids=["vanlig", "isolert"])
def test_ctrl_c_during_ocr_leaves_nothing_behind(isolated, tmp_path):
    scan = tmp_path / "lang_skann.pdf"
    scan.write_bytes(h.scanned_pages_pdf(8))
    sent = threading.Event()

    def interrupt(proc, line):
        if "skannede sider med OCR" in line and not sent.is_set():
            time.sleep(0.8)
            proc.send_signal(signal.SIGINT)
            sent.set()

    args = ["-v", "sjekk", "--uten-modell", "--sprakmodell", "fallback", "--format", "json"] + (["--isoler"] if isolated else []) + [str(scan)]
    run = run_cli(args, tmp_path / "tmp", timeout=40, on_stderr_line=interrupt)
    assert sent.is_set()
    assert run.returncode == 130, run.stderr[-500:]
    assert "gjennomgang: avbrutt." in run.stderr
    assert run.lines == []
    assert run.seconds < 20
    assert list((tmp_path / "tmp").iterdir()) == []


# -- no network, models only through skops ----------------------------------------------------

def _tiny_model(folder: Path) -> Path:
    """A small real model bundle saved with the project's own save_model (skops + model card)."""
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    from gjennomgang.analysis.classifier import save_model
    from gjennomgang.catalogue import load_catalogue

    texts = ["vi har arbeidet med rutiner og veiledning", "tiltaket har hatt god virkning for barnet",
             "mor ønsket hjelp til leggingen", "barnet lekte med oss", "veiledning og modellering hver uke",
             "målene er nådd og situasjonen er bedre"]
    rows = np.array([[t, t, "", ""] for t in texts], dtype=object)
    labels = np.array([[1, 0], [0, 1], [0, 0], [0, 0], [1, 0], [0, 1]])
    pipe = Pipeline([("trekk", ColumnTransformer([("tegn", TfidfVectorizer(), 1)])),
                     ("modell", OneVsRestClassifier(LogisticRegression()))]).fit(rows, labels)
    out = folder / "liten_modell"
    save_model(pipe, ["endringsarbeid", "virkning"],
               {"katalog": load_catalogue().version, "versjon": "test", "data_versjon": "test"}, out)
    return out


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("modell"))


def test_no_network_connection_during_a_full_check(files, tiny_model, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] if len(args) > 1 else args)
        raise OSError("nettverk er sperret i denne testen")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    events = []
    active = [True]

    def audit(event, args):
        if active[0] and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect"):
            events.append(event)

    sys.addaudithook(audit)
    try:
        checker = Checker(model=tiny_model)  # loads the language pipeline and the model
        assert checker.model_name.startswith("klassifiserer test")
        for key in ("rapport_pdf", "windows_1252"):
            result = checker.check_file(files[key])
            assert result.krav and not result.feil
        assert any(b["kilde"] == "modell" for v in result.krav for b in v.belegg)
    finally:
        active[0] = False
    assert attempts == [] and events == []


def test_tampered_model_is_refused(tiny_model, tmp_path, files, capsys):
    import shutil

    from gjennomgang.analysis.classifier import MODEL_FILE
    from gjennomgang.errors import ModellFeil

    bad = tmp_path / "endret"
    shutil.copytree(tiny_model, bad)
    data = bytearray((bad / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0x01
    (bad / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModellFeil) as err:
        Checker(model=bad)
    assert err.value.melding.startswith("Modellfilen stemmer ikke med modellkortet (endret eller skadet).")
    from gjennomgang.cli import main

    assert main(["sjekk", "--modell", str(bad), str(files["rapport_pdf"])]) == 7
    err = capsys.readouterr().err
    assert "gjennomgang: Modellfilen stemmer ikke med modellkortet (endret eller skadet)." in err
    assert "Traceback" not in err
    assert Checker(model=tiny_model).model_name.startswith("klassifiserer test")  # the intact copy loads


def test_a_pickle_dressed_as_a_model_is_never_unpickled(tiny_model, tmp_path):
    import hashlib
    import shutil

    from gjennomgang.analysis.classifier import CARD_FILE, MODEL_FILE
    from gjennomgang.errors import ModellFeil

    marker = tmp_path / "pickle_ble_kjort"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    evil = tmp_path / "ond"
    shutil.copytree(tiny_model, evil)
    blob = pickle.dumps(Payload())
    (evil / MODEL_FILE).write_bytes(blob)
    card = json.loads((evil / CARD_FILE).read_text(encoding="utf-8"))
    card["fil_sha256"] = hashlib.sha256(blob).hexdigest()  # the attacker fixes the card too
    (evil / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModellFeil) as err:
        Checker(model=evil)
    assert "skops" in err.value.melding or "kunne ikke" in err.value.melding
    assert not marker.exists()


def test_models_load_only_from_modeller_or_an_explicit_path(tmp_path, monkeypatch, tiny_model):
    import shutil

    from gjennomgang.analysis import classifier

    # A model lying in the current directory is not picked up by "auto".
    shutil.copytree(tiny_model, tmp_path / "modeller" / "klassifiserer")
    monkeypatch.chdir(tmp_path)
    found = classifier.default_model_path()
    assert classifier.MODEL_DIR == REPO / "modeller" / "klassifiserer"
    assert found is None or Path(found).resolve() == (REPO / "modeller" / "klassifiserer").resolve()
    # And nothing in the package unpickles or joblib-loads.
    offenders = []
    for py in (REPO / "gjennomgang").rglob("*.py"):
        src = py.read_text(encoding="utf-8")
        if any(s in src for s in ("pickle.load", "joblib.load", "torch.load", "dill.load", "cloudpickle.load")):
            offenders.append(py.name)
    assert offenders == []


# -- property-based: any text gives a Result, never an exception -------------------------------

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_odd_chars = st.sampled_from(list(h.ODD.values()) + ["\u2028", "\x00", "\x85", "\u202e", "\ufffd", "\U0001F600",
                                                      "\u0301", "#", "|", "-", "\n", "\r\n", ":", "•"])
_fragments = st.sampled_from(h.report_sentences() + ["## Virkning", "| Spørsmål | Svar |", "---", "# Sluttrapport"])
_REPORT = h.report_text()


def _sprinkle(edits: list[tuple[int, str]]) -> str:
    """The whole report with odd characters or random text inserted at random places."""
    text = _REPORT
    for pos, piece in sorted(edits, reverse=True):
        text = text[:pos] + piece + text[pos:]
    return text


_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_fragments, _odd_chars, st.text(max_size=20)), max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, len(_REPORT)), st.one_of(_odd_chars, st.text(max_size=8))),
             max_size=40).map(_sprinkle),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts)
def test_any_text_gives_a_result_or_a_clear_error(checker, text):
    result = checker.check_bytes(text.encode("utf-8"), "x.txt")
    event("feil: " + (result.feil or "ingen"))
    d = result.as_dict()
    json.dumps(d, ensure_ascii=False).encode("utf-8")
    if result.feil:
        assert result.feil != "intern", result.melding
        assert result.melding and not result.krav
    else:
        assert all(v.vurdering in ("oppfylt", "mangler", "usikker", "ikke_relevant") for v in result.krav)
        for v in result.krav:
            for b in v.belegg:
                assert 0 <= b["start"] <= b["slutt"] <= len(result.tekst)


_SEEDS = {"rapport.pdf": h.report_pdf(), "laast.pdf": h.encrypted_pdf(), "xref.pdf": h.broken_xref_pdf(),
          "rar.pdf": h.odd_unicode_pdf()}
_mutation = st.tuples(
    st.sampled_from(sorted(_SEEDS)),
    st.sampled_from(["bytt", "kutt", "sett_inn", "null"]),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=40)), min_size=1, max_size=12),
)


def _mutate(seed: bytes, kind: str, edits: list[tuple[float, bytes]]) -> bytes:
    data = bytearray(seed)
    for where, piece in edits:
        pos = int(where * (len(data) - 1))
        if kind == "bytt":
            data[pos:pos + len(piece)] = piece
        elif kind == "kutt":
            del data[pos:]
            break
        elif kind == "sett_inn":
            data[pos:pos] = piece
        else:
            data[pos:pos + len(piece) * 10] = b"\0" * len(piece)
    return bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=_mutation)
def test_damaged_pdfs_never_crash_the_checker(checker, mutation):
    """Flipped, cut and spliced PDFs: a result or a clear error, never «uventet feil»."""
    name, kind, edits = mutation
    result = checker.check_bytes(_mutate(_SEEDS[name], kind, edits), name)
    event(f"{kind}: {result.feil or 'lest'}")
    assert result.feil != "intern"
    json.dumps(result.as_dict(), ensure_ascii=False).encode("utf-8")


def test_measurements_summary(runs, capsys):
    """Not a check: prints time and peak memory per input (shown with -s, used in reports)."""
    with capsys.disabled():
        print()
        for key, run in sorted(runs.items()):
            line = run.lines[0] if len(run.lines) == 1 else {}
            print(f"  {key:28s} status {run.returncode:3d}  {run.seconds:5.1f} s (cpu {run.cpu_seconds:4.1f} s)  "
                  f"{run.max_rss_mb:6.0f} MB  "
                  f"{line.get('feil', '')} {line.get('melding', '')[:70]}")
