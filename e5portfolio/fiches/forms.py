"""What each form says about one candidate, and the form as a printable HTML page.

The facts come from the pipeline (`check`'s findings and coverage), the audit's JSON and the
commission's evaluation.yml; the wording from the referential data (labels.py). Printing is
printable.print_to_pdf: the same headless Chromium path as `e5portfolio pdf`.
"""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from e5portfolio.checks.stages import AttestationState, StageFact
from e5portfolio.core.model import total_stage_weeks
from e5portfolio.core.referential import Referential
from e5portfolio.fiches.evaluation import TEAM_KEY, Evaluation, Marks
from e5portfolio.fiches.labels import LEVELS, FormLabels
from e5portfolio.site.printable import css_string

TITLE_PREFIX = "Fiche E5"
TICKED, UNTICKED = "☒", "☐"
ATTESTATION_RULES = ("attestation-manquante", "attestation-non-signee")
MAX_LISTED = 6  # réalisations named under a competence: the verso stays on one page


@dataclass(frozen=True)
class Identity:
    nom_prenom: str
    numero: str | None = None
    option: str | None = None  # SISR or SLAM
    modalite: str | None = None  # ponctuelle or ccf


def identity_of(analysis) -> Identity:
    candidat = analysis.validated.portfolio.candidat
    return Identity(
        f"{candidat.nom.strip().upper()} {candidat.prenom.strip()}", candidat.numero, candidat.option, candidat.modalite
    )


def _weeks(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} semaine{'s' if value >= 2 else ''}"


# --- VI-2: contrôle de conformité --------------------------------------------------------------


@dataclass(frozen=True)
class Conformity:
    identity: Identity
    motifs: dict[str, bool]  # labels.MOTIFS → ticked
    weeks: float | None = None  # total stage weeks, as `check` counts them
    minimum: int | None = None
    attestations: tuple[str, ...] = ()  # one line per stage
    notes: tuple[str, ...] = ()
    verified: bool = True  # False: an archive, whose stage dates and signatures are not known

    @property
    def conforme(self) -> bool:
        return not any(self.motifs.values())

    @property
    def non_valide(self) -> bool:
        """The NV line: no interrogation possible (a missing attestation can still be sent)."""
        return any(ticked for motif, ticked in self.motifs.items() if motif != "attestations")

    def motif_texts(self, labels: FormLabels) -> list[str]:
        return [
            labels.conformite.motifs[m].removesuffix(" ;").split(".")[0] for m, ticked in self.motifs.items() if ticked
        ]


COMMISSION_NOTE = (
    "Non cochés par e5portfolio : « dépôt du dossier au-delà de la date fixée » et « absence de "
    "dossier » relèvent de la commission (date de dépôt, dossier reçu)."
)


def _attestation_state(fact: StageFact) -> str:
    """The attestation of one stage as the VI-2 form says it."""
    if fact.state is AttestationState.ABSENTE:
        return "absente"
    if fact.state is AttestationState.INTROUVABLE:
        return f"fichier « {fact.attestation} » introuvable"
    signed = "signée" if fact.signee else "non signée"
    if fact.state is AttestationState.NON_VERIFIEE:
        return f"{signed}, fichier « {fact.attestation} » non vérifié (--sans-attestations)"
    return signed


def conformity_of(analysis) -> Conformity:
    """The motifs `check` establishes: its findings on stage weeks and attestations, and the stage
    facts it decided (pipeline.Analysis.stage_facts), not recounted."""
    stages = analysis.validated.portfolio.stages
    rules = {f.rule for f in analysis.report.findings}
    facts = analysis.stage_facts
    lines = [
        f"{fact.organisation} ({fact.debut:%d/%m/%Y} – {fact.fin:%d/%m/%Y}) : attestation {_attestation_state(fact)}"
        for fact in facts
    ]
    file_missing = any(fact.state is AttestationState.INTROUVABLE for fact in facts)
    motifs = {
        "absence-dossier": False,
        "depot-hors-delai": False,
        "duree-stage": "duree-stages" in rules,
        "attestations": bool(rules & set(ATTESTATION_RULES)) or file_missing,
    }
    return Conformity(
        identity_of(analysis),
        motifs,
        total_stage_weeks(stages),
        analysis.referential.stages.semaines_minimum,
        tuple(lines),
        (COMMISSION_NOTE,),
    )


