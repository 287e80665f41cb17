"""hoso serve in a real headless browser (Debian chromium + chromedriver, Selenium).

Usage: desk.py CONFIG.json — written by tests/web.rs, which then checks what this script
downloaded (the zips) with `hoso verify`. Every screen is written as a PNG under config["shots"].
Failures raise (non-zero exit) with what was expected and what the page showed.
"""

import io
import json
import os
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from vgca_standin import Standin, sign_pdf  # noqa: E402

CFG = json.load(open(sys.argv[1], encoding="utf-8"))
RESULT = {}


def browser():
    o = webdriver.ChromeOptions()
    o.binary_location = CFG.get("chromium", "/usr/bin/chromium")
    for a in [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--ignore-certificate-errors", "--window-size=1366,900", "--lang=vi",
        "--user-data-dir=" + CFG["profile"],
    ]:
        o.add_argument(a)
    # Two downloads from one page: allowed without the "multiple downloads" prompt.
    o.add_experimental_option("prefs", {"profile.default_content_setting_values.automatic_downloads": 1, "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service(CFG.get("chromedriver", "/usr/bin/chromedriver")), options=o)
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": CFG["downloads"]})
    return d


D = browser()
W = WebDriverWait(D, 30, poll_frequency=0.1)


def q(css):
    return D.find_element(By.CSS_SELECTOR, css)


def qs(css):
    return D.find_elements(By.CSS_SELECTOR, css)


def wait(fn, what, timeout=30):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            v = fn()
            if v:
                return v
        except Exception as e:  # element redrawn while read
            last = e
        time.sleep(0.1)
    shot("echec-" + what.replace(" ", "-")[:40])
    raise AssertionError("timed out waiting for: %s (last error %r); message: %r" % (what, last, notice()))


def notice():
    try:
        return q("#thong-bao").text
    except Exception:
        return ""


def shot(name):
    h = D.execute_script("return Math.max(document.body.scrollHeight, 900)")
    D.set_window_size(1366, min(h + 40, 6000))
    D.save_screenshot(os.path.join(CFG["shots"], name + ".png"))
    D.set_window_size(1366, 900)


def tab(name):
    q('#thanh-muc button[data-man="%s"]' % name).click()
    wait(lambda: q("#man-" + name).is_displayed(), "screen " + name)


def open_path(path):
    tab("mo")
    box = q("#duong-dan")
    box.clear()
    box.send_keys(path)
    q("#form-mo button[type=submit]").click()
    wait(lambda: path.rstrip("/").split("/")[-1] in q("#dang-mo").text, "dossier open " + path)
    wait(lambda: q("#man-tong-quan").is_displayed(), "overview after open")


def listing():
    d = CFG["downloads"]
    return {n: os.stat(os.path.join(d, n)).st_mtime_ns for n in os.listdir(d)}


def wait_download(before, suffix=".zip"):
    """The file a click downloaded: a new name, or a name saved again."""
    def done():
        now = listing()
        names = [n for n, t in now.items() if before.get(n) != t]
        if any(n.endswith(".crdownload") for n in now):
            return None
        return [n for n in names if n.endswith(suffix)]
    names = wait(done, "download", 60)
    return os.path.join(CFG["downloads"], names[0])


def check_table(expected):
    tab("chi-tieu")
    rows = wait(lambda: qs("#bang-chi-tieu tbody tr.dong-chi-tieu"), "indicator rows")
    got = {r.get_attribute("data-code"): r.find_element(By.CSS_SELECTOR, ".danh-gia").get_attribute("data-eval") for r in rows}
    words = {r.get_attribute("data-code"): r.find_element(By.CSS_SELECTOR, ".danh-gia").text for r in rows}
    assert got == expected, "evaluations differ from hoso check --json:\npage %r\ncheck %r" % (got, expected)
    for code, w in words.items():
        assert w in ("Đạt", "Không đạt", "Đang triển khai", "Không áp dụng"), "no word for %s: %r" % (code, w)
    return rows


def phase_open_and_table():
    D.get(CFG["url"])
    wait(lambda: "?t=" not in D.current_url, "token dropped from the address bar")
    # Opened with the dossier given on the command line.
    wait(lambda: q("#man-tong-quan").is_displayed() and "/" in q("#tq-dat").text, "overview")
    assert q("#tq-dat").text == CFG["n_of_m"], (q("#tq-dat").text, CFG["n_of_m"])
    assert "Tân Phúc" in q("#tq-don-vi").text, q("#tq-don-vi").text
    lists = qs("#bang-mau-bieu tbody tr[data-mau]")
    assert len(lists) == CFG["lists"], "list forms: %d vs %d" % (len(lists), CFG["lists"])
    assert any("%" in r.text for r in lists), "no rate shown for the list forms"
    shot("1-tong-quan")
    rows = check_table(CFG["expected"])
    top = [r for r in rows if "con" not in r.get_attribute("class").split()]
    assert len(top) == CFG["top_rows"], "top-level rows %d vs %d" % (len(top), CFG["top_rows"])
    # A row opens its evidence and the list the seed asks for.
    rows[0].click()
    det = wait(lambda: [d for d in qs("tr.chi-tiet") if d.is_displayed()], "evidence detail")
    assert "Hồ sơ chứng minh cần có" in det[0].text, det[0].text
    assert det[0].find_elements(By.CSS_SELECTOR, "a.tep"), "no evidence file link"
    shot("2-chi-tieu")


def phase_chooser_and_defective():
    tab("mo")
    # The folder chooser starts at home (HOME points at the tests' temp folder): folders only.
    items = wait(lambda: qs("#ds-thu-muc li[data-ten]"), "chooser entries")
    names = [i.get_attribute("data-ten") for i in items]
    assert CFG["home_folder"] in names, names
    assert not any(n.endswith(".txt") for n in names), names
    for it in items:
        if it.get_attribute("data-ten") == CFG["home_folder"]:
            it.click()
            break
    wait(lambda: q("#thu-muc-hien-tai").text.endswith(CFG["home_folder"]), "chooser went down")
    wait(lambda: q("#mo-thu-muc-nay").is_displayed(), "button to open the dossier folder")
    recent = [a.text for a in qs("#gan-day a")]
    assert CFG["dossier"] in recent, "recent dossiers: %r" % recent
    shot("0-mo-ho-so")
    q("#mo-thu-muc-nay").click()
    wait(lambda: q("#man-tong-quan").is_displayed() and CFG["home_folder"] in q("#dang-mo").text, "defective dossier open")
    tab("thieu-sot")
    groups = wait(lambda: qs("#ds-loi .nhom"), "error groups")
    items = qs("#ds-loi li")
    assert len(items) == CFG["defective_errors"], "errors shown %d vs check %d" % (len(items), CFG["defective_errors"])
    g = [x for x in groups if x.get_attribute("data-chi-tieu") == CFG["missing_code"]]
    assert g and "thiếu tài liệu minh chứng" in g[0].text, [x.text for x in groups]
    bad = [li for li in items if CFG["bad_file"] in li.text]
    assert bad and "Tệp: " in bad[0].text, "the file is named with the problem"
    warns = qs("#ds-canh-bao li")
    assert len(warns) == CFG["defective_warnings"], "warnings shown %d vs check %d" % (len(warns), CFG["defective_warnings"])
    assert all(not w.find_elements(By.XPATH, "ancestor::*[@id='ds-loi']") for w in warns)
    shot("3-thieu-sot")
    # Fix one problem on disk: the page re-checks by itself, without a reload.
    D.execute_script("window.__same_page = 1")
    with open(os.path.join(CFG["defective"], CFG["fix_rel"]), "wb") as f:
        f.write(open(CFG["fix_from"], "rb").read())
    wait(lambda: not [x for x in qs("#ds-loi .nhom") if x.get_attribute("data-chi-tieu") == CFG["missing_code"]], "re-check after the fix", 20)
    assert D.execute_script("return window.__same_page") == 1, "the page was reloaded"
    assert len(qs("#ds-loi li")) == CFG["defective_errors"] - 1


def phase_create():
    """Tạo hồ sơ mới: the same as `hoso init` (set, year, level), then opened."""
    tab("mo")
    q("#tao-duong-dan").send_keys(CFG["new_dossier"])
    from selenium.webdriver.support.ui import Select
    Select(q("#tao-bo")).select_by_value("thanh-hoa-cds-xa")
    y = q("#tao-nam")
    y.clear()
    y.send_keys("2025")
    Select(q("#tao-cap")).select_by_value("xa")
    q("#form-tao button[type=submit]").click()
    wait(lambda: q("#man-tong-quan").is_displayed() and "ho-so-moi" in q("#dang-mo").text, "new dossier open")
    # A new dossier's hoso.toml is still to be filled in: the page says which keys.
    items = wait(lambda: qs("#khong-doc-duoc li"), "what to fill in hoso.toml")
    assert all("hoso.toml" in i.text for i in items), [i.text for i in items]
    assert int(q("#so-loi").text) == len(items)
    assert os.path.isfile(os.path.join(CFG["new_dossier"], "hoso.toml"))
    shot("10-ho-so-moi")


def phase_build():
    open_path(CFG["dossier"])
    tab("lap")
    shot("4-lap-ho-so")
    before = listing()
    q("#nut-lap").click()
    wait(lambda: q("#tien-do").is_displayed(), "progress bar")
    wait(lambda: q("#lap-ket-qua").is_displayed() and q("#goi-sha").text, "build done", 120)
    assert "100%" in q("#buoc").text, q("#buoc").text
    docs = [li.get_attribute("data-van-ban") for li in qs("#ds-van-ban li")]
    assert any(d.startswith("Mau01") for d in docs) and any(d.startswith("PhuLuc01") for d in docs), docs
    RESULT["documents"] = docs
    RESULT["build_sha"] = q("#goi-sha").text
    q("#ds-van-ban li button").click()  # preview, served PDF in the browser's viewer
    wait(lambda: q("#xem-truoc").is_displayed(), "preview frame")
    shot("5-van-ban")
    q("#tai-goi").click()
    RESULT["build_zip"] = wait_download(before)


def row(name):
    return [r for r in qs("#bang-ky tbody tr") if r.get_attribute("data-van-ban") == name][0]


def phase_sign():
    tab("ky")
    wait(lambda: qs("#bang-ky tbody tr[data-van-ban]"), "signing rows")
    names = [r.get_attribute("data-van-ban") for r in qs("#bang-ky tbody tr[data-van-ban]")]
    # 1. The service is not running: the page says how to sign with vSignPDF, the officer drops
    #    the file in.
    annex = [n for n in names if n.startswith("BangKe")][0]
    row(annex).find_element(By.CSS_SELECTOR, "button[data-endpoint]").click()
    wait(lambda: q("#huong-dan-vsign").is_displayed(), "vSignPDF instructions")
    assert "vSignPDF" in q("#huong-dan-vsign").text
    shot("6-ky-so-khong-co-dich-vu")
    orig = open(os.path.join(CFG["out"], annex), "rb").read()
    # An edited copy, then signed, is refused and nothing is stored.
    edited = bytearray(orig)
    edited[len(edited) // 2] ^= 1
    p = os.path.join(CFG["work"], "edited.pdf")
    open(p, "wb").write(sign_pdf(bytes(edited), "UBND XÃ TÂN PHÚC", "Sua1", "CoQuan"))
    row(annex).find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(p)
    wait(lambda: "không khớp" in notice(), "edited file refused")
    assert not os.path.exists(os.path.join(CFG["out"], annex[:-4] + "_signed.pdf"))
    p = os.path.join(CFG["work"], "vsign.pdf")
    open(p, "wb").write(sign_pdf(orig, "UBND XÃ TÂN PHÚC", "VSign1", "CoQuan"))
    row(annex).find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(p)
    wait(lambda: "Đã ký" in row(annex).find_element(By.CSS_SELECTOR, ".nguoi-ky").text, "dropped file accepted")
    # 2. The service runs: every other document through it, with the endpoint its kind calls for.
    Standin(CFG["standin_port"], CFG["work"], CFG["standin_log"]).start()
    for n in names:
        if n == annex:
            continue
        k = len(row(n).find_elements(By.CSS_SELECTOR, "button[data-endpoint]"))
        for i in range(k):
            before = row(n).find_element(By.CSS_SELECTOR, ".nguoi-ky").text
            b = row(n).find_elements(By.CSS_SELECTOR, "button[data-endpoint]")
            assert b[i].is_enabled() and all(not x.is_enabled() for x in b[i + 1:]), "steps in order: %s" % n
            b[i].click()
            wait(lambda: row(n).find_element(By.CSS_SELECTOR, ".nguoi-ky").text != before and "Đã ký" in row(n).find_element(By.CSS_SELECTOR, ".nguoi-ky").text, "signed %s step %d" % (n, i), 60)
    for n in names:
        assert all(b.get_attribute("data-xong") for b in row(n).find_elements(By.CSS_SELECTOR, "button[data-endpoint]")), n
        t = row(n).find_element(By.CSS_SELECTOR, ".nguoi-ky").text
        assert t.startswith("Đã ký"), (n, t)
        if n.startswith("Mau01"):
            assert "LÊ VĂN HÙNG" in t and "UBND XÃ TÂN PHÚC" in t, t
    shot("7-ky-so")
    RESULT["signed_names"] = names


def phase_package():
    tab("dong-goi")
    q("#nut-dong-goi").click()
    wait(lambda: q("#dg-ket-qua").is_displayed() and q("#dg-sha").text, "package done", 120)
    rows = qs("#bang-nguoi-ky tbody tr")
    assert rows and all("Chưa ký" not in r.text for r in rows), [r.text for r in rows]
    RESULT["package_sha"] = q("#dg-sha").text
    RESULT["package_name"] = q("#dg-ten").text
    shot("8-dong-goi")
    before = listing()
    q("#dg-tai").click()
    RESULT["package_zip"] = wait_download(before)


def phase_district():
    open_path(CFG["district"])
    wait(lambda: q('#thanh-muc button[data-man="goi-nhan"]').is_displayed(), "level tabs")
    tab("goi-nhan")
    ok = wait(lambda: qs("#bang-goi-nhan tbody tr[data-goi]"), "received packages")
    assert [r.get_attribute("data-goi") for r in ok] == [CFG["district_ok"]], [r.text for r in ok]
    assert "Nguyên vẹn" in ok[0].text
    bad = qs("#ds-tu-choi .nhom")
    assert [b.get_attribute("data-goi") for b in bad] == [CFG["district_bad"]], [b.text for b in bad]
    assert bad[0].find_elements(By.CSS_SELECTOR, "li"), "rejected without a reason"
    RESULT["rejected_reason"] = bad[0].text
    shot("9-goi-nhan")
    # Lập hồ sơ at the district: Mẫu 02 and Phụ lục 02 for the commune that verified.
    tab("lap")
    q("#nut-lap").click()
    wait(lambda: q("#lap-ket-qua").is_displayed() and "bị từ chối" in notice(), "district build", 120)
    docs = [li.get_attribute("data-van-ban") for li in qs("#ds-van-ban li")]
    assert any(d.startswith("Mau02") for d in docs) and any(d.startswith("PhuLuc02") for d in docs), docs
    RESULT["district_documents"] = docs


try:
    for name in CFG["phases"]:
        globals()["phase_" + name]()
        RESULT.setdefault("done", []).append(name)
finally:
    json.dump(RESULT, open(CFG["result"], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    D.quit()
