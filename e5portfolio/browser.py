"""The one place that finds a Chromium-family browser, for every use of it.

`pdf`, `dossier` and `fiches` print with it, `audit` drives it through Playwright, and the tests
launch it: all ask `find_browser()`, so a browser that one command finds, every command finds.
Order: $E5PORTFOLIO_CHROMIUM (a path or a name on PATH; when it is set and wrong, nothing else is
tried: the user asked for that one), then the usual names on PATH (Chromium, Chrome, Edge), then
the usual install locations on Windows and macOS, then the Chromium that
`playwright install chromium` downloaded.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

BROWSER_ENV = "E5PORTFOLIO_CHROMIUM"

NO_BROWSER_MESSAGE = (
    "aucun navigateur Chromium trouvé pour imprimer le PDF : installez Chromium "
    "(Linux : sudo apt install chromium), Google Chrome ou Microsoft Edge, ou indiquez son "
    f"chemin dans la variable d'environnement {BROWSER_ENV}"
)

# Executable names on PATH (Debian's /usr/bin/chromium is found through PATH).
_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
    "microsoft-edge",
    "microsoft-edge-stable",
)
_WINDOWS_LOCATIONS = (
    ("ProgramFiles", r"Google\Chrome\Application\chrome.exe"),
    ("ProgramFiles(x86)", r"Google\Chrome\Application\chrome.exe"),
    ("LOCALAPPDATA", r"Google\Chrome\Application\chrome.exe"),
    ("ProgramFiles(x86)", r"Microsoft\Edge\Application\msedge.exe"),
    ("ProgramFiles", r"Microsoft\Edge\Application\msedge.exe"),
    ("LOCALAPPDATA", r"Chromium\Application\chrome.exe"),
)
_MACOS_LOCATIONS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
_PLAYWRIGHT_RELATIVE = (
    "chrome-linux/chrome",
    "chrome-linux64/chrome",
    "chrome-mac/Chromium.app/Contents/MacOS/Chromium",
    "chrome-win/chrome.exe",
    "chrome-win64/chrome.exe",
)


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return shutil.which(configured)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in _platform_locations():
        if _executable(candidate):
            return str(candidate)
    return _playwright_chromium()


def needs_no_sandbox() -> bool:
    """Chromium refuses to start its sandbox as root: only then is it turned off."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _platform_locations() -> list[Path]:
    if sys.platform == "win32":
        return [Path(os.environ[var]) / rel for var, rel in _WINDOWS_LOCATIONS if os.environ.get(var)]
    if sys.platform == "darwin":
        return [Path(p) for p in _MACOS_LOCATIONS]
    return []


def _playwright_chromium() -> str | None:
    """The browser of `playwright install chromium` (in ms-playwright's cache), if there is one."""
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if root and root != "0":
        bases = [Path(root)]
    else:
        bases = [Path.home() / ".cache" / "ms-playwright", Path.home() / "Library" / "Caches" / "ms-playwright"]
        if os.environ.get("LOCALAPPDATA"):
            bases.append(Path(os.environ["LOCALAPPDATA"]) / "ms-playwright")
    for base in bases:
        if not base.is_dir():
            continue
        for folder in sorted(base.glob("chromium-*"), reverse=True):
            for rel in _PLAYWRIGHT_RELATIVE:
                if _executable(folder / rel):
                    return str(folder / rel)
    return None
