"""Screenshots of the workspace checklist and the editor for the README (issue 13), taken with
the headless Chromium at 1280 px against a running portal with the demo data:

    .venv/bin/python manage.py load_demo && .venv/bin/python manage.py runserver 8712 &
    .venv/bin/python scripts/screenshots_daily_work.py http://127.0.0.1:8712 docs/images

Not a test: it only writes docs/images/workspace-checklist.png and docs/images/editor.png
(palette PNGs, to keep them small)."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "cchc-demo-2023"


def save(driver: webdriver.Chrome, path: Path) -> None:
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(path, path.stat().st_size // 1024, "KiB")


def main(base: str, out: Path) -> int:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1500",
        "--lang=vi",
        "--hide-scrollbars",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(base + "/accounts/login/")
        driver.find_element(By.NAME, "username").send_keys("approver.21073")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(lambda d: "/accounts/login/" not in d.current_url)
        driver.get(base + "/u/21073/2023/")
        wait.until(lambda d: d.find_elements(By.ID, "checklist"))
        save(driver, out / "workspace-checklist.png")

        driver.set_window_size(1280, 1000)
        driver.get(base + "/u/21073/2023/report/")
        section = wait.until(lambda d: d.find_element(By.ID, "sec-strengths"))
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", section)
        editor = section.find_element(By.CSS_SELECTOR, "textarea.editor")
        editor.click()
        driver.execute_script("arguments[0].setSelectionRange(0, 0)", editor)
        driver.find_element(By.CSS_SELECTOR, 'button[data-insert="tthc.on_time_rate"]').click()
        editor.send_keys(" ")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sec-strengths .draft-status"))
        wait.until(lambda d: "99,05% Công tác" in d.find_element(By.ID, "preview-strengths").text)
        driver.execute_script(
            "document.querySelector('aside.placeholders').scrollTop = 0;"
            "document.querySelector('#placeholder-list details.ph-formula').open = true;"
            "window.scrollBy(0, -8);"
        )
        save(driver, out / "editor.png")
        # Leave no unsaved edit behind (the leave-page guard would ask).
        driver.execute_script(
            "document.querySelectorAll('textarea.editor').forEach(t => t.defaultValue = t.value);"
            "localStorage.clear();"
        )
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), Path(sys.argv[2])))
