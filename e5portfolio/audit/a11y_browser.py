"""Accessibility and rendering in a real browser: axe-core (WCAG 2.0/2.1/2.2, A and AA) in headless Chromium.

Used when a Chromium (system package, Chrome/Edge, or `playwright install chromium`) and the
`playwright` Python package (`pip install "e5portfolio[browser]"`) are found;
`browser_availability()` says what is missing and how to get it. axe-core ships with the package
(`vendor/axe.min.js`, MPL-2.0, with its French locale): no script is ever taken from the audited
folder or the current folder.

Not fakeable: the audited page's scripts run in the page's main world; axe-core and the DOM reading
run in an isolated world created through the Chrome DevTools Protocol (`Page.createIsolatedWorld`,
then `Runtime.evaluate` with its context id). That world shares the DOM but not the JavaScript
globals: a page that defines its own `window.axe`, or patches `Array`, `JSON`, `Promise`…, changes
nothing there, and the result is read from that world only.

Stable results: reduced motion, animations and transitions off, fonts loaded and the network settled
before axe runs; axe's own iframe messaging is off (frames are crawled as pages).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.util
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from e5portfolio.audit.a11y_static import A11yIssue
from e5portfolio.audit.axe_advice import advice_for
from e5portfolio.audit.sampling import KIND_JS
from e5portfolio.audit.scope import Scope, origin_of, same_site
from e5portfolio.browser import find_browser, needs_no_sandbox
from e5portfolio.core.errors import E5Error
from e5portfolio.core.findings import Severity

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Playwright, ViewportSize

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_SCRIPT = VENDOR / "axe.min.js"
AXE_LOCALE = VENDOR / "axe-fr.json"
BASE_CHROMIUM_ARGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--font-render-hinting=none",
)
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
MAX_SELECTORS = 5
MAX_RENDERED_HTML = 3_000_000  # characters of rendered DOM read back per page
MAX_RENDERED_LINKS = 2000
SETTLE_SECONDS = 3.0  # longest wait for the network to go quiet after « load »
QUIET_STEP = 0.05
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
# animations and transitions make contrast results change from one run to the next
_STILL_CSS = (
    "*, *::before, *::after { animation: none !important; transition: none !important; "
    "caret-color: transparent !important; scroll-behavior: auto !important; }"
)


def chromium_args() -> list[str]:
    """Chromium keeps its sandbox; only as root (where Chromium refuses to start with it) is it off."""
    args = list(BASE_CHROMIUM_ARGS)
    if needs_no_sandbox():
        args.append("--no-sandbox")
    return args


@dataclass(frozen=True)
class BrowserAvailability:
    chromium: str | None
    axe_script: Path | None
    playwright: bool

    @property
    def usable(self) -> bool:
        return bool(self.chromium and self.axe_script and self.playwright)

    def missing(self) -> str:
        """French: what is missing and how to enable the browser check."""
        needs = []
        if not self.playwright:
            needs.append('le paquet Python playwright (« pip install "e5portfolio[browser]" »)')
        if not self.chromium:
            needs.append(
                "un navigateur Chromium (paquet « chromium » du système, Chrome, Edge, ou "
                "« playwright install chromium »)"
            )
        if not self.axe_script:
            needs.append(
                "le script axe-core livré avec e5portfolio (installation incomplète : réinstallez e5portfolio)"
            )
        return ", ".join(needs)


def find_axe_script() -> Path | None:
    """axe-core as shipped in the package: never from the current folder or the audited site."""
    return AXE_SCRIPT if AXE_SCRIPT.is_file() else None


def browser_availability() -> BrowserAvailability:
    return BrowserAvailability(find_browser(), find_axe_script(), importlib.util.find_spec("playwright") is not None)


@dataclass
class AxePageResult:
    url: str
    issues: list[A11yIssue] = field(default_factory=list)
    error: str | None = None  # French: why the page was not analysed
    violations: list[dict] = field(default_factory=list)  # axe's own, each node with its element `kind`


@dataclass
class AxeRun:
    pages: list[AxePageResult] = field(default_factory=list)
    rule_ids: frozenset[str] = frozenset()  # the axe rules that ran (for de-duplication)
    problem: str | None = None  # French: why the browser check stopped early or could not start
    rendered: int = 0  # pages shown in the browser (for their links), with or without axe-core
    # pages not run through axe: every kind of element they hold was analysed on another page
    # (audit.sampling); url → the violations they inherit from the analysed pages
    inherited: dict[str, list[A11yIssue]] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedLink:
    href: str  # as written in the attribute
    url: str  # absolute, fragment removed
    text: str


@dataclass
class Rendered:
    """One page as the browser shows it: its DOM after scripts ran, and axe's verdict."""

    url: str
    final_url: str = ""
    html: str | None = None
    links: list[RenderedLink] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)
    axe: AxePageResult | None = None
    rule_ids: frozenset[str] = frozenset()
    error: str | None = None  # French: why the page could not be rendered


