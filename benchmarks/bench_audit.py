"""Benchmark of `e5portfolio audit` (run by hand, never as a timed test).

    .venv/bin/python benchmarks/bench_audit.py [--class-size 30] [--runs 3] [--extern] [--class-browser]
                                               [--class-own-css] [--class-folders N]

Measures, on the sample portfolio built by e5portfolio itself:
1. one built site, without browser, against linkchecker's own time on the same served site
   (target: audit ≤ linkchecker + 1 s);
2. the same site with the browser (pages rendered in Chromium, axe-core), when available
   (target: audit ≤ linkchecker + 3 s);
3. a class of N local portfolios (copies of the site served on 127.0.0.1, CSV with BOM and `;`),
   without browser (target for 30: ≤ 60 s); with --class-browser, also with the browser (one
   Chromium shared by the class, one context per candidate; target for 30: ≤ 60 s). The copies
   share their style sheets, as sites built by e5portfolio do: axe-core's findings are shared
   between them. With --class-own-css, each copy's style sheet is made different (a class of
   hand-made sites, where nothing is shared): the worst case, measured without a target.
4. with --class-folders N, a class of N portfolio *folders* (copies of the sample), without browser:
   each folder is built in a child process (audit.sandboxed_build, bounded in time and memory), then
   audited. No target in the issues; measured to follow the cost of building each candidate's site.

The machine's load average is printed: on a shared machine the figures are only indicative.

External links are not checked unless --extern (the figures then depend on the network).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from e5portfolio.audit.a11y_browser import browser_availability  # noqa: E402
from e5portfolio.audit.links import LinkCheckOptions, find_linkchecker, write_config  # noqa: E402
from e5portfolio.audit.portfolio_site import build_site_into  # noqa: E402
from e5portfolio.audit.serve import serve_site  # noqa: E402

E5PORTFOLIO = [sys.executable, "-m", "e5portfolio"]


def timed(command: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    process = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if process.returncode not in (0, 1):
        print(f"  ! {' '.join(command)} a échoué ({process.returncode}) : {process.stderr[-500:]}")
    return elapsed, process.returncode


def median_of(runs: int, command: list[str]) -> float:
    return statistics.median(timed(command)[0] for _ in range(runs))


def linkchecker_alone(site: Path, runs: int, extern: bool) -> float:
    work = Path(tempfile.mkdtemp(prefix="e5p-bench-lc-"))
    rc = write_config(work, LinkCheckOptions(check_extern=extern))
    with serve_site(site) as url:
        command = [find_linkchecker(), "--config", str(rc), "--no-status", "-o", "csv", "--verbose"]
        command += (["--check-extern"] if extern else []) + [url]
        result = median_of(runs, command)
    shutil.rmtree(work, ignore_errors=True)
    return result


@contextlib.contextmanager
def class_of(site: Path, size: int, own_css: bool = False) -> Path:
    """A class of `size` copies of the site; with `own_css`, each copy's style sheet differs (a class of
    hand-made sites: axe-core's findings cannot be shared between candidates)."""
    root = Path(tempfile.mkdtemp(prefix="e5p-bench-class-"))
    www = root / "www"
    for index in range(size):
        shutil.copytree(site, www / f"eleve{index:02d}")
        if own_css:
            for sheet in (www / f"eleve{index:02d}").rglob("*.css"):
                with sheet.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n/* eleve{index:02d} */\n")
    try:
        with serve_site(www) as base:
            yield class_list(root, [f"{base}eleve{i:02d}/" for i in range(size)])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def class_list(root: Path, targets: list[str]) -> Path:
    """The class CSV as Excel saves it (BOM, `;`, CRLF), one candidate per target."""
    rows = [f"NOM{i:02d};Prénom{i:02d};{i:05d};{target}" for i, target in enumerate(targets)]
    listing = root / "classe.csv"
    listing.write_bytes(("\ufeffnom;prenom;numero;url\r\n" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return listing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--class-size", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extern", action="store_true", help="vérifier aussi les liens externes")
    parser.add_argument("--class-browser", action="store_true", help="mesurer aussi la classe avec navigateur")
    parser.add_argument(
        "--class-folders",
        type=int,
        default=0,
        metavar="N",
        help="mesurer aussi une classe de N dossiers de portfolio (chacun construit puis audité)",
    )
    parser.add_argument(
        "--class-own-css",
        action="store_true",
        help="mesurer aussi, avec navigateur, une classe dont chaque site a sa propre feuille de style",
    )
    args = parser.parse_args()
    if find_linkchecker() is None:
        sys.exit("linkchecker introuvable : pip install linkchecker")
    extern = ["--extern"] if args.extern else ["--no-extern"]
    work = Path(tempfile.mkdtemp(prefix="e5p-bench-"))
    try:
        site, findings = build_site_into(REPO / "sample_portfolio", work / "site")
        if site is None:
            sys.exit(f"le portfolio d'exemple ne se construit pas : {[f.message for f in findings]}")
        pages = len(list(site.rglob("*.html")))
        print(
            f"Site d'exemple construit : {pages} pages HTML ({sys.platform}, {args.runs} mesures, médiane ; "
            f"charge moyenne {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs)"
        )

        alone = linkchecker_alone(site, args.runs, args.extern)
        audit = median_of(args.runs, E5PORTFOLIO + ["audit", str(site), "--no-browser", *extern])
        verdict = "OK" if audit <= alone + 1 else "TROP LENT"
        print(
            f"1. linkchecker seul : {alone:.2f} s ; audit sans navigateur : {audit:.2f} s "
            f"(écart {audit - alone:+.2f} s, objectif ≤ +1 s : {verdict})"
        )

        if browser_availability().usable:
            with_browser = median_of(args.runs, E5PORTFOLIO + ["audit", str(site), "--browser", *extern])
            verdict = "OK" if with_browser <= alone + 3 else "TROP LENT"
            print(
                f"2. audit avec navigateur (Chromium, axe-core, {pages} pages) : {with_browser:.2f} s "
                f"(écart {with_browser - alone:+.2f} s, objectif ≤ +3 s : {verdict})"
            )
            quick = median_of(args.runs, E5PORTFOLIO + ["audit", str(site), "--browser", "--axe-rapide", *extern])
            verdict = "OK" if quick <= alone + 3 else "TROP LENT"
            print(
                f"   avec --axe-rapide (axe-core sur une page par mise en page) : {quick:.2f} s "
                f"(écart {quick - alone:+.2f} s, objectif ≤ +3 s : {verdict})"
            )
        else:
            print(f"2. audit avec navigateur : non mesuré (il manque {browser_availability().missing()})")

        with class_of(site, args.class_size) as listing:
            report = listing.with_name("classe-audit.xlsx")
            elapsed, code = timed(
                E5PORTFOLIO + ["audit", "--class", str(listing), "-o", str(report), "--no-browser", *extern]
            )
            verdict = "OK" if elapsed <= 60 * args.class_size / 30 else "TROP LENT"
            print(
                f"3. classe de {args.class_size} portfolios sans navigateur : {elapsed:.1f} s "
                f"(code de sortie {code}, objectif pour 30 ≤ 60 s : {verdict})"
            )
            if args.class_browser and browser_availability().usable:
                elapsed, code = timed(
                    E5PORTFOLIO + ["audit", "--class", str(listing), "-o", str(report), "--browser", *extern]
                )
                verdict = "OK" if elapsed <= 60 * args.class_size / 30 else "TROP LENT"
                print(
                    f"   avec navigateur (sites construits par e5portfolio : mêmes feuilles de style) : "
                    f"{elapsed:.1f} s (code de sortie {code}, objectif pour 30 ≤ 60 s : {verdict})"
                )
        if args.class_own_css and browser_availability().usable:
            with class_of(site, args.class_size, own_css=True) as listing:
                report = listing.with_name("classe-audit.xlsx")
                elapsed, code = timed(
                    E5PORTFOLIO + ["audit", "--class", str(listing), "-o", str(report), "--browser", *extern]
                )
                print(
                    f"   avec navigateur, chaque site avec sa propre feuille de style (classe de sites faits "
                    f"main) : {elapsed:.1f} s (code de sortie {code})"
                )
        if args.class_folders:
            with class_of_folders(args.class_folders) as listing:
                report = listing.with_name("classe-audit.xlsx")
                elapsed, code = timed(
                    E5PORTFOLIO + ["audit", "--class", str(listing), "-o", str(report), "--no-browser", *extern]
                )
                print(
                    f"4. classe de {args.class_folders} dossiers de portfolio (chacun construit, sans "
                    f"navigateur) : {elapsed:.1f} s (code de sortie {code})"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def class_of_folders(size: int) -> Path:
    """A class of `size` copies of the sample portfolio folder, listed by relative path."""
    root = Path(tempfile.mkdtemp(prefix="e5p-bench-folders-"))
    for index in range(size):
        shutil.copytree(REPO / "sample_portfolio", root / f"eleve{index:02d}", ignore=shutil.ignore_patterns("site"))
    try:
        yield class_list(root, [f"eleve{i:02d}" for i in range(size)])
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