def absent_conformity(identity: Identity, why: str) -> Conformity:
    motifs = {"absence-dossier": True, "depot-hors-delai": False, "duree-stage": False, "attestations": False}
    return Conformity(identity, motifs, notes=(why,))


# --- HTML -------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text))


def _box(ticked: bool) -> str:
    mark = TICKED if ticked else UNTICKED
    return f'<span class="case" role="img" aria-label="{"coché" if ticked else "non coché"}">{mark}</span>'


def _page(title: str, body: str, footer: str) -> str:
    return _VIEW.format(title=_e(title), css=_CSS.replace("FOOTER", css_string(footer)), body=body)


def document_title(form: str, identity: Identity) -> str:
    return f"{TITLE_PREFIX} – {form} – {identity.nom_prenom}"


def _header(annexe: str, labels: FormLabels) -> str:
    return f'<header><p class="annexe">{_e(annexe)}</p><p class="epreuve">{_e(labels.epreuve)}</p></header>'


def conformity_html(conformity: Conformity, labels: FormLabels, today: dt.date | None = None) -> str:
    c = labels.conformite
    who = conformity.identity
    motifs = []
    for key, text in c.motifs.items():
        extra = f'<p class="suite">{_e(c.regularisation)}</p>' if key == "attestations" else ""
        motifs.append(f"<li>{_box(conformity.motifs[key])} <span>{_e(text)}</span>{extra}</li>")
    motifs.append(f'<li class="nv">{_box(conformity.non_valide)} <span>{_e(c.non_valide)}</span></li>')
    facts = []
    if conformity.weeks is not None:
        facts.append(f"Durée des stages : {_weeks(conformity.weeks)} (minimum requis : {conformity.minimum}).")
    facts += [f"{line}." for line in conformity.attestations]
    facts += list(conformity.notes)
    printed = today or dt.date.today()
    body = f"""
{_header(c.annexe, labels)}
<h1>{_e(c.titre)}</h1>
<dl class="identite">
<dt>{_e(c.nom)}</dt><dd>{_e(who.nom_prenom)}</dd>
<dt>{_e(c.numero)}</dt><dd>{_e(who.numero or "")}</dd>
</dl>
<p>{_e(c.preambule)}</p>
<p>{_e(c.introduction)}</p>
<ul class="motifs">
{chr(10).join(motifs)}
</ul>
<div class="visa"><p>{_e(c.date)}</p><p>{_e(c.visa)}</p></div>
<aside class="releve">
<h2>Éléments relevés par e5portfolio le {printed:%d/%m/%Y}</h2>
<ul>{"".join(f"<li>{_e(fact)}</li>" for fact in facts)}</ul>
</aside>
"""
    return _page(document_title("VI-2", who), body, f"{who.nom_prenom} — contrôle de conformité E5")


# --- VI-3 and VI-4 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrilleData:
    identity: Identity
    coverage: dict[str, list[str]]  # competence code → intitulés of the réalisations mobilising it
    marks: Marks
    evaluation: Evaluation | None = None
    problems: tuple[str, ...] = field(default=())
    audit_summary: str | None = None  # which address the audit behind the penalties audited, when, how


def grille_data(analysis, marks: Marks, evaluation: Evaluation | None) -> GrilleData:
    titles = dict(analysis.report.realisations)
    coverage = {code: [titles.get(rid, rid) for rid in ids] for code, ids in analysis.report.coverage.items()}
    who = identity_of(analysis)
    if evaluation is not None and evaluation.modalite:
        who = Identity(who.nom_prenom, who.numero, who.option, evaluation.modalite)
    return GrilleData(who, coverage, marks, evaluation)


