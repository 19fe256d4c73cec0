"""Benchmark of the site build, run by hand: `python benchmarks/bench_site.py [--stock-nav]`.

1. Build time of generated portfolios with 10, 100 and 500 réalisations through the plugin
   (embedded default configuration). Target: 500 ≤ 6 × the time of 100 (the nav lists the
   sections only; mkdocs-material renders the nav on every page, so a nav of every page is
   quadratic).
2. The sample's build through the plugin against a plain `mkdocs build` of the same generated
   Markdown and files (same theme and plugins, without e5portfolio). Target: overhead ≤ 1.2×.
   The plugin also checks the portfolio and writes portfolio.json and the .xlsx: a fixed cost
   that weighs most on a small portfolio, so the same comparison is made at 100 and 500.
3. With --stock-nav: the 100 and 500 builds with every réalisation page in the nav, for
   comparison.

Each figure is the best of --repeat runs (default 3), in seconds.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from e5portfolio.pipeline import analyse  # noqa: E402
from e5portfolio.site import runner  # noqa: E402
from e5portfolio.site.markup import Links  # noqa: E402
from e5portfolio.site.pages import SiteInput, build_pages  # noqa: E402
from e5portfolio.site.productions import production_pages  # noqa: E402
from e5portfolio.site.publication import published_files  # noqa: E402
from e5portfolio.tableau.synthese import tableau_rows  # noqa: E402

SAMPLE = REPO_ROOT / "sample_portfolio"
CODES = [["B1.1", "B1.1.1", "B1.2"], ["B1.3", "B1.3.2"], ["B1.4", "B1.4.2", "B1.5"], ["B1.6", "B1.6.3"]]


def generated_portfolio(folder: Path, count: int) -> Path:
    """A valid portfolio with `count` réalisations, each with a production file and a link."""
    (folder / "productions").mkdir(parents=True)
    (folder / "productions" / "procedure.md").write_text("# Procédure\n\nÉtapes.\n", encoding="utf-8")
    realisations = []
    for index in range(count):
        month = 1 + index % 12
        realisations.append(
            {
                "id": f"realisation-{index + 1:03d}",
                "intitule": f"Réalisation numéro {index + 1} : déploiement d'un service",
                "cadre": "formation",
                "annee": 1 + index % 2,
                "periode": {"debut": f"2025-{month:02d}-01", "fin": f"2025-{month:02d}-20"},
                "description": (
                    "**Contexte.** Une organisation avait besoin d'un service.\n\n"
                    "**Démarche.** Installation, configuration et tests.\n\n" * 3
                ),
                "competences": CODES[index % len(CODES)],
                "technologies": ["Debian 12", "Ansible"],
                "productions": [
                    {"titre": "Procédure", "fichier": "productions/procedure.md"},
                    {"titre": "Dépôt", "lien": "https://example.org/depot"},
                ],
            }
        )
    data = {
        "version": 1,
        "candidat": {
            "nom": "BANC",
            "prenom": "Essai",
            "numero": "02400000001",
            "option": "SISR",
            "session": 2026,
            "centre": "Lycée du banc d'essai",
            "modalite": "ccf",
            "url": "https://example.org/",
            "identite_pro": {"github": "https://github.com/x"},
        },
        "presentation": "Portfolio généré pour le banc d'essai.",
        "realisations": realisations,
        "veille": {"sujet": "Sujet", "articles": [{"titre": "Article", "lien": "https://example.org/a"}]},
    }
    (folder / "portfolio.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def plugin_build_time(portfolio: Path, site: Path, repeat: int, stock_nav: bool = False) -> float:
    analysis = analyse(portfolio)
    assert not analysis.report.has_errors, [f.message for f in analysis.report.findings if f.severity.value == "error"]
    with runner.config_file_for(analysis.root, analysis.file) as config_file:

        def once() -> None:
            config = runner.load(config_file, analysis.file, site_dir=str(site))
            if stock_nav:
                config.nav = [{"Accueil": "index.md"}] + [
                    {entry.intitule: f"realisations/{entry.id}.md"} for entry in analysis.validated.realisations
                ]
            runner.build(config)

        return best_of(repeat, once)


def plain_docs(portfolio: Path, docs: Path) -> list:
    """The pages and files the plugin generates, written out as an ordinary docs folder."""
    analysis = analyse(portfolio)
    published = published_files(analysis.validated, analysis.root)
    site = SiteInput(
        analysis.validated,
        analysis.referential,
        published,
        tableau_rows(analysis.validated, analysis.referential),
        Links(False),
    )
    productions = production_pages(site)
    pages = [*build_pages(site), *productions.pages]
    for page in pages:
        (docs / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.src_uri).write_text(page.content, encoding="utf-8")
    for item in [*published.values(), *productions.files]:
        # copied under a name MkDocs does not render (the plugin copies .md productions as is)
        target = docs / (item.site_path + ".txt" if item.site_path.endswith(".md") else item.site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item.source, target)
    return [{page.title: page.src_uri} for page in pages if page.in_nav]


def plain_build_time(portfolio: Path, work: Path, repeat: int) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = work / "docs"
    docs.mkdir(parents=True)
    nav = plain_docs(portfolio, docs)
    analysis = analyse(portfolio)
    data = runner.default_config_data(analysis.file, docs)
    data["plugins"] = [p for p in data["plugins"] if p != "e5portfolio" and "e5portfolio" not in p]
    data["nav"] = nav
    data["not_in_nav"] = "/realisations/*.md\n/productions/*.md"
    data["site_name"] = "Portfolio E5"
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def once() -> None:
        build(load_config(str(config_file), site_dir=str(work / "site")))

    return best_of(repeat, once)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stock-nav", action="store_true", help="also time a nav listing every page")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="e5portfolio-bench-") as folder:
        work = Path(folder)
        times = {}
        for count in (10, 100, 500):
            portfolio = generated_portfolio(work / f"p{count}", count)
            times[count] = plugin_build_time(portfolio, work / f"site{count}", args.repeat)
            print(f"{count:>4} réalisations : {times[count]:6.2f} s")
        ratio = times[500] / times[100]
        print(f"500 / 100 = {ratio:.2f} (objectif ≤ 6) : {'OK' if ratio <= 6 else 'HORS OBJECTIF'}")
        for label, portfolio in (
            ("exemple", SAMPLE),
            ("100 réalisations", work / "p100"),
            ("500 réalisations", work / "p500"),
        ):
            plugin = plugin_build_time(portfolio, work / f"plugin-{portfolio.name}", args.repeat)
            plain = plain_build_time(portfolio, work / f"plain-{portfolio.name}", args.repeat)
            overhead = plugin / plain
            print(
                f"{label} via le plugin : {plugin:.2f} s ; mkdocs build du même Markdown : {plain:.2f} s ; "
                f"surcoût {overhead:.2f}× (objectif ≤ 1,2) : {'OK' if overhead <= 1.2 else 'HORS OBJECTIF'}"
            )
        if args.stock_nav:
            for count in (100, 500):
                stock = plugin_build_time(work / f"p{count}", work / f"stock{count}", 1, stock_nav=True)
                print(f"{count:>4} réalisations, toutes dans la navigation : {stock:6.2f} s")


if __name__ == "__main__":
    main()
