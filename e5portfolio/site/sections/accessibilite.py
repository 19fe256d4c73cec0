"""The Accessibilité page (its content is site/accessibilite.py's)."""

from __future__ import annotations

import datetime as dt

from e5portfolio.site import accessibilite
from e5portfolio.site.sections.base import (
    SectionWriter,
)


class AccessibiliteWriter(SectionWriter):
    """Writes the « Accessibilité » page (accessibilite.md)."""

    def page(self) -> str:
        """The « Accessibilité » page (site/accessibilite.py): at this point, only the colour checks are
        known; `e5portfolio build` adds the checks of the built pages."""
        from e5portfolio import __version__

        tests = accessibilite.BuildTests(
            f"e5portfolio {__version__}",
            dt.date.today(),
            accessibilite.merged(accessibilite.colour_tests(self.site.portfolio)),
        )
        return accessibilite.accessibility_page(tests, self.contact())