def _identification(data: GrilleData, labels: FormLabels) -> str:
    i = labels.identification
    who, evaluation = data.identity, data.evaluation
    commission = evaluation.commission if evaluation and evaluation.commission else ""
    date = f"{evaluation.date:%d / %m / %Y}" if evaluation and evaluation.date else "...... / ...... /............"
    membres = evaluation.membres if evaluation and evaluation.membres else ["", ""]
    options = "".join(f"<p>{_e(label)} {_box(who.option == code)}</p>" for code, label in i.options.items())
    return f"""
<div class="ident">
<div><p>{_e(i.nom)} <strong>{_e(who.nom_prenom)}</strong></p>
<p>{_e(i.numero)} <strong>{_e(who.numero or "")}</strong></p></div>
<div><p>{_e(i.ponctuelle)} {_box(who.modalite == "ponctuelle")}</p>
<p>{_e(i.ccf)} {_box(who.modalite == "ccf")}</p>
<p>{_e(i.commission)} <strong>{_e(commission)}</strong></p></div>
<div>{options}<p>{_e(i.date.removesuffix(" :"))} : {_e(date)}</p></div>
</div>
<p class="membres-titre">{_e(i.membres)}</p>
<ul class="membres">{"".join(f"<li>{_e(m)}</li>" for m in membres)}</ul>
"""


def _note_box(label: str, value: int | float | None, sur: str) -> str:
    shown = "" if value is None else f"{value:g}".replace(".", ",")
    return (
        f'<div class="note"><span class="note-label">{_e(label)}</span>'
        f'<span class="note-case">{_e(shown)}</span><span>{_e(sur)}</span></div>'
    )


def grille_html(data: GrilleData, labels: FormLabels, referential: Referential) -> str:
    g = labels.grille
    levels = data.evaluation.niveaux if data.evaluation else {}
    penalties = []
    for key, text in g.penalites.items():
        penalty = data.marks.penalties[key]
        evidence = f'<p class="preuve">{_e(penalty.evidence)}</p>' if penalty.retained and penalty.evidence else ""
        penalties.append(f"<li>{_box(penalty.retained)} <span>{_e(text)}</span>{evidence}</li>")
    header = "".join(f'<th scope="col">{_e(g.niveaux[level])}</th>' for level in LEVELS)
    criteria = []
    for number, row in enumerate(g.criteres):
        first = f"<td>{_e(g.non_evaluable)}</td>" if number == 0 else "<td></td>"
        criteria.append(f"<tr>{first}{''.join(f'<td>{_e(cell)}</td>' for cell in row)}</tr>")
    verso_rows = [_verso_row(g.niveaux, referential.indicateur_equipe, "", levels.get(TEAM_KEY), None)]
    for competence in referential.competences:
        mobilised = data.coverage.get(competence.code, [])
        verso_rows.append(
            _verso_row(
                g.niveaux,
                competence.intitule,
                _items(competence.items, mobilised),
                levels.get(competence.code),
                competence.indicateurs,
            )
        )
    level_heads = "".join(f'<th scope="col" class="niveau">{_e(g.niveaux[level])}</th>' for level in LEVELS)
    who = data.identity
    body = f"""
<section class="recto">
{_header(g.recto, labels)}
{_identification(data, labels)}
<h2>{_e(g.proposition)}</h2>
{"".join(f"<p>{_e(text)}</p>" for text in g.consignes)}
{_note_box(g.note, data.marks.note, g.sur)}
<h2>{_e(g.penalites_titre)}</h2>
<p>{_e(g.penalites_consigne)}</p>
<ul class="motifs">{"".join(penalties)}</ul>
{f'<p class="preuve audit">{_e(data.audit_summary)}</p>' if data.audit_summary else ""}
{_note_box(g.note_finale, data.marks.note_finale, g.sur)}
<p class="report">{_e(g.report)}</p>
<table class="criteres"><caption>{_e(g.tableau_titre)}</caption>
<thead><tr>{header}</tr></thead><tbody>{"".join(criteria)}</tbody></table>
</section>
<section class="verso">
{_header(g.verso, labels)}
<table class="niveaux">
<thead><tr><th scope="col">Compétence</th>{level_heads}<th scope="col">{_e(g.indicateurs)}</th></tr></thead>
<tbody>{"".join(verso_rows)}</tbody></table>
</section>
"""
    return _page(document_title("VI-3", who), body, f"{who.nom_prenom} — grille d'aide à l'évaluation E5")


