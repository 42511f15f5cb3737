"""The student page and the report, opened in a real headless Chromium.

Moving a slider must show the library's own numbers at that grid point
(recomputed here by solving the scenario at the slider's values), and the
page must log no console error. The page and the report must need no
network: no external script, style, image or font.
"""

from __future__ import annotations

import re

import pytest

import negotiation_sim as ns
from negotiation_sim._prose import outcome_text
from negotiation_sim.page import page_grid, write_page
from negotiation_sim.report import ARTICLE, write_report
from tests.browser.chromium import chromium_driver, console_errors, quit_driver

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//""", re.I)


@pytest.fixture(scope="module")
def driver():
    d = chromium_driver()
    yield d
    quit_driver(d)


def shown(driver, keys):
    return {k: driver.find_element("id", f"outcome-{n}").text for n, k in enumerate(keys)}


def press(driver, element_id, key, times):
    from selenium.webdriver.common.keys import Keys

    slider = driver.find_element("id", element_id)
    for _ in range(times):
        slider.send_keys(getattr(Keys, key))


@pytest.mark.parametrize("name", ["hostage_taker", "marathon_talks"])
def test_sliders_show_the_library_values(driver, tmp_path, name):
    """At the start and after moving each slider, every outcome shown is the library's value there."""
    sc = ns.scenarios.get(name)
    path = sc.to_html(tmp_path / f"{name}.html", points=11)
    text = path.read_text(encoding="utf-8")
    assert not EXTERNAL.search(text), "the page must not load anything from the network"
    grid = page_grid(sc, points=11)
    (p1, v1), (p2, v2) = grid.items()
    driver.get(path.as_uri())
    keys = list(sc.solve().outcomes)
    i, j = v1.index(getattr(sc, p1)), v2.index(getattr(sc, p2))

    def expected(a, b):
        result = sc.with_params(**{p1: v1[a], p2: v2[b]}).solve()
        return {k: outcome_text(result, k) for k in keys}

    assert shown(driver, keys) == expected(i, j)
    steps = 3 if i + 3 < len(v1) else -3
    press(driver, "slider-0", "ARROW_RIGHT" if steps > 0 else "ARROW_LEFT", abs(steps))
    i += steps
    assert driver.find_element("id", "value-0").text == f"{round(v1[i], 4):g}"
    assert shown(driver, keys) == expected(i, j)
    press(driver, "slider-1", "ARROW_LEFT", 2)
    j = max(j - 2, 0)
    assert shown(driver, keys) == expected(i, j)
    marker = driver.find_element("id", "marker")
    assert marker.get_attribute("x1") == marker.get_attribute("x2")
    assert console_errors(driver) == []


def test_an_invalid_point_says_why(driver, tmp_path):
    """A grid point outside the joint valid region shows the library's reason, not stale numbers.

    Each slider spans its parameter's valid range at the other's default, so
    the corner (highest low cost, lowest high cost) breaks the mediation
    scenario's constraint west_cost_low <= west_cost_high.
    """
    sc = ns.scenarios.get("mediation")
    params = ("west_cost_low", "west_cost_high")
    grid = page_grid(sc, params, points=5)
    low, high = grid[params[0]][-1], grid[params[1]][0]
    with pytest.raises(ns.errors.InvalidParameterError) as info:
        sc.with_params(west_cost_low=low, west_cost_high=high)
    path = write_page(sc, tmp_path / "mediation.html", parameters=params, points=5)
    driver.get(path.as_uri())
    press(driver, "slider-0", "END", 1)
    press(driver, "slider-1", "HOME", 1)
    message = driver.find_element("id", "invalid").text
    assert message.startswith("Not a valid combination") and str(info.value) in message
    assert not driver.find_element("id", "results").is_displayed()
    press(driver, "slider-1", "END", 1)  # back inside the region: numbers again, no message
    assert driver.find_element("id", "invalid").text == ""
    assert console_errors(driver) == []


def test_report_opens_and_links_a_page_per_scenario(driver, tmp_path):
    """report.html opens without console errors, needs no network, and each page it links exists and opens."""
    chosen = ["marathon_talks", "security_order"]
    report = write_report(tmp_path / "rep", scenarios=chosen, formats="html")
    text = report.html.read_text(encoding="utf-8")
    assert not EXTERNAL.search(text.replace(ARTICLE["url"], ""))
    driver.get(report.html.as_uri())
    assert console_errors(driver) == []
    links = [a.get_attribute("href") for a in driver.find_elements("css selector", ".page-link a")]
    assert len(links) == len(chosen)
    for link in links:
        driver.get(link)
        assert driver.find_element("id", "slider-0") and console_errors(driver) == []
