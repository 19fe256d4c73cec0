"""Audit of any published portfolio: reachability, links, accessibility and exam readiness.

engine.audit(target) runs one audit (site folder, portfolio folder or URL); classe.py runs a
whole class from a CSV list; report.py renders the result (text, JSON, self-contained HTML).
"""
