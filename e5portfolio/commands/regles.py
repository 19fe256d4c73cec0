"""`e5portfolio regles [RULE]`: the rules that `check` applies, with their documentation."""

from __future__ import annotations

import sys

import click


@click.command("regles")
@click.argument("rule_id", required=False, metavar="[REGLE]")
def command(rule_id: str | None) -> None:
    """Liste les règles de « check » (ou explique REGLE), avec leur gravité et un exemple."""
    from ..checks import LOAD_RULES, RULES

    entries = [(name, severity, doc) for name, (severity, doc) in LOAD_RULES.items()]
    entries += [(rule.id, rule.severity, rule.doc) for rule in RULES]
    if rule_id is not None:
        entries = [entry for entry in entries if entry[0] == rule_id]
        if not entries:
            import difflib

            known = [name for name, *_ in LOAD_RULES.items()] + [rule.id for rule in RULES]
            close = difflib.get_close_matches(rule_id, known, n=1)
            tail = f" : vouliez-vous dire « {close[0]} » ?" if close else " ; « e5portfolio regles » les liste toutes"
            click.echo(f"e5portfolio : règle « {rule_id} » inconnue{tail}", err=True)
            sys.exit(2)
    for name, severity, doc in entries:
        click.echo(f"{name} ({severity.label})")
        for line in doc.splitlines():
            click.echo(f"    {line.strip()}" if line.strip() else "")
        click.echo("")
