"""A whole review in a real browser: Debian's Chromium driven by Selenium through chromium-driver
(nothing downloaded: the driver and the browser are the system's), against the real desk server.
The screenshot of the review is the README's (docs/desk.png, written again with BRIEFGEN_README_SHOT=1;
output/desk.png otherwise)."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from desk_server import DeskServer

WEEK = "2025-W30"
VISIT = "visit-william-stevens-bamako-2025-07-21"
MEETING = "meeting-william-stevens-abdoulaye-diop-2025-07-21"
AMCHAM = "announcement-amcham-mali-2025-07-22"
STATEMENT = "statement-william-stevens-counter-terrorism-2025-07-22"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="the browser tests need Debian's chromium and chromium-driver (./setup.sh installs them)")


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: never fetch a browser or a driver
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-extensions",
                "--disable-component-update", "--disable-sync", "--lang=en"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _commented(cfg: Path) -> Path:
    """The week as extraction leaves it for review (its facts proposed), with analysts' comments."""
    path = cfg.parent.parent / "facts" / f"{WEEK}.yaml"
    text = path.read_text(encoding="utf-8")
    for fact in (VISIT, STATEMENT, MEETING, AMCHAM):
        text = re.sub(rf"(- id: {fact}\n(?:  .*\n)*?  status: )approved", r"\1proposed", text)
    text = text.replace(f"- id: {STATEMENT}\n", f"# analyst: ask the embassy for the full text\n- id: {STATEMENT}\n")
    text = text.replace(f"- id: {VISIT}\n", f"- id: {VISIT}  # the week's main event\n")
    path.write_text(text, encoding="utf-8")
    return path


class Review:
    """The desk page in the browser, and waits on what the page says it did."""

    def __init__(self, driver, desk: DeskServer):
        self.d, self.desk = driver, desk

    def js(self, script: str):
        return self.d.execute_script(script)

    def wait(self, condition, what: str, timeout: float = 60):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.d, timeout, poll_frequency=0.05).until(lambda d: condition(), message=what)

    def open(self) -> None:
        self.d.get(self.desk.url + "/")
        self.wait(lambda: self.js("return window.desk && window.desk.ready === true"), "the page is ready")

    def select(self, fact_id: str) -> None:
        from selenium.webdriver.common.by import By

        loads = self.js("return window.desk.loads || 0")
        self.d.find_element(By.CSS_SELECTOR, f'#list .fact[data-id="{fact_id}"]').click()
        self.wait(lambda: self.js("return window.desk.loads || 0") > loads and self.js(
            f'return !!document.querySelector("#panel .detail[data-id=\\"{fact_id}\\"]")'), f"the panel of {fact_id}")

    def keys(self, *keys) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.d).send_keys(*keys).perform()

    def saved(self, before: str) -> str:
        """Wait until a save gave the file a new version and the page and both previews show it."""
        self.wait(lambda: self.js("return window.desk.version") != before and not self.js("return window.desk.saving"),
                  "the save")
        version = self.js("return window.desk.version")
        self.wait(lambda: self.js("return window.desk.previewVersion") == version, "the previews of the save")
        return version

    def version(self) -> str:
        return self.js("return window.desk.version")

    def preview_text(self, lang_index: int) -> str:
        from selenium.webdriver.common.by import By

        frame = self.d.find_elements(By.CSS_SELECTOR, "iframe.preview")[lang_index]
        self.d.switch_to.frame(frame)
        try:
            return self.d.find_element(By.TAG_NAME, "body").text
        finally:
            self.d.switch_to.default_content()


