"""Audit of any published portfolio: reachability, links, accessibility and exam readiness.

engine.audit(target) runs one audit (site folder, portfolio folder or URL): target.py says what is
audited, site_audit.py runs one site's sequence (crawl.py, script_navigation.py, link_check.py,
verdicts.py), portfolio_site.py builds a portfolio folder for it and sandboxed_build.py does so in a
child process bounded in time and memory. classe.py runs a whole class from a CSV list; report.py
renders the result (text, JSON, self-contained HTML).
"""
