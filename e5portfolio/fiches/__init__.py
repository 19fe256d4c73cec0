"""The commission's forms of épreuve E5 (Annexe VI-2, VI-3, VI-4), pre-filled from what `check`
and `audit` know and printed to PDF through the same Chromium path as `e5portfolio pdf`.

labels: the official wording (referential data); evaluation: the jury's evaluation.yml and the
final mark; forms: what each form says about one candidate, as HTML; classe: a whole class."""
