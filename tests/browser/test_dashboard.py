"""End-to-end tests of `runner serve`'s pages in headless Chromium.

Each test class sweeps real experiments into a database of its own in a
temporary directory, and each test serves it on a port the system chooses.

    swift build --product runner
    .build/python/bin/python tests/browser/test_dashboard.py -v

RUNNER names the binary (default .build/debug/runner); SCREENSHOTS_DIR, when
set, keeps each view's screenshot there as a PNG.
"""

import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUNNER = os.path.abspath(os.path.join(REPO, os.environ.get("RUNNER", ".build/debug/runner")))
XSS = "<img src=x onerror=alert(1)>"

# A second experiment, small enough to train in a moment.
TINY = """\
name: tiny
description: Three hidden sizes on 300 images
dataset: mnist
train_limit: 300
validation_limit: 200
test_limit: 200
eta: 3.0
epochs: 2
batch: 10
seeds: [1]
grid:
  layers: [[784, 10, 10], [784, 20, 10], [784, 30, 10]]
"""

# The description is markup, quoted so that YAML reads it as one string.
HOSTILE = """\
name: hostile
description: '%s'
dataset: mnist
train_limit: 200
validation_limit: 100
test_limit: 100
layers: [784, 10, 10]
eta: 3.0
epochs: 1
batch: 10
seeds: [1]
""" % XSS

# Swept while a page is open: two configurations of two seeds.
LIVE = """\
name: live
description: Swept while the page is open
dataset: mnist
train_limit: 300
validation_limit: 200
test_limit: 200
layers: [784, 10, 10]
epochs: 2
batch: 10
seeds: [1, 2]
grid:
  eta: [1.0, 3.0]
"""

# An early-stopped search: four sampled points ranked after epoch 1, of
# which successive halving keeps one to train on to epoch 3.
SEARCH = """\
name: search
description: Successive halving over four sampled points
dataset: mnist
train_limit: 300
validation_limit: 200
test_limit: 200
layers: [784, 10, 10]
epochs: 3
batch: 10
seeds: [1]
sample:
  eta: {log_uniform: [0.1, 10]}
samples: 4
sampler: random
early_stop: {method: successive_halving, min_epochs: 1, reduction: 3}
"""


