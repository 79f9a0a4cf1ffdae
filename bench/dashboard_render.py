"""How long the dashboard's page for one experiment takes to draw its chart in
headless Chromium: from the start of navigation to the first `svg .line` in
the DOM, as the page itself clocks it (performance.now(), from a
MutationObserver installed before the page's own scripts run), and the
wall-clock time from driver.get to seeing it. Prints one line, never fails on
a slow page:

    render <page ms> <wall ms> <lines>
    not-ready <why>

Usage: bench/dashboard_render.py URL [TIMEOUT_SECONDS]
"""

import shutil
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

# Records when the first chart line appears, measured by the page's clock so
# that neither chromedriver's polling nor its round trips are counted.
OBSERVER = """
window.__chartAt = null;
new MutationObserver(function (_, observer) {
  if (document.querySelector('svg .line')) {
    window.__chartAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def main():
    url = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    # Debian's Chromium and its driver, named so that Selenium Manager never
    # looks for (or downloads) others.
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    try:
        driver = webdriver.Chrome(options=options, service=service)
    except WebDriverException as error:
        print(f"not-ready Chromium did not start: {error.msg or error}".splitlines()[0])
        return
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
        # One visit first, so that the measured one finds Chromium started
        # and the server warm, as a second look at the page would.
        driver.get(url)
        started = time.perf_counter()
        driver.get(url)
        try:
            WebDriverWait(driver, timeout, poll_frequency=0.01).until(
                lambda d: d.execute_script("return window.__chartAt !== null"))
        except TimeoutException:
            print(f"not-ready no svg .line in {timeout:g} s")
            return
        wall = (time.perf_counter() - started) * 1000
        page = driver.execute_script("return window.__chartAt")
        lines = driver.execute_script("return document.querySelectorAll('svg .line').length")
        print(f"render {page:.0f} {wall:.0f} {lines}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
