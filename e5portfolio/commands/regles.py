"""`e5portfolio regles [RULE]`: the rules that `check` applies, then those of `audit`, with their
documentation."""

from __future__ import annotations

import sys

import click

from e5portfolio.core.errors import EXIT_USAGE

AUDIT_HEADING = "Règles de l'audit d'un site (e5portfolio audit) :"


@click.command("regles")
@click.argument("rule_id", required=False, metavar="[REGLE]")
def command(rule_id: str | None) -> None:
    """Liste les règles de « check » puis celles d'« audit » (ou explique REGLE), avec leur gravité
    et un exemple."""
    from e5portfolio.audit.rules import audit_rules
    from e5portfolio.checks import LOAD_RULES, RULES

    entries = [(name, severity, doc, "") for name, (severity, doc) in LOAD_RULES.items()]
    entries += [(rule.id, rule.severity, rule.doc, "") for rule in RULES]
    audit_entries = [(rule.id, rule.severity, rule.doc, ", audit") for rule in audit_rules()]
    if rule_id is not None:
        found = [entry for entry in entries + audit_entries if entry[0] == rule_id]
        if not found:
            import difflib

            known = list(dict.fromkeys(entry[0] for entry in entries + audit_entries))
            close = difflib.get_close_matches(rule_id, known, n=1)
            tail = f" : vouliez-vous dire « {close[0]} » ?" if close else " ; « e5portfolio regles » les liste toutes"
            click.echo(f"e5portfolio : règle « {rule_id} » inconnue{tail}", err=True)
            sys.exit(EXIT_USAGE)
        _show(found)
        return
    _show(entries)
    click.echo(AUDIT_HEADING)
    click.echo("")
    _show(audit_entries)


def _show(entries) -> None:
    from e5portfolio.core.referential.rgaa import load_rgaa

    rgaa = load_rgaa()
    for name, severity, doc, kind in entries:
        click.echo(f"{name} ({severity.label}{kind})")
        for line in doc.strip().splitlines():
            click.echo(f"    {line.strip()}" if line.strip() else "")
        if rgaa.mapping(name) is not None:  # an accessibility rule: the RGAA criteria it tests
            click.echo(f"    Critères du RGAA {rgaa.version} : {rgaa.names_of(name)}")
        click.echo("")