def sweep(directory, experiment, database, *flags):
    """Runs a real sweep from the repository root, its CSV exports into the
    temporary directory so that the tree stays clean."""
    out = os.path.join(directory, "exports")
    os.makedirs(out, exist_ok=True)
    return subprocess.run(
        [RUNNER, "sweep", experiment, "--db", database, "--out", out, "--quiet", *flags],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as file:
        file.write(text)
    return path


def count_rows(database, sql, *arguments):
    connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
    try:
        return connection.execute(sql, arguments).fetchone()[0]
    finally:
        connection.close()


def png_pixels(data):
    """(width, height, [(r, g, b), …]) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format %r" % (header,)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    pixels = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
                predictor = left if distances[0] <= distances[1] and distances[0] <= distances[2] else up if distances[1] <= distances[2] else corner
                line[i] = (line[i] + predictor) & 0xFF
        pixels.extend(bytes(line[i:i + 3]) for i in range(0, stride, channels))
        previous = line
    return width, height, pixels


class Server:
    """`runner serve` on a port the system chooses."""

    def __init__(self, database):
        self.process = subprocess.Popen(
            [RUNNER, "serve", "--db", database, "--port", "0"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://"):
            self.process.kill()
            raise AssertionError("runner serve printed %r, stderr: %s" % (line, self.process.stderr.read()))
        self.url = line.rstrip("/")

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            status = self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()
            self.process.stderr.close()
        return status


class DashboardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.mkdtemp(prefix="runner-dashboard-")
        cls.database = os.path.join(cls.directory, "results.sqlite")
        for experiment in ("experiments/smoke.yaml", write(cls.directory, "tiny.yaml", TINY),
                           write(cls.directory, "hostile.yaml", HOSTILE)):
            result = sweep(cls.directory, experiment, cls.database)
            if result.returncode != 0:
                shutil.rmtree(cls.directory, ignore_errors=True)
                raise AssertionError("sweep %s exited %d: %s" % (experiment, result.returncode, result.stderr))
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(argument)
        # An alert left open fails the next command instead of being dismissed quietly.
        options.set_capability("unhandledPromptBehavior", "ignore")
        try:
            cls.driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
        except Exception:
            shutil.rmtree(cls.directory, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.directory, ignore_errors=True)

    def setUp(self):
        self.server = None

    def serve(self, database=None):
        self.server = Server(database or self.database)
        return self.server

    def tearDown(self):
        if self.server is not None:
            self.assertEqual(self.server.stop(), 0, "runner serve did not exit 0 on SIGINT")

    # ---- helpers ----

    def open(self, path):
        self.driver.get(self.server.url + path)
        self.wait_until(lambda driver: driver.find_element(By.ID, "view").get_attribute("data-state") == "ready",
                        "the view did not load")

    def wait_until(self, condition, message, timeout=10):
        # The page re-renders its tables when the database changes, which
        # may leave an element found a moment ago detached.
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def css(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def body_text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def assert_no_alert(self):
        with self.assertRaises(NoAlertPresentException):
            self.driver.switch_to.alert.text

    def assert_not_blank(self, name):
        png = self.driver.get_screenshot_as_png()
        directory = os.environ.get("SCREENSHOTS_DIR")
        if directory:
            os.makedirs(directory, exist_ok=True)
            with open(os.path.join(directory, "dashboard-%s.png" % name), "wb") as file:
                file.write(png)
        width, height, pixels = png_pixels(png)
        white = b"\xff\xff\xff"
        coloured = sum(1 for pixel in pixels if pixel != white)
        self.assertGreater(coloured, width * height // 100, "%s: at most 1%% of the pixels are not white" % name)
        self.assertGreater(len(set(pixels)), 20, "%s: too few distinct colours" % name)

    def experiment_names(self):
        """In one script, so that a refresh cannot come between rows."""
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('table.data tbody tr td:first-child a')).map((a) => a.textContent)")

    def experiment_row(self, name):
        return self.driver.execute_script(
            "const row = Array.from(document.querySelectorAll('table.data tbody tr'))"
            ".find((tr) => tr.cells[0].textContent === arguments[0]); return row ? row.innerText : null", name)

    # ---- tests ----

    def test_experiments_list_shows_the_databases_experiments(self):
        self.serve()
        self.open("/")
        self.assertEqual(sorted(self.experiment_names()), ["hostile", "smoke", "tiny"])
        smoke, tiny = self.experiment_row("smoke"), self.experiment_row("tiny")
        self.assertIn("Two learning rates, two seeds, two epochs on 1,000 images", smoke)
        self.assertIn("4/4", smoke)
        self.assertIn("8/8 epochs", smoke)
        self.assertIn("3/3", tiny)
        self.assertIn("6/6 epochs", tiny)
        self.css("table.data tbody a")[0].click()
        self.wait_until(lambda driver: "/experiments/" in driver.current_url, "the link did not lead to an experiment")

    def test_experiment_page_draws_one_line_per_configuration(self):
        self.serve()
        self.open("/experiments/smoke")
        self.wait_until(lambda driver: len(self.css("[data-chart=curves] svg path.line")) == 2,
                        "the learning curves do not have exactly 2 lines")
        keys = sorted(line.get_attribute("data-key") for line in self.css("[data-chart=curves] svg path.line"))
        self.assertEqual(len(self.css("table.data tbody tr")), 2)
        # A filter on the grid leaves one configuration in the table and the chart.
        select = self.driver.find_element(By.CSS_SELECTOR, ".filters select")
        select.find_element(By.CSS_SELECTOR, "option[value='3.0']").click()
        self.wait_until(lambda driver: len(self.css("[data-chart=curves] svg path.line")) == 1,
                        "the filter did not leave one line")
        self.assertIn(self.css("[data-chart=curves] svg path.line")[0].get_attribute("data-key"), keys)
        self.assertEqual(len(self.css("table.data tbody tr")), 1)

    def test_a_sweep_appears_on_open_pages_within_two_seconds(self):
        database = os.path.join(self.directory, "live.sqlite")
        shutil.copy(self.database, database)
        live = write(self.directory, "live.yaml", LIVE)
        self.serve(database)

        # Half the runs first, so that the others are registered but untrained.
        self.assertEqual(sweep(self.directory, live, database, "--shard", "0/2").returncode, 0)
        remaining_shard = "1/2"
        pending = count_rows(database, "SELECT min(run_id) FROM run_summary WHERE experiment = 'live' AND status != 'done'")
        self.assertIsNotNone(pending, "shard 0/2 trained every run")

        self.open("/runs/%d" % pending)
        self.assertEqual(len(self.css("table.data tbody tr:not(.empty)")), 0)
        self.driver.execute_script("window.open(arguments[0])", self.server.url + "/")
        run_window, list_window = self.driver.window_handles
        self.driver.switch_to.window(list_window)
        self.wait_until(lambda driver: "live" in self.experiment_names(), "the list does not show live")
        # A sort chosen before the refresh is kept through it.
        self.driver.find_element(By.XPATH, "//th[starts-with(., 'Experiment')]").click()
        self.driver.find_element(By.XPATH, "//th[starts-with(., 'Experiment')]").click()
        self.assertEqual(self.experiment_names(), ["tiny", "smoke", "live", "hostile"])

        result = sweep(self.directory, live, database, "--shard", remaining_shard)
        self.assertEqual(result.returncode, 0, result.stderr)
        finished = time.monotonic()
        self.wait_until(lambda driver: "8/8 epochs" in (self.experiment_row("live") or ""),
                        "the list did not follow the sweep within 2 s", timeout=2)
        self.assertEqual(self.experiment_names(), ["tiny", "smoke", "live", "hostile"])
        self.driver.close()
        self.driver.switch_to.window(run_window)
        remaining = max(0.1, 2 - (time.monotonic() - finished))
        self.wait_until(lambda driver: len(self.css("table.data tbody tr:not(.empty)")) == 2,
                        "the run's epochs did not appear within 2 s", timeout=remaining)
        self.assertIn("done", self.driver.find_element(By.TAG_NAME, "h1").text)

    def test_a_description_with_markup_is_shown_as_text(self):
        self.serve()
        for path in ("/", "/experiments/hostile"):
            self.open(path)
            self.wait_until(lambda driver: XSS in self.body_text(), "%s does not show the description as text" % path)
            self.assertEqual(self.css("img"), [])
            self.assert_no_alert()
            self.assertEqual(self.driver.execute_script(
                "return Array.from(document.querySelectorAll('.description')).filter(e => e.textContent === arguments[0]).length", XSS), 1)

    def test_the_console_refuses_a_write(self):
        self.serve()
        before = count_rows(self.database, "SELECT count(*) FROM runs")
        self.open("/sql")
        editor = self.driver.find_element(By.TAG_NAME, "textarea")
        editor.send_keys("DELETE FROM runs")
        self.driver.find_element(By.XPATH, "//button[text()='Run']").click()
        error = self.wait_until(lambda driver: (self.css(".sql-error") or [None])[0], "no error was shown")
        self.assertIn("read-only", error.text)
        self.assertIn("DELETE FROM runs", error.text)
        self.assertEqual(count_rows(self.database, "SELECT count(*) FROM runs"), before)

        # And a read runs, with Ctrl-Enter.
        editor.clear()
        editor.send_keys("SELECT count(*) AS runs FROM runs")
        editor.send_keys(Keys.CONTROL, Keys.ENTER)
        self.wait_until(lambda driver: [cell.text for cell in self.css(".sql-results tbody td")] == [str(before)],
                        "the count of runs was not shown")

    def test_charts_and_tables_export(self):
        self.serve()
        self.open("/experiments/smoke")
        self.wait_until(lambda driver: len(self.css("[data-chart=curves] svg path.line")) == 2, "no curves")
        # What the page would download, kept in the page instead: the
        # blob's name, type and content (PNG as its first bytes).
        self.driver.execute_script("""
            window.downloads = [];
            R.download = (name, blob) => blob.arrayBuffer().then((buffer) => {
              const bytes = new Uint8Array(buffer);
              window.downloads.push({ name, type: blob.type, size: bytes.length,
                head: Array.from(bytes.slice(0, 8)), text: blob.type.startsWith("image/png") ? "" : new TextDecoder().decode(bytes) });
            });""")
        self.css(".chart-block")[0].find_element(By.XPATH, ".//button[text()='SVG']").click()
        self.css(".chart-block")[0].find_element(By.XPATH, ".//button[text()='PNG']").click()
        # Sorted by the outcome, highest first, as the CSV must be too.
        self.driver.find_element(By.XPATH, "//th[starts-with(., 'Test @ best val.')]").click()
        self.assertEqual([row.find_elements(By.TAG_NAME, "td")[1].text for row in self.css("table.data tbody tr")], ["3.0", "1.0"])
        self.css(".table-block")[0].find_element(By.XPATH, ".//button[text()='CSV']").click()
        downloads = self.wait_until(
            lambda driver: driver.execute_script("return window.downloads.length === 3 && window.downloads"), "not 3 downloads")
        by_type = {item["name"].rsplit(".", 1)[1]: item for item in downloads}
        self.assertEqual(sorted(by_type), ["csv", "png", "svg"])
        self.assertEqual(by_type["svg"]["name"], "smoke-validation_accuracy.svg")
        self.assertIn('class="line"', by_type["svg"]["text"])
        self.assertEqual(by_type["png"]["head"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        self.assertGreater(by_type["png"]["size"], 1000)
        lines = by_type["csv"]["text"].split("\r\n")
        self.assertEqual(lines[0], "eta,Seeds,Test @ best val. (%),Best val. (%),Best test (%),Final (%),Runs,Key")
        self.assertEqual(len(lines), 4)  # header, two configurations, and the final CRLF
        self.assertTrue(lines[1].startswith("3.0,2,36.30 ± 6.65,") and lines[2].startswith("1.0,2,26.50 ± 3.25,"), lines)

    def test_a_pruned_run_says_why_and_the_experiment_shows_its_search(self):
        database = os.path.join(self.directory, "search.sqlite")
        result = sweep(self.directory, write(self.directory, "search.yaml", SEARCH), database)
        self.assertEqual(result.returncode, 0, result.stderr)
        connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
        try:
            run, rank, size, rung, epoch, value, threshold = connection.execute(
                "SELECT d.run_id, d.rank, d.rung_size, d.rung, d.epoch, d.metric_value, d.threshold "
                "FROM decisions d JOIN runs r ON r.id = d.run_id "
                "WHERE r.status = 'pruned' AND d.verdict = 'prune' AND d.metric_value < d.threshold "
                "ORDER BY d.run_id LIMIT 1").fetchone()
            runs = connection.execute("SELECT count(*) FROM experiment_runs").fetchone()[0]
        finally:
            connection.close()
        self.serve(database)

        self.open("/runs/%d" % run)
        box = self.wait_until(lambda driver: (self.css(".run-pruned") or [None])[0], "no pruned box")
        self.assertEqual(box.text, "Pruned: rank %d of %d at rung %d (%d epoch%s): validation accuracy %.4f below the threshold %.4f"
                         % (rank, size, rung, epoch, "" if epoch == 1 else "s", value, threshold))
        self.assertEqual(self.css(".run-error"), [], "pruned is not shown as a failure")
        self.assertIn("Early stopping", self.body_text())

        self.open("/experiments/search")
        section = self.wait_until(lambda driver: (self.css(".early-stopping") or [None])[0], "no early-stopping section")
        self.assertEqual(section.find_element(By.TAG_NAME, "h2").text, "Early stopping")
        self.wait_until(lambda driver: len(self.css("[data-chart=search] svg path.line")) == runs,
                        "the search chart has not one line per run")
        self.assertEqual(len(self.css("[data-chart=search] svg line.rung")), 1, "one rung, at epoch 1")
        self.assertEqual(len(self.css(".early-stopping table.data")), 2)
        self.assertEqual(len(self.css(".early-stopping table.data")[1].find_elements(By.CSS_SELECTOR, "tbody tr")), runs)
        self.assertIn("%d pruned" % (runs - 1), self.body_text())
        self.driver.find_element(By.LINK_TEXT, "run %d" % run).click()
        self.wait_until(lambda driver: driver.current_url.endswith("/runs/%d" % run), "the run's link did not lead to it")

    def test_every_view_is_drawn(self):
        self.serve()
        first_run = count_rows(self.database, "SELECT min(run_id) FROM run_summary WHERE experiment = 'smoke'")

        self.open("/")
        self.assert_not_blank("experiments")

        self.open("/experiments/smoke")
        self.wait_until(lambda driver: self.css("[data-chart=curves] svg path.line"), "no curves")
        keys = [box.get_attribute("data-key") for box in self.css("table.data input[type=checkbox]")]
        for box in self.css("table.data input[type=checkbox]"):
            box.click()
        self.assert_not_blank("experiment")

        link = self.driver.find_element(By.LINK_TEXT, "Compare selected")
        link.click()
        self.wait_until(lambda driver: "/compare?" in driver.current_url and
                        driver.find_element(By.ID, "view").get_attribute("data-state") == "ready", "compare did not open")
        self.wait_until(lambda driver: len(self.css("[data-chart=compare] svg path.line")) == 2, "compare has not 2 lines")
        self.assertEqual(len(self.css("table.data tbody tr")), len(keys))
        self.assert_not_blank("compare")
        self.css("button.remove")[0].click()
        self.wait_until(lambda driver: len(self.css("table.data tbody tr")) == 1, "remove did not remove")
        self.assertEqual(self.driver.current_url.count("c="), 1)

        self.open("/runs/%d" % first_run)
        self.wait_until(lambda driver: self.css("[data-chart=run] svg"), "no run curve")
        self.assertEqual(len(self.css("table.data tbody tr")), 2)
        self.assert_not_blank("run")

        self.open("/sql")
        self.wait_until(lambda driver: self.css("button.example"), "no examples")
        self.css("button.example")[0].click()
        self.driver.find_element(By.XPATH, "//button[text()='Run']").click()
        self.wait_until(lambda driver: self.css(".sql-results tbody tr"), "no result")
        self.assert_not_blank("sql")


if __name__ == "__main__":
    unittest.main()
