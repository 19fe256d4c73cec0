"""Tests of the audit (e5portfolio/audit/)."""