def _items(items: tuple[str, ...], mobilised: list[str]) -> str:
    bullets = "".join(f'<span class="item">· {_e(item)}</span> ' for item in items)
    if mobilised:
        shown = [title if len(title) <= 90 else title[:89] + "…" for title in mobilised[:MAX_LISTED]]
        if len(mobilised) > MAX_LISTED:
            shown.append(f"et {len(mobilised) - MAX_LISTED} autre(s)")
        where = f'<p class="realisations"><strong>Réalisations :</strong> {_e(" ; ".join(shown))}</p>'
    else:
        where = '<p class="non-mobilisee">compétence non mobilisée</p>'
    return f'<p class="items">{bullets}</p>{where}'


def _verso_row(
    niveaux: dict[str, str], title: str, detail: str, level: str | None, indicators: tuple[str, ...] | None
) -> str:
    cells = "".join(f'<td class="niveau">{_box(level == key)}</td>' for key in LEVELS)
    indicators_html = "".join(f"<p>{_e(text)}</p>" for text in indicators or ())
    return (
        f'<tr><th scope="row"><p class="competence">{_e(title)}</p>{detail}</th>{cells}'
        f'<td class="indicateurs">{indicators_html}</td></tr>'
    )


def appreciation_html(data: GrilleData, labels: FormLabels) -> str:
    a = labels.appreciation
    observations = data.evaluation.observations if data.evaluation else None
    parts = (
        (a.partie1, a.observations, observations.presentation if observations else None),
        (a.partie2, a.observations, observations.echange if observations else None),
        (a.appreciation, None, observations.appreciation if observations else None),
    )
    blocks = []
    for heading, sub, text in parts:
        sub_html = f'<p class="sous-titre">{_e(sub)}</p>' if sub else ""
        paragraphs = "".join(f"<p>{_e(line)}</p>" for line in (text or "").split("\n") if line.strip())
        blocks.append(f'<h2>{_e(heading)}</h2>{sub_html}<div class="cadre">{paragraphs}</div>')
    who = data.identity
    body = f"""
{_header(a.annexe, labels)}
{_identification(data, labels)}
{"".join(blocks)}
{_note_box(a.note, data.marks.note_finale, a.sur)}
<p class="visa-membres">{_e(a.visa)}</p>
<div class="cadre visa-cadre"></div>
"""
    return _page(document_title("VI-4", who), body, f"{who.nom_prenom} — fiche d'appréciation E5")


# --- printing ---------------------------------------------------------------------------------


def print_form(page_html: str, browser: str) -> bytes:
    """The form as PDF, printed by `browser` (printable.print_to_pdf, as `e5portfolio pdf`)."""
    from e5portfolio.site.printable import print_to_pdf

    with tempfile.TemporaryDirectory(prefix="e5portfolio-fiche-", ignore_cleanup_errors=True) as folder:
        page = Path(folder) / "fiche.html"
        page.write_text(page_html, encoding="utf-8")
        return print_to_pdf(browser, page, Path(folder) / "fiche.pdf")


_VIEW = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""

