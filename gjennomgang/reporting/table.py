"""A readable Norwegian table per document for the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..result import Result
from .labels import DOCTYPE_WORDS, LEVEL_WORDS, VERDICT_ICONS, VERDICT_WORDS

_STYLE = {"oppfylt": "green", "mangler": "red", "usikker": "yellow", "ikke_relevant": "dim"}


def print_result(result: Result, console: Console | None = None) -> None:
    console = console or Console()
    if result.feil:
        console.print(f"[bold]{result.fil}[/bold]: [red]{result.melding}[/red]")
        return
    if result.skannet and not result.krav:
        console.print(f"[bold]{result.fil}[/bold]: [yellow]{result.melding}[/yellow]")
        return
    kind = DOCTYPE_WORDS.get(result.dokumenttype, result.dokumenttype)
    how = "valgt av bruker" if result.dokumenttype_overstyrt else f"gjenkjent, sikkerhet {result.dokumenttype_sikkerhet:.2f}"
    table = Table(title=f"{result.fil} — {kind} ({how})", title_justify="left", show_lines=False)
    table.add_column("Nivå")
    table.add_column("Krav")
    table.add_column("Vurdering")
    table.add_column("Sikkerhet", justify="right")
    table.add_column("Belegg / forklaring", overflow="fold")
    for v in sorted(result.krav, key=lambda v: ("krav", "bor_folges", "bor_vurderes").index(v.niva)):
        if v.belegg:
            e = v.belegg[0]
            detail = f"s. {e['side']}, «{e['avsnitt'][:40]}»: {e['tekst'][:110]}"
        else:
            detail = v.forklaring[:160]
        style = _STYLE[v.vurdering]
        table.add_row(LEVEL_WORDS[v.niva], v.tittel, f"[{style}]{VERDICT_ICONS[v.vurdering]} {VERDICT_WORDS[v.vurdering]}[/{style}]",
                      f"{v.sikkerhet:.2f}", detail)
    console.print(table)
    console.print(f"[bold]{result.decision_line()}[/bold]   (språkmodell: {result.pipeline}; modell: {result.modell})")
    for w in result.advarsler:
        console.print(f"[yellow]Merk:[/yellow] {w}")
    if result.melding:
        console.print(f"[yellow]Merk:[/yellow] {result.melding}")
    console.print()
