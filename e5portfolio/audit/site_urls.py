"""The site's own addresses: its scope, the pages worth crawling, one key per page."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

CRAWLABLE_SUFFIXES = ("", ".html", ".htm", ".xhtml", ".php", ".asp", ".aspx", ".jsp")


def scope_of(url: str) -> str:
    """The site's own URLs start with this: scheme, host and folder of the home page."""
    parts = urlsplit(urldefrag(url)[0])
    folder = parts.path[: parts.path.rfind("/") + 1] if "/" in parts.path else "/"
    return f"{parts.scheme}://{parts.netloc}{folder or '/'}"


def crawlable(url: str, scope: str) -> bool:
    if not url.startswith(scope):
        return False
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return suffix in CRAWLABLE_SUFFIXES


def page_key(url: str) -> str:
    """One key per page: « dossier/ » and « dossier/index.html » are the same page."""
    return re.sub(r"/index\.html?$", "/", urldefrag(url)[0])