class BrowserSession:
    """One headless Chromium, driven from its own thread by Playwright's asyncio API.

    Any thread may ask it for a `Renderer` (one browser context per site) and have pages rendered;
    a class audit shares one session between its worker threads (one browser, several contexts),
    and each site renders a few pages at a time in tabs of its context. Use as a context manager.
    """

    def __init__(self, availability: BrowserAvailability, *, launch_timeout: float = 60.0, tabs: int = 3) -> None:
        self.availability = availability
        self.launch_timeout = launch_timeout
        self.tabs = max(1, tabs)
        assert availability.axe_script is not None  # a session is started only when the browser is usable
        self.script = availability.axe_script.read_text(encoding="utf-8")
        self.locale = AXE_LOCALE.read_text(encoding="utf-8") if AXE_LOCALE.is_file() else None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._manager: Playwright | None = None
        self.browser: Browser | None = None

    def __enter__(self) -> BrowserSession:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="e5p-chromium", daemon=True)
        self._thread.start()
        try:
            self.call(self._launch(), self.launch_timeout + 5)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    async def _launch(self) -> None:
        from playwright.async_api import async_playwright

        self._manager = await async_playwright().start()
        self.browser = await self._manager.chromium.launch(
            executable_path=self.availability.chromium,
            headless=True,
            args=chromium_args(),
            timeout=self.launch_timeout * 1000,
        )

    async def _shutdown(self) -> None:
        try:
            if self.browser is not None:
                await self.browser.close()
        finally:
            self.browser = None
            if self._manager is not None:
                await self._manager.stop()
                self._manager = None

    def call(self, coroutine, timeout: float):
        """Run `coroutine` on the browser's thread and wait for its result (at most `timeout` seconds)."""
        assert self._loop is not None  # made by __enter__
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def close(self) -> None:
        if self._loop is None:
            return
        try:
            if self._thread is not None and self._thread.is_alive():
                self.call(self._shutdown(), 30)
        except Exception:  # noqa: BLE001 - closing a browser that already went away
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            if self._thread is None or not self._thread.is_alive():
                self._loop.close()
            self._loop = None
            self._thread = None

    def renderer(self, *, local_only: bool, page_timeout: float, origin: str | None = None) -> Renderer:
        return Renderer(self, local_only=local_only, page_timeout=page_timeout, origin=origin)

    def setup(self, name: str) -> str:
        """Run after axe-core in the isolated world: its French texts, and its private name there."""
        locale = f"axe.configure({{locale: {self.locale}}});" if self.locale else ""
        return f"\n;{locale}\nglobalThis[{json.dumps(name)}] = axe; undefined;"


_shared: dict[str, object] = {}
_shared_lock = threading.Lock()


class _SharedSession:
    """A session started on first use and kept for every audit of the block (a class audit)."""

    def __init__(self) -> None:
        self.session: BrowserSession | None = None
        self.failure: BaseException | None = None

    def get(self, availability: BrowserAvailability) -> BrowserSession:
        with _shared_lock:
            if self.failure is not None:
                raise self.failure
            if self.session is None:
                try:
                    self.session = BrowserSession(availability).__enter__()
                except BaseException as exc:
                    self.failure = exc
                    raise
            return self.session


