"""Benchmark of `e5portfolio check` (run by hand, never in the test suite).

    .venv/bin/python benchmarks/bench_check.py

Targets on a 2-core machine: the sample ≤ 0.25 s wall for the whole process;
a generated portfolio of 3,000 réalisations ≤ 3 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODES = ["B1.1", "B1.1.1", "B1.2", "B1.2.2", "B1.3", "B1.4.1", "B1.5", "B1.6.2"]


def generated_portfolio(folder: Path, count: int) -> Path:
    (folder / "productions").mkdir(parents=True, exist_ok=True)
    (folder / "productions" / "doc.txt").write_text("Procédure d'installation.\n", encoding="utf-8")
    lines = [
        "version: 1",
        "candidat: {nom: MARTIN, prenom: Léa, numero: '02412345678', option: SISR, session: 2026,",
        "  centre: Lycée Exemple, modalite: ccf, url: 'https://example.org/',",
        "  identite_pro: {github: 'https://github.com/exemple'}}",
        "presentation: Étudiante en BTS SIO.",
        "veille: {sujet: Sécurité}",
        "stages:",
        "  - {id: s1, organisation: Mairie, annee: 1, debut: 2025-05-05, fin: 2025-06-27,",
        "     attestation: productions/doc.txt, attestation_signee: true}",
        "  - {id: s2, organisation: PME, annee: 2, debut: 2026-01-05, fin: 2026-02-13,",
        "     attestation: productions/doc.txt, attestation_signee: true}",
        "realisations:",
    ]
    for index in range(count):
        codes = ", ".join(CODES[index % len(CODES) :] + CODES[: index % len(CODES)][:2])
        lines += [
            f"  - id: r{index}",
            f"    intitule: Réalisation numéro {index}",
            "    cadre: formation",
            "    annee: 1",
            "    periode: {debut: 01/10/2024, fin: 15/10/2024}",
            "    description: |",
            "      Contexte, besoin, démarche et résultat.",
            f"    competences: [{codes}]",
            "    productions:",
            "      - {titre: Procédure, fichier: productions/doc.txt}",
            "      - {titre: Dépôt, lien: 'https://github.com/exemple/depot'}",
        ]
    path = folder / "portfolio.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wall(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    command = [sys.executable, "-m", "e5portfolio", "check"]
    sample = wall([*command, str(ROOT / "sample_portfolio")], 15)
    print(
        f"check sample_portfolio : médiane {statistics.median(sample):.3f} s, min {min(sample):.3f} s (cible ≤ 0,25 s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = generated_portfolio(Path(tmp), 3000)
        big = wall([*command, str(path)], 5)
        print(f"check 3 000 réalisations : médiane {statistics.median(big):.3f} s, min {min(big):.3f} s (cible ≤ 3 s)")


if __name__ == "__main__":
    main()
