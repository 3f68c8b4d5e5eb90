"""Start the page: settings → private temp dir and environment → gradio → launch.

The environment (GRADIO_TEMP_DIR, analytics off) must be in place before gradio is imported,
so gradio is imported only inside `main()`, after `prepare_environment()`.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
import tempfile

from .settings import InnstillingFeil, Settings, from_env
from .storage import TempStore

log = logging.getLogger("gjennomgang.web")


def prepare_environment(settings: Settings) -> TempStore:
    """Make the private temp dir and point Gradio (and every temp file of this process) into it."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    if "gradio" in sys.modules:
        log.warning("gradio var allerede importert; GRADIO_TEMP_DIR kan ha kommet for sent")
    parent = os.environ.get("GRADIO_TEMP_DIR") or None  # the operator's choice of disk, if any
    store = TempStore.create(settings.delete_after, parent)
    os.environ["GRADIO_TEMP_DIR"] = str(store.gradio_dir)
    os.environ["TMPDIR"] = str(store.tmp_dir)  # OCR tools and other subprocesses
    tempfile.tempdir = str(store.tmp_dir)
    atexit.register(store.close)
    return store


def _setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "uvicorn", "uvicorn.access", "uvicorn.error", "asyncio", "multipart"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _stop(signum, frame):  # SIGTERM → the same clean shutdown as Ctrl-C
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    _setup_logging()
    try:
        settings = from_env()
    except InnstillingFeil as exc:
        sys.stderr.write(f"gjennomgang: {exc.melding}\n")
        return 2
    for warning in settings.warnings():
        log.warning(warning)
    store = prepare_environment(settings)
    log.info("midlertidig mappe: %s (slettes ved avslutning; filer slettes senest etter %d s)",
             store.root, settings.delete_after)

    from . import service, ui  # imports gradio, after the environment is ready

    service.warm_up_in_background()
    store.start_sweeper(settings.sweep_interval)
    demo = ui.build(settings, store)
    demo.queue(default_concurrency_limit=1)
    try:
        signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not in the main thread
        pass
    log.info("siden starter på http://%s:%d%s", settings.host if ":" not in settings.host else f"[{settings.host}]",
             settings.port, " (med innlogging)" if settings.login else "")
    try:
        demo.launch(
            server_name=settings.host,
            server_port=settings.port,
            share=False,
            auth=settings.login,
            auth_message="Logg inn med brukernavnet og passordet du har fått av den som drifter verktøyet.",
            max_file_size=settings.max_bytes,
            allowed_paths=[str(store.reports_dir)],
            footer_links=["settings"],
            ssr_mode=False,
            show_error=False,
            enable_monitoring=False,
            mcp_server=False,
            pwa=False,
            inbrowser=False,
            quiet=True,
            theme=ui.theme(),
            css=ui.CSS,
            js=ui.page_js(settings),
        )
    except OSError as exc:
        log.error("siden kunne ikke starte på port %d: %s. Er porten opptatt? Velg en annen med GJENNOMGANG_PORT.",
                  settings.port, type(exc).__name__)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
        log.info("siden er stoppet og den midlertidige mappen slettet")
    return 0