def test_a_whole_review_in_the_browser(project, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    path = _commented(project)
    with DeskServer(project, WEEK) as desk:
        page = Review(browser, desk)
        page.open()
        assert page.js("return document.querySelectorAll('#list .fact').length") == 10
        assert page.js("return document.querySelectorAll('#list .fact.status-proposed').length") == 4
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"
                    and "favicon" not in e["message"]]

        # `j` selects the first fact, `j` again the next, `k` back
        order = page.js("return Array.from(document.querySelectorAll('#list .fact')).map(li => li.dataset.id)")
        for key, expected in (("j", order[0]), ("j", order[1]), ("k", order[0])):
            loads = page.js("return window.desk.loads || 0")
            page.keys(key)
            page.wait(lambda: page.js("return window.desk.loads || 0") > loads, f"the panel after {key}")
            assert page.js("return document.querySelector('#panel .detail').dataset.id") == expected
            assert page.js("return document.querySelector('#list .fact.selected').dataset.id") == expected

        # approve: select, `a`
        page.select(VISIT)
        marks = browser.find_elements(By.CSS_SELECTOR, "#panel mark")
        assert marks and all(m.text.strip() for m in marks)  # the evidence, highlighted in its article
        v = page.version()
        page.keys("a")
        v = page.saved(v)
        assert "status-approved" in browser.find_element(By.CSS_SELECTOR, f'.fact[data-id="{VISIT}"]').get_attribute("class")

        # reject with a note: `r`, the note, Enter
        page.select(STATEMENT)
        page.keys("r")
        page.keys("already said in February", Keys.ENTER)
        v = page.saved(v)
        assert "status-rejected" in browser.find_element(By.CSS_SELECTOR, f'.fact[data-id="{STATEMENT}"]').get_attribute("class")

        # edit the French text: `e`, type, Ctrl+Enter; the French preview shows it
        before = page.preview_text(0)
        page.select(MEETING)
        page.keys("e")
        area = browser.switch_to.active_element
        assert area.tag_name == "textarea" and area.get_attribute("lang") == "fr"
        area.send_keys("William B. Stevens et Abdoulaye Diop ont discuté de sécurité régionale à Bamako.")
        area.send_keys(Keys.CONTROL, Keys.ENTER)
        v = page.saved(v)
        # the editions stop on a missing translation, as `build` does, and the desk says which
        assert "'facts[3].text.en' missing translation" in page.preview_text(0)
        page.wait(lambda: "text.en' missing translation" in browser.find_element(By.ID, "problems").text,
                  "check's problems")
        page.keys("E")
        area = browser.switch_to.active_element
        assert area.tag_name == "textarea" and area.get_attribute("lang") == "en"
        area.send_keys("William B. Stevens and Abdoulaye Diop discussed regional security in Bamako.")
        area.send_keys(Keys.CONTROL, Keys.ENTER)
        v = page.saved(v)
        after = page.preview_text(0)
        assert "discuté de sécurité régionale" in after and "discuté de sécurité régionale" not in before
        assert "discussed regional security" in page.preview_text(1)

        # merge two facts: `m`, choose, Merge
        page.select(MEETING)
        page.keys("m")
        Select(browser.switch_to.active_element).select_by_value(AMCHAM)
        browser.find_element(By.CSS_SELECTOR, "#merge-form button").click()
        v = page.saved(v)
        assert not browser.find_elements(By.CSS_SELECTOR, f'.fact[data-id="{AMCHAM}"]')
        page.wait(lambda: "no problem" in browser.find_element(By.ID, "problem-count").text
                  or "problem" in browser.find_element(By.ID, "problem-count").text, "check's problems")

        # the PDFs: `p`, then download the French one
        page.keys("p")
        link = page.wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#pdf-links a.pdf"), "the PDF links")[0]
        link.click()
        pdf = browser.downloads / f"brief-{WEEK}.fr.pdf"
        page.wait(lambda: pdf.exists() and pdf.stat().st_size > 0, "the downloaded PDF")
        time.sleep(0.2)  # Chromium renames the finished download into place
        assert pdf.read_bytes().startswith(b"%PDF")
        # the README's picture: this review, the merged fact's evidence in view
        browser.execute_script("document.querySelector('#panel mark')?.scrollIntoView({block: 'center'})")
        # written to output/ (not tracked); with BRIEFGEN_README_SHOT=1 it replaces docs/desk.png
        shot = ROOT / ("docs" if os.environ.get("BRIEFGEN_README_SHOT") == "1" else "output") / "desk.png"
        shot.parent.mkdir(exist_ok=True)
        browser.save_screenshot(str(shot))
        assert shot.read_bytes().startswith(b"\x89PNG")

    text = path.read_text(encoding="utf-8")
    assert "# analyst: ask the embassy for the full text\n" in text and f"- id: {VISIT}  # the week's main event" in text
    facts = {f["id"]: f for f in yaml.safe_load(text)["facts"]}
    assert facts[VISIT]["status"] == "approved"
    assert facts[STATEMENT]["status"] == "rejected" and facts[STATEMENT]["notes"] == "already said in February"
    assert facts[MEETING]["text"] == {
        "fr": "William B. Stevens et Abdoulaye Diop ont discuté de sécurité régionale à Bamako.",
        "en": "William B. Stevens and Abdoulaye Diop discussed regional security in Bamako."}
    assert AMCHAM not in facts and facts[MEETING]["merged"] == [AMCHAM]