_CSS = """
@page {
  size: A4;
  margin: 10mm 12mm 12mm;
  @bottom-left { content: FOOTER; font: 7pt/1.2 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #333; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages);
                  font: 7pt/1.2 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #333; }
}
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9pt;
       line-height: 1.35; color: #000; background: #fff; }
body { margin: 0; }
header { border-bottom: 1pt solid #000; margin-bottom: 3mm; }
header p { margin: 0 0 1mm; }
.annexe { font-weight: 700; font-size: 10pt; }
.epreuve { font-size: 9pt; }
h1 { font-size: 14pt; text-align: center; margin: 5mm 0 4mm; letter-spacing: .05em; }
h2 { font-size: 9.5pt; margin: 3mm 0 1.5mm; }
p { margin: 0 0 1.5mm; }
.case { font-size: 12pt; line-height: 1; vertical-align: -1pt; }
.identite { display: grid; grid-template-columns: max-content 1fr; gap: 2mm 4mm; margin: 4mm 0 5mm;
            font-size: 10pt; }
.identite dt { font-weight: 400; }
.identite dd { margin: 0; font-weight: 700; border-bottom: .5pt dotted #555; }
ul.motifs { list-style: none; padding: 0; margin: 2mm 0 3mm; }
ul.motifs > li { display: grid; grid-template-columns: 6mm 1fr; margin-bottom: 2mm; }
ul.motifs > li > .suite, ul.motifs > li > .preuve { grid-column: 2; margin: 1mm 0 0; }
.preuve { font-style: italic; font-size: 8pt; }
.nv { margin-top: 3mm; }
.visa { display: flex; gap: 60mm; margin-top: 8mm; min-height: 20mm; }
.releve { margin-top: 8mm; border: .5pt solid #777; padding: 2mm 3mm; font-size: 8pt; background: #f4f4f4; }
.releve h2 { font-size: 8.5pt; margin: 0 0 1mm; }
.releve ul { margin: 0; padding-left: 4mm; }
.ident { display: grid; grid-template-columns: 1.2fr 1.3fr .9fr; gap: 3mm; border: .5pt solid #000; padding: 2mm 3mm; }
.ident p { margin: 0 0 1mm; }
.membres-titre { margin-top: 2mm; }
ul.membres { margin: 0 0 2mm; padding-left: 5mm; display: flex; gap: 20mm; }
ul.membres li { min-width: 50mm; border-bottom: .5pt dotted #555; min-height: 4mm; }
.note { display: flex; align-items: center; justify-content: flex-end; gap: 3mm; margin: 2mm 0; font-weight: 700; }
.note-case { display: inline-block; min-width: 18mm; min-height: 8mm; border: 1pt solid #000; text-align: center;
             font-size: 13pt; line-height: 8mm; }
.report { text-align: right; font-style: italic; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; font-size: 7.3pt; line-height: 1.25; }
th, td { border: .5pt solid #555; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; }
caption { caption-side: top; text-align: left; font-weight: 700; font-size: 9pt; padding-bottom: 1.5mm; }
tr { break-inside: avoid; }
.verso { break-before: page; }
table.niveaux { font-size: 6.4pt; line-height: 1.15; }
table.niveaux th, table.niveaux td { padding: .8mm 1.2mm; }
table.niveaux th[scope="row"] { width: 38%; font-weight: 400; }
table.niveaux .niveau { width: 4.4%; text-align: center; font-size: 6.5pt; padding: .8mm .3mm; }
table.niveaux td.niveau .case { font-size: 12pt; }
table.niveaux .indicateurs { font-size: 6.2pt; }
table.niveaux .indicateurs p { margin: 0 0 .3mm; }
.competence { font-weight: 700; margin-bottom: .6mm; }
p.items { margin: 0 0 .6mm; }
.item { margin-right: 1mm; }
p.realisations { margin: .6mm 0 0; font-style: italic; }
.non-mobilisee { font-weight: 700; color: #8b0000; margin-top: .6mm; }
.sous-titre { font-weight: 700; }
.cadre { border: .5pt solid #000; min-height: 38mm; padding: 2mm 3mm; margin-bottom: 3mm; }
.visa-cadre { min-height: 22mm; }
.visa-membres { font-weight: 700; margin-top: 4mm; }
"""
