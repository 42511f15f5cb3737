"""Headless Chromium for the tests, driven with selenium through Debian's chromedriver.

``.ci/run`` installs ``chromium`` and ``chromium-driver``; without them the
browser tests are skipped when CI is not set, and fail when it is.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1200,1600")


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason} (.ci/run installs chromium, chromium-driver and selenium)")
    pytest.skip(reason)


def chromium_driver():
    """A fresh headless Chromium (own user-data-dir), with its console log available."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _missing("chromium and chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.profile_dir = profile
    return driver


def console_errors(driver) -> list[str]:
    """The page's console messages of level SEVERE (errors), including uncaught exceptions."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def quit_driver(driver) -> None:
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)
