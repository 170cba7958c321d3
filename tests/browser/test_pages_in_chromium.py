"""The pages people use, driven in headless Chromium against a real server on the real graph.

Chromium and ChromeDriver are Debian's (`make browser`, part of `make test`, installs them). The
server runs in a thread on a free port; nothing is fetched from the internet (the pages have no
external assets, and Chromium's background networking is off).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from llmkg.config import Settings
from llmkg.http.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def server(served_store: Settings) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(served_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian chromium / chromium-driver not installed (run `make browser` as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait_for(driver, css: str, seconds: float = 20):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_home_page_says_what_the_graph_holds(server, browser):
    browser.get(server + "/")
    assert "llmkg" in browser.title
    text = browser.find_element("tag name", "body").text
    assert "SPARQL" in text
    links = {a.get_attribute("href") for a in browser.find_elements("css selector", "a")}
    assert server + "/query" in links


def test_editor_runs_the_typed_query_and_shows_a_table(server, browser):
    browser.get(server + "/query")
    box = wait_for(browser, "#query")
    browser.execute_script(
        "arguments[0].value = arguments[1];", box,
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label WHERE { <https://w3id.org/llmkg/model/alpaca> rdfs:label ?label }",
    )
    browser.find_element("css selector", "#run").click()
    cell = wait_for(browser, "#results table tbody td")
    assert cell.text.startswith("Alpaca")
    assert [th.text for th in browser.find_elements("css selector", "#results table thead th")] == ["label"]


def test_editor_offers_the_named_queries_as_examples(server, browser):
    browser.get(server + "/query")
    examples = {b.text: b for b in browser.find_elements("css selector", "button.example")}
    matrix = next((b for t, b in examples.items() if "openness" in t.lower() and "002" in t), None)
    assert matrix is not None, sorted(examples)
    matrix.click()
    assert "llmkg:score" in browser.find_element("css selector", "#query").get_attribute("value")
    browser.find_element("css selector", "#run").click()
    wait_for(browser, "#results table tbody tr")
    rows = browser.find_elements("css selector", "#results table tbody tr")
    assert len(rows) == 11  # the eleven models of document 002's summary table


def test_a_malformed_query_shows_the_parsers_message(server, browser):
    browser.get(server + "/query")
    box = wait_for(browser, "#query")
    browser.execute_script("arguments[0].value = 'SELECT * WHERE { ?s ?p }';", box)
    browser.find_element("css selector", "#run").click()
    from selenium.webdriver.support.ui import WebDriverWait

    status = browser.find_element("css selector", "#status")
    WebDriverWait(browser, 20).until(lambda _d: "error" in (status.get_attribute("class") or ""))
    assert "line 1" in status.text and "column" in status.text, status.text


def test_model_page_shows_facts_with_sources_scores_and_lineage(server, browser):
    browser.get(server + "/model/alpaca")  # the entity IRI, dereferenced: 303 to the page
    assert browser.current_url == server + "/page/model/alpaca"
    body = browser.find_element("tag name", "body").text
    assert "Alpaca" in body
    assert "How Open is Generative AI? Part 2" in body  # who says so
    assert "Research use only" in body  # an openness score's level text, with its table
    assert "LLaMA" in body
    svg = browser.find_elements("css selector", "svg")
    assert svg, "the lineage picture is missing"
    assert svg[0].size["width"] > 100


def test_no_request_leaves_the_server(server, browser):
    browser.get(server + "/page/model/llama-2-7b")
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert urls, "the page loads no assets at all?"
    assert all(u.startswith(server) for u in urls), [u for u in urls if not u.startswith(server)]


def test_named_query_page_runs_with_parameters(server, browser):
    browser.get(server + "/queries/lineage?model=alpaca")  # a shared link runs at once
    wait_for(browser, "#results table tbody tr")
    cells = [td.text for td in browser.find_elements("css selector", "#results table tbody td")]
    assert "model/llama" in cells  # Alpaca's base as document 002 names it
    assert browser.find_element("css selector", "input[name=model]").get_attribute("value") == "alpaca"
