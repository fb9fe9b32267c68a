"""Drive the course in a real browser: JupyterLab started as `make lab` starts it, Chromium
driven by Playwright. Used by tests/lessons/test_browser.py and tests/scripts/take_screenshots.py.

Needs Debian's Chromium (`apt-get install chromium`); Playwright's own browser downloads are
not used.
"""

import contextlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat

from grader.authoring.generate import generate
from grader.course import COURSE_ROOT

# Debian's chromium; Google Chrome where that is what the machine has (GitHub's Ubuntu runners).
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))),
                None)
# Flags for a headless Chromium on a machine without a display or outside network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PROMPT_DONE = re.compile(r"\[\d+\]")
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def course_server(root: Path, *, instructor: bool = False):
    """A copy of the course in `root`, served by `python -m grader.authoring.lab` (what `make lab`
    runs; with `instructor`, what `make instructor-lab` runs).

    Yields a `Lab` factory's ingredients: the base URL and the token. The copy has its student
    versions and gradebook generated, so formgrader lists the lessons; a second server on the same
    root reuses them.
    """
    if not (root / "solutions").exists():
        shutil.copytree(COURSE_ROOT / "solutions", root / "solutions")
        shutil.copy(COURSE_ROOT / "nbgrader_config.py", root)
        generate(course_root=root, quiet=True)
    port, token = free_port(), secrets.token_hex(16)
    log = open(root / f"jupyterlab-{port}.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "grader.authoring.lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         *(["--instructor"] if instructor else [])],
        cwd=root, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: see {log.name}")
                time.sleep(0.5)
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # kernels still shutting down: do not wait for them
            server.kill()
            server.wait()
        log.close()


@contextlib.contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 900})
        finally:
            browser.close()


class Lab:
    """The pages of one JupyterLab, as a student or an instructor uses them.

    Cells are found by their index in the notebook file: the browser shows them in the same
    order, while CodeMirror only puts the visible lines of a long cell on the page.
    """

    def __init__(self, page, url: str, token: str, root: Path):
        self.page, self.url, self.token, self.root = page, url, token, root
        self.notebook = None

    def open(self, path: str):
        self.notebook = nbformat.read(self.root / path, as_version=4)
        # A fresh workspace each time, so that only this notebook is open.
        workspace = secrets.token_hex(4)
        self.page.goto(f"{self.url}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}")
        self.page.wait_for_function(
            f"() => document.querySelectorAll('.jp-Notebook .jp-Cell').length === "
            f"{len(self.notebook.cells)}", timeout=120_000)
        self.dismiss_news()

    def dismiss_news(self):
        """JupyterLab asks once whether to fetch news; answer no so it covers nothing."""
        no = self.page.get_by_role("button", name="No", exact=True)
        if no.count():
            no.first.click()

    @property
    def cells(self):
        return self.page.locator(".jp-Notebook .jp-Cell")

    def cell_index(self, grade_id: str) -> int:
        """The index of the cell with this nbgrader grade id."""
        for index, cell in enumerate(self.notebook.cells):
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
                return index
        raise LookupError(f"no cell has grade_id {grade_id!r}")

    def _wait_for_result(self, index: int, timeout_s: float):
        cell = self.cells.nth(index)
        if "jp-CodeCell" not in (cell.get_attribute("class") or ""):
            return
        deadline = time.monotonic() + timeout_s
        while not PROMPT_DONE.search(cell.locator(".jp-InputPrompt").text_content()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"cell {index} did not finish in {timeout_s} s")
            time.sleep(0.2)

    def run_cell(self, index: int, timeout_s: float = 300):
        """Run one code cell with Shift+Enter and wait for its result, as a student does."""
        self.cells.nth(index).locator(".jp-InputArea-editor").click()
        self.page.keyboard.press("Shift+Enter")
        self._wait_for_result(index, timeout_s)

    def run_every_cell(self, timeout_s: float = 300) -> dict[int, str]:
        """Run all cells in order with Shift+Enter, one at a time (a failing cell does not stop
        the others, unlike Run All); return {cell index: text of its error or stderr output}."""
        self.cells.first.click()
        self.page.keyboard.press("Escape")  # command mode: Shift+Enter runs and moves on
        failures = {}
        for index in range(self.cells.count()):
            self.page.keyboard.press("Shift+Enter")
            self._wait_for_result(index, timeout_s)
            stderr = self.cells.nth(index).locator(STDERR)
            if stderr.count():
                failures[index] = "\n".join(stderr.all_text_contents())
        return failures

    def output_text(self, index: int) -> str:
        return "\n".join(self.cells.nth(index).locator(".jp-OutputArea-output").all_text_contents())

    def replace_cell_source(self, index: int, source: str):
        editor = self.cells.nth(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.insert_text(source)  # as a paste: no auto-indentation

    def save(self):
        self.page.keyboard.press("Control+s")
        self.page.wait_for_function(
            "() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=30_000)

    def validate(self) -> str:
        """Press nbgrader's Validate button; return the text of the dialog it opens."""
        self.page.get_by_role("button", name="Validate").click()
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(timeout=300_000)
        self.page.wait_for_function(
            "() => !/Validating/.test(document.querySelector('.jp-Dialog').innerText)",
            timeout=300_000)
        return dialog.inner_text()

    def close_dialog(self):
        self.page.locator(".jp-Dialog .jp-Dialog-button").last.click()

    def nbgrader_menu(self, item: str):
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()

    def nbgrader_menu_items(self) -> list[str]:
        """The items of the Nbgrader menu, which is left open."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        labels = self.page.locator(".lm-Menu-content .lm-Menu-itemLabel")
        labels.first.wait_for(timeout=30_000)
        return [text.strip() for text in labels.all_inner_texts() if text.strip()]
