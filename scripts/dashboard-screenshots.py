"""Screenshots of every view of `runner serve`, for the README.

Serves DATABASE with RUNNER, opens each view in headless Chromium at
1280 x 900 and writes DIRECTORY/dashboard-VIEW.png for the experiments list,
experiment EXPERIMENT, a comparison of its best two configurations with the
best of a second experiment, its first run, and the SQL console running the
first example query.

    .build/python/bin/python scripts/dashboard-screenshots.py RUNNER DATABASE DIRECTORY [EXPERIMENT [OTHER]]
"""

import json
import os
import signal
import subprocess
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main(runner, database, directory, experiment="nielsen-ch3", other="eta"):
    os.makedirs(directory, exist_ok=True)
    server = subprocess.Popen([runner, "serve", "--db", database, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip().rstrip("/")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20, poll_frequency=0.05)

    def answer(path):
        with urllib.request.urlopen(url + path) as response:
            return json.load(response)

    def save(name):
        # The whole page, not the first screenful: the experiment's charts
        # are below its table.
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height, 900), 3000))
        driver.save_screenshot(os.path.join(directory, "dashboard-%s.png" % name))
        driver.set_window_size(1280, 900)
        print("wrote", os.path.join(directory, "dashboard-%s.png" % name))

    def shoot(path, name, ready):
        driver.get(url + path)
        wait.until(lambda d: d.find_element(By.ID, "view").get_attribute("data-state") == "ready")
        wait.until(ready)
        save(name)

    def ranked(name):
        rows = answer("/api/experiments/" + name)["configurations"]
        scored = [row for row in rows if "best_validation_accuracy" in row["statistics"]]
        return sorted(scored, key=lambda row: -row["statistics"]["best_validation_accuracy"]["mean"])

    try:
        lines = lambda chart: lambda d: d.find_elements(By.CSS_SELECTOR, "[data-chart=%s] svg path.line" % chart)
        shoot("/", "experiments", lambda d: d.find_elements(By.CSS_SELECTOR, "table.data tbody tr"))
        by_setting = lambda d: d.find_elements(By.CSS_SELECTOR, "[data-chart=by-setting] svg")
        shoot("/experiments/" + experiment, "experiment", lambda d: lines("curves")(d) and by_setting(d))
        best = ranked(experiment)[:2] + ranked(other)[:1]
        query = "&".join("c=%s:%s" % (row["experiment"], row["key"]) for row in best)
        shoot("/compare?" + query, "compare", lines("compare"))
        shoot("/runs/%d" % best[0]["runs"][0]["id"], "run", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-chart=run] svg"))
        driver.get(url + "/sql")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "button.example"))
        driver.find_elements(By.CSS_SELECTOR, "button.example")[0].click()
        driver.find_element(By.XPATH, "//button[text()='Run']").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".sql-results tbody tr"))
        save("sql")
    finally:
        driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