@contextlib.contextmanager
def shared_browser() -> Iterator[None]:
    """Within this block, every audit (from any thread) shares one Chromium, started when first needed."""
    holder = _SharedSession()
    _shared["holder"] = holder
    try:
        yield
    finally:
        _shared.pop("holder", None)
        if holder.session is not None:
            holder.session.close()


@contextlib.contextmanager
def browser_session(availability: BrowserAvailability) -> Iterator[BrowserSession]:
    """The shared Chromium when a `shared_browser()` block is open, else a Chromium for this block only."""
    holder = _shared.get("holder")
    if isinstance(holder, _SharedSession):
        yield holder.get(availability)
        return
    with BrowserSession(availability) as session:
        yield session


_SETTLE = """(async (css, fontWait) => {
    const style = document.createElement("style");
    style.setAttribute("data-e5p-audit", "");
    style.textContent = css;
    (document.head || document.documentElement).appendChild(style);
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    if (document.fonts && document.fonts.ready) {
        await Promise.race([document.fonts.ready, pause(fontWait)]);
    }
    await Promise.race([new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), pause(500)]);
    return true;
})"""

_READ_DOM = """((maxLinks, maxHtml) => {
    const clean = (text) => String(text || "").replace(/\\s+/g, " ").trim().slice(0, 200);
    const links = [];
    for (const a of document.querySelectorAll("a[href], area[href]")) {
        if (links.length >= maxLinks) break;
        const url = typeof a.href === "string" ? a.href : "";
        links.push([a.getAttribute("href") || "", url,
                    clean(a.innerText || a.textContent || a.getAttribute("aria-label") || a.getAttribute("alt"))]);
    }
    const frames = Array.from(document.querySelectorAll("iframe[src], frame[src]"))
        .map((f) => f.src).filter((s) => typeof s === "string").slice(0, 100);
    let html = document.documentElement ? document.documentElement.outerHTML : "";
    if (html.length > maxHtml) html = html.slice(0, maxHtml);
    return {links, frames, html, url: String(location.href)};
})"""

# runs in the isolated world, where `AXE` names the axe-core object injected there
_RUN_AXE = """(async (axe, tags, kindOf) => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
        iframes: false, elementRef: false, ancestry: false, xpath: false});
    const clean = (text) => String(text || "").replace(/\\s+/g, " ").trim();
    const label = (target) => {
        if (!Array.isArray(target) || target.length !== 1 || typeof target[0] !== "string") return "";
        let el = null;
        try { el = document.querySelector(target[0]); } catch (e) { return ""; }
        if (!el) return "";
        const tag = el.tagName.toLowerCase();
        if (el.id && /^[A-Za-z][\\w-]{0,40}$/.test(el.id)) return tag + "#" + el.id;
        const named = clean(el.getAttribute("aria-label") || el.getAttribute("alt") || el.getAttribute("title")
                            || el.innerText || el.textContent || el.getAttribute("placeholder"));
        if (named) return tag + " « " + (named.length > 40 ? named.slice(0, 39) + "…" : named) + " »";
        const src = el.getAttribute("src") || el.getAttribute("href") || "";
        if (src) {
            const name = src.split(/[?#]/)[0].split("/").filter(Boolean).pop() || src;
            return tag + " (" + name.slice(0, 40) + ")";
        }
        const cls = (el.getAttribute("class") || "").split(/\\s+/).filter(Boolean)[0];
        return cls ? tag + "." + cls : tag;
    };
    const kind = (target) => {
        if (!Array.isArray(target) || target.length !== 1 || typeof target[0] !== "string") return "";
        try { const el = document.querySelector(target[0]); return el ? kindOf(el) : ""; } catch (e) { return ""; }
    };
    return {
        violations: result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({target: n.target, label: label(n.target), kind: kind(n.target)})),
        })),
        // the rules that really ran (axe.getRules(tags) also lists experimental and deprecated ones,
        // which runOnly leaves off): every rule of the run appears in one of these lists
        rules: ["passes", "violations", "incomplete", "inapplicable"]
            .flatMap((key) => (result[key] || []).map((rule) => rule.id)),
    };
})"""


@dataclass(frozen=True)
class _Raw:
    """An argument passed as code (a function of ours), not as JSON data."""

    code: str


