"""Start the real server (gunicorn + WhiteNoise) on demo data and use it as a person would."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY_WITHIN = 120
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def aftercast(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "aftercast", *args], env=env, check=True, timeout=600)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AFTERCAST_HOME=str(home), PYTHONUNBUFFERED="1")
    aftercast("migrate", "--noinput", "-v0", env=env)
    aftercast("demo", env=env)
    with serving(home, env) as url:
        yield url


@contextmanager
def seeded(home: Path, setup: str):
    """Serve a fresh database that `setup` (Python run in `aftercast shell`, with the tests'
    factories importable) filled; yield the address and what `setup` printed last."""
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(AFTERCAST_HOME=str(home), PYTHONUNBUFFERED="1", PYTHONPATH=str(root))
    aftercast("migrate", "--noinput", "-v0", env=env)
    made = subprocess.run(
        [sys.executable, "-m", "aftercast", "shell", "-c", setup],
        env=env, check=True, timeout=600, capture_output=True, text=True,
    )  # fmt: skip
    printed = made.stdout.strip().splitlines()
    with serving(home, env) as url:
        yield url, printed[-1] if printed else ""


@contextmanager
def serving(home: Path, env: dict):
    """Run `aftercast serve` on a free port until the block ends; yield its address."""
    port = free_port()
    log_path = home / "server.log"
    log = open(log_path, "wb")  # noqa: SIM115 (open for the server's whole life)
    process = subprocess.Popen(
        [sys.executable, "-m", "aftercast", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{url}/login/", process, log_path)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Wait for the server to answer (a busy machine may be slow); show its log if it never does."""
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    log = log_path.read_text(errors="replace")[-5000:]
    pytest.fail(f"the server did not answer {url} within {READY_WITHIN} s; its log:\n{log}")


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def test_a_marketer_logs_in_switches_to_russian_and_opens_a_campaign(server, browser):
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/")
    page.fill("input[name=username]", "demo")
    page.fill("input[name=password]", "aftercast-demo")
    page.click("#login-submit")
    page.wait_for_selector("h1:has-text('Overview')")
    assert page.locator("link[rel=stylesheet]").count() == 1
    css = page.request.get(server + page.locator("link[rel=stylesheet]").get_attribute("href"))
    assert css.ok, "WhiteNoise serves the stylesheet"

    page.click("button[data-lang=ru]")
    page.wait_for_selector("h1:has-text('Обзор')")
    page.click("nav.mainnav >> text=Кампании")
    page.wait_for_selector("h1:has-text('Кампании')")
    page.locator("table.table tbody tr a").first.click()
    page.wait_for_selector("text=Рынки и результаты")
    assert page.locator(".market-card").count() >= 1
    assert page.evaluate("document.documentElement.lang") == "ru"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "campaign-ru.png"), full_page=True)

    # The choice is remembered for the user, not only in this browser.
    other = browser.new_page(locale="en-US")
    other.goto(f"{server}/login/")
    other.fill("input[name=username]", "demo")
    other.fill("input[name=password]", "aftercast-demo")
    other.click("#login-submit")
    other.wait_for_selector("h1:has-text('Обзор')")
    other.click("button[data-lang=en]")
    other.wait_for_selector("h1:has-text('Overview')")
