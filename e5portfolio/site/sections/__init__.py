"""One writer per section of the site (site/pages.py puts them together), on a shared base."""