class BrowserScriptError(E5Error):
    """A script of ours failed in the isolated world (French-free internal message)."""


class Renderer:
    """One browser context for one site, with a few tabs: renders pages, reads their DOM, runs axe-core.

    Called from the audit's thread; the work runs on the session's thread.
    """

    def __init__(
        self, session: BrowserSession, *, local_only: bool, page_timeout: float, origin: str | None = None
    ) -> None:
        self.session = session
        self.page_timeout = page_timeout
        self.local_only = local_only
        # the audited site (its URL prefix): a local one may reach only its own host and port, a
        # public one no local, private or metadata address (audit.scope), after name resolution
        self.origin = origin
        self.scope = Scope(origin) if origin else None
        self.axe_name = f"e5pAxe{secrets.token_hex(8)}"
        self.context: BrowserContext | None = None
        self._tabs: asyncio.Queue | None = None
        self._opened = 0
        session.call(self._create(), page_timeout + 10)

    async def _create(self) -> None:
        assert self.session.browser is not None  # the session is launched before any renderer
        self.context = await self.session.browser.new_context(
            locale="fr-FR",
            service_workers="block",
            reduced_motion="reduce",
            viewport=VIEWPORT,
            accept_downloads=False,
            color_scheme="light",
        )
        self.context.set_default_timeout(self.page_timeout * 1000)
        if self.local_only:  # only requests leaving the local server go through Python (and are refused)
            await self.context.route(_not_local(self.origin), _refuse_route)
        elif self.scope is not None:  # a public site: every request is checked (names resolved once)
            await self.context.route(re.compile(r"^https?://", re.I), self._guard_route)
        self.context.on("page", _close_popup)
        self._tabs = asyncio.Queue()

    async def _guard_route(self, route) -> None:
        url = route.request.url
        assert self.scope is not None  # the route is installed only with a scope
        why = await asyncio.get_running_loop().run_in_executor(None, self.scope.refusal, url)
        if why:
            await route.abort("blockedbyclient")
        else:
            await route.continue_()

    def close(self) -> None:
        if self.context is None:
            return
        try:
            self.session.call(self.context.close(), 30)
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
        self.context = None

    def render(self, url: str, *, with_axe: bool) -> Rendered:
        return self.render_many([url], with_axe=with_axe)[0]

    def render_many(self, urls: list[str], *, with_axe: bool | list[bool]) -> list[Rendered]:
        """Render `urls` a few at a time (axe-core too, for all or, with a list of flags, for some);
        results in the order of `urls` (same order every run)."""
        if not urls:
            return []
        flags = list(with_axe) if isinstance(with_axe, list) else [with_axe] * len(urls)
        budget = (self.page_timeout + SETTLE_SECONDS) * 2 * (len(urls) // self.session.tabs + 1) + 30
        try:
            return self.session.call(self._render_all(urls, flags), budget)
        except concurrent.futures.TimeoutError:
            error = "page non analysée dans le navigateur (délai dépassé)"
            return [
                Rendered(url, error=error, axe=AxePageResult(url, error=error) if flag else None)
                for url, flag in zip(urls, flags, strict=False)
            ]

    async def _render_all(self, urls: list[str], flags: list[bool]) -> list[Rendered]:
        assert self._tabs is not None  # made by _create
        while self._opened < min(self.session.tabs, len(urls)):
            self._opened += 1
            self._tabs.put_nowait(await self._new_tab())
        return list(
            await asyncio.gather(*(self._render_in_a_tab(url, flag) for url, flag in zip(urls, flags, strict=False)))
        )

    async def _new_tab(self) -> _Tab:
        assert self.context is not None  # closed only after the last render
        page = await self.context.new_page()
        tab = _Tab(page, await self.context.new_cdp_session(page))
        page.on("dialog", _dismiss)
        page.on("request", tab.started)
        page.on("requestfinished", tab.ended)
        page.on("requestfailed", tab.ended)
        return tab

    async def _render_in_a_tab(self, url: str, with_axe: bool) -> Rendered:
        assert self._tabs is not None  # made by _create
        tab = await self._tabs.get()
        try:
            return await self._render(tab, url, with_axe)
        finally:
            self._tabs.put_nowait(tab)

    async def _render(self, tab: _Tab, url: str, with_axe: bool) -> Rendered:
        from playwright.async_api import Error as PlaywrightError

        rendered = Rendered(url)
        try:
            await self._open(tab, url)
            world = await self._isolated_world(tab)
            await self._call(tab, world, _SETTLE, [_STILL_CSS, int(SETTLE_SECONDS * 1000)], await_promise=True)
            dom = await self._call(tab, world, _READ_DOM, [MAX_RENDERED_LINKS, MAX_RENDERED_HTML]) or {}
            rendered.final_url = urldefrag(str(dom.get("url") or url))[0]
            if not same_site(rendered.final_url, url):  # a script took the tab elsewhere: nothing read there
                rendered.final_url = urldefrag(tab.page.url)[0] or rendered.final_url
                rendered.error = left_site_message(rendered.final_url)
                rendered.axe = AxePageResult(url, error=rendered.error)  # said even when axe was not asked
                return rendered
            rendered.html = str(dom.get("html") or "")
            rendered.links = [
                RenderedLink(str(h), urldefrag(u)[0], str(t))
                for h, u, t in dom.get("links", [])
                if isinstance(u, str) and u
            ]
            rendered.frames = [urldefrag(str(f))[0] for f in dom.get("frames", []) if f]
            if with_axe:
                await self._evaluate(tab, world, self.session.script + self.session.setup(self.axe_name))
                outcome = (
                    await self._call(
                        tab,
                        world,
                        _RUN_AXE,
                        [list(WCAG_TAGS), _Raw(KIND_JS)],
                        await_promise=True,
                        receiver=self.axe_name,
                    )
                    or {}
                )
                rendered.rule_ids = frozenset(outcome.get("rules", []))
                violations = [v for v in outcome.get("violations", []) if isinstance(v, dict)]
                rendered.axe = AxePageResult(url, [violation_issue(v) for v in violations], violations=violations)
        except (TimeoutError, PlaywrightError, BrowserScriptError) as exc:
            rendered.error = f"page non analysée dans le navigateur ({first_line(exc)})"
            if with_axe:
                rendered.axe = AxePageResult(url, error=rendered.error)
        return rendered

    async def _open(self, tab: _Tab, url: str) -> None:
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        await tab.page.goto(url, wait_until="domcontentloaded", timeout=self.page_timeout * 1000)
        try:
            await tab.page.wait_for_load_state("load", timeout=min(self.page_timeout, 10.0) * 1000)
        except PlaywrightTimeout:
            pass  # a resource that never ends: analyse the page as it is
        # the network has settled when no request is in flight at two looks QUIET_STEP apart
        deadline = time.monotonic() + SETTLE_SECONDS
        quiet = 1 if tab.inflight == 0 else 0
        while time.monotonic() < deadline and quiet < 2:
            await asyncio.sleep(QUIET_STEP)
            quiet = quiet + 1 if tab.inflight == 0 else 0

    async def _isolated_world(self, tab: _Tab) -> int:
        tree = await tab.cdp.send("Page.getFrameTree")
        world = await tab.cdp.send(
            "Page.createIsolatedWorld",
            {
                "frameId": tree["frameTree"]["frame"]["id"],
                "worldName": f"e5portfolio-audit-{secrets.token_hex(6)}",
                "grantUniveralAccess": False,
            },
        )
        return world["executionContextId"]

    async def _call(
        self,
        tab: _Tab,
        world: int,
        function: str,
        args: list,
        *,
        await_promise: bool = False,
        receiver: str | None = None,
    ):
        """Call `function(...args)` in the isolated world (with the axe object first when `receiver`)."""
        arguments = ", ".join(a.code if isinstance(a, _Raw) else json.dumps(a) for a in args)
        if receiver:
            arguments = f"globalThis[{json.dumps(receiver)}], {arguments}"
        return await self._evaluate(tab, world, f"({function})({arguments})", await_promise=await_promise)

    async def _evaluate(self, tab: _Tab, world: int, expression: str, *, await_promise: bool = False):
        reply = await asyncio.wait_for(
            tab.cdp.send(
                "Runtime.evaluate",
                {
                    "expression": expression,
                    "contextId": world,
                    "returnByValue": True,
                    "awaitPromise": await_promise,
                    "timeout": self.page_timeout * 1000,
                },
            ),
            self.page_timeout + 5,
        )
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text") or "erreur de script"
            raise BrowserScriptError(str(text).splitlines()[0][:200])
        return (reply.get("result") or {}).get("value")


class _Tab:
    """A page of the site's context, its DevTools session, and its requests in flight."""

    def __init__(self, page, cdp) -> None:
        self.page = page
        self.cdp = cdp
        self.inflight = 0

    def started(self, _request) -> None:
        self.inflight += 1

    def ended(self, _request) -> None:
        self.inflight = max(0, self.inflight - 1)


async def _dismiss(dialog) -> None:
    try:
        await dialog.dismiss()
    except Exception:  # noqa: BLE001 - the page may have gone
        pass


async def _close_popup(page) -> None:
    """A page opened by the audited site (window.open): closed at once, it is not analysed."""
    if await page.opener() is not None:
        try:
            await page.close()
        except Exception:  # noqa: BLE001
            pass


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


# any URL but the local server's own (and data:, blob:, about:): an audit of a local folder stays local
_NOT_LOCAL = re.compile(
    r"^(?!(?:https?://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:/|$)|data:|blob:|about:))", re.IGNORECASE
)
LEFT_SITE = "la page a quitté le site audité"


def _not_local(origin: str | None) -> re.Pattern:
    """Any URL but the audited local server's own (its host and port only), data:, blob:, about:."""
    parts = origin_of(origin) if origin else None
    if parts is None:
        return _NOT_LOCAL
    own = re.escape(f"{parts[0]}://{parts[1]}:{parts[2]}")
    return re.compile(rf"^(?!(?:{own}(?:/|$)|data:|blob:|about:))", re.IGNORECASE)


def left_site_message(final_url: str) -> str:
    shown = final_url if len(final_url) <= 120 else final_url[:119] + "…"
    return (
        f"{LEFT_SITE} (un script l'a envoyée vers « {shown} ») : elle n'est pas analysée ; une page "
        "du portfolio doit rester sur le site"
    )


async def _refuse_route(route) -> None:
    await route.abort("blockedbyclient")


def _selector(target) -> str:
    """axe's node target: a list of CSS selectors (nested lists for iframes and shadow roots)."""
    if isinstance(target, list):
        return " ➜ ".join(_selector(t) for t in target)
    return str(target)


def short_label(node: dict) -> str:
    """A selector a teacher can read: tag, id or text of the element (axe's CSS path as a fallback)."""
    label = str(node.get("label") or "").strip()
    if label:
        return label
    selector = _selector(node.get("target", []))
    last = selector.split(" ➜ ")[-1].split(">")[-1].strip()
    return last or selector


def violation_issue(violation: dict) -> A11yIssue:
    """One finding per rule and page: what, which elements (short labels), how to fix (French)."""
    rule = violation.get("id", "inconnue")
    impact = violation.get("impact")
    severity = Severity.ERROR if impact in ("critical", "serious") else Severity.WARNING
    nodes = violation.get("nodes", [])
    labels = [short_label(node) for node in nodes[:MAX_SELECTORS]]
    where = ", ".join(f"« {s} »" if not s.endswith("»") else s for s in labels)
    if len(nodes) > MAX_SELECTORS:
        where += f" et {len(nodes) - MAX_SELECTORS} autre(s)"
    help_text = (violation.get("help") or rule).rstrip(".")
    count = f"{len(nodes)} élément{'s' if len(nodes) > 1 else ''}"
    message = f"{help_text} ({count} : {where}) : {advice_for(rule)}"
    more = violation.get("helpUrl")
    hint = f"en savoir plus : {more.split('?')[0]}" if more else None
    selectors = [_selector(node.get("target", [])) for node in nodes]
    return A11yIssue(rule, severity, message, element=";".join(sorted(selectors)), hint=hint)