def test_a_change_on_disk_shows_the_reload_banner_and_the_save_is_refused(project, browser):
    from selenium.webdriver.common.by import By

    path = _commented(project)
    with DeskServer(project, WEEK) as desk:
        page = Review(browser, desk)
        page.open()
        page.select(VISIT)
        edited = path.read_text(encoding="utf-8") + "# a note typed in an editor\n"
        path.write_text(edited, encoding="utf-8")
        page.wait(lambda: browser.find_element(By.ID, "banner").is_displayed(), "the reload banner")
        page.keys("r")
        page.keys("should not be written\n")
        page.wait(lambda: "not saved" in browser.find_element(By.ID, "saved").text
                  or browser.find_element(By.ID, "banner").is_displayed(), "the refusal")
        assert path.read_text(encoding="utf-8") == edited
        browser.find_element(By.ID, "reload").click()
        page.wait(lambda: page.js("return window.desk && window.desk.ready && !window.desk.stale"), "the reload")
        assert page.version() != ""


def test_tagged_watch_items_are_edited_added_and_removed_in_the_browser(project, browser):
    from selenium.webdriver.common.by import By
    from test_desk import _tagged

    path = _tagged(project)
    with DeskServer(project, WEEK) as desk:
        page = Review(browser, desk)
        page.open()
        page.keys("n")
        items = "fieldset[data-part=watch] form.tagged-item[data-index]"

        def field(form, name):
            return form.find_element(By.CSS_SELECTOR, f'[name="{name}"]')

        # an item's French text, with its Markdown preview, and one more theme
        third = browser.find_elements(By.CSS_SELECTOR, items)[2]
        area = field(third, "text_fr")
        area.clear()
        area.send_keys("La formation à Bougouni **se poursuit**.")
        page.wait(lambda: "<strong>se poursuit</strong>" in third.find_element(
            By.CSS_SELECTOR, ".md-preview[lang=fr]").get_attribute("innerHTML"), "the Markdown preview")
        third.find_element(By.CSS_SELECTOR, 'input[name=themes][value="economic_ties"]').click()
        v = page.version()
        third.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        v = page.saved(v)

        # a new item, then the first one removed: the list is drawn again each time
        new = browser.find_element(By.CSS_SELECTOR, "fieldset[data-part=watch] form.new-item")
        field(new, "text_fr").send_keys("Visite d'une délégation commerciale.")
        field(new, "text_en").send_keys("A trade delegation's visit.")
        new.find_element(By.CSS_SELECTOR, 'input[name=themes][value="economic_ties"]').click()
        new.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        v = page.saved(v)
        page.wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, items)) == 4, "the added item's form")
        assert "A trade delegation's visit." in page.preview_text(1)
        browser.find_elements(By.CSS_SELECTOR, items)[0].find_element(By.CSS_SELECTOR, "button.remove-item").click()
        v = page.saved(v)
        page.wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, items)) == 3, "the list after the removal")
        first = browser.find_elements(By.CSS_SELECTOR, items)[0]
        assert field(first, "text_en").get_attribute("value") == "Réunion des investisseurs"
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]

    text = path.read_text(encoding="utf-8")
    assert "# analyst: one item per theme the desk follows" in text
    watch = yaml.safe_load(text)["analysis"]["watch"]
    assert watch == [
        "Réunion des investisseurs",
        {"text": {"fr": "La formation à Bougouni **se poursuit**.", "en": "The Bougouni training goes on."},
         "themes": ["economic_ties", "force_buildup"]},
        {"text": {"fr": "Visite d'une délégation commerciale.", "en": "A trade delegation's visit."},
         "themes": ["economic_ties"]}]
