#!/usr/bin/env python3
"""hoso's ND30 layout checker: the measurable rules of Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức và
kỹ thuật trình bày văn bản hành chính), as the project's format rules state them, checked on a PDF.

Usage: python3 tests/tools/nd30.py FILE.pdf [FILE.pdf ...]
Needs pdfplumber (tests/requirements.txt), pdffonts (poppler-utils) and qpdf on PATH.
Prints one line per problem, "<file> trang <n> [<rule>]: <what>", then a summary; exit 1 when a rule
fails, 0 when every rule holds, 2 when it cannot run.

Rules (each applies only where its element is on the page):
  kho-giay      A4, 210 × 297 mm (landscape allowed)
  le            margins: portrait left 30, right 15, top 20 (only the page number above), bottom 20 mm;
                landscape: the binding edge (top or left) 30 mm, the others 20/15/20
  so-trang      no number on page 1; page n shows n, centred in the top margin, 13–14 pt, upright
  co-chu        body text 13–14 pt (dominant size outside tables; every full-width line)
  gian-dong     line spacing inside paragraphs from single to 1.5 lines
  cach-doan     a new paragraph stands at least 6 pt further from the line above than lines do
  quoc-hieu     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": upper case, 12–13 pt, bold, upright, right column
  tieu-ngu      "Độc lập - Tự do - Hạnh phúc": 13–14 pt bold, centred under it, a line under it as long
                as the text
  co-quan       issuing agency upper case 12–13 pt bold (parent agency not bold), a line under it of
                1/3–1/2 of the text's width, centred
  so-ky-hieu    "Số:" 13 pt upright, centred under the agency, numbers below 10 with a leading 0
  dia-danh      place and date 13–14 pt italic, centred under the motto, day < 10 and month < 3 with 0
  loai-van-ban  the document type (first centred upper-case line under the header) 13–14 pt bold
  trich-yeu     the subject lines under it 13–14 pt bold, a line under them of 1/3–1/2 of their width
  ky            signer's authority and title upper case 13–14 pt bold; name 13–14 pt bold, centred
                under the title, with at least 30 mm of empty room above it
  noi-nhan      "Nơi nhận:" 12 pt bold italic; recipients 11 pt upright, "- …;" and the last "- Lưu…."
  goc-phu-luc   an annex (page 1 headed "PHỤ LỤC") keeps its top-right corner (60 × 15 mm inside the
                margins) free for the organisation's signature
  phong         every font Times-compatible and embedded
  pdfa          PDF/A declared in the XMP metadata (pdfaid:part and pdfaid:conformance)
  cau-truc      qpdf --check finds no damage (signing tools append to a sound file)
"""
import collections
import os
import re
import subprocess
import sys

try:
    import pdfplumber
except ImportError:
    print("cần gói Python pdfplumber: chạy scripts/nd30 <tệp.pdf>… (tự cài vào target/test-venv)")
    sys.exit(2)

sys.dont_write_bytecode = True  # tests write nothing into the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nd30_layout import (  # noqa: E402
    A4, EDGE, HANG, MM, QUOC_HIEU, TIEU_NGU, TIMES, graphics, hlines, segments,
)


class Checker:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.problems = []
        self.seen = []  # the elements found and checked (printed with --chi-tiet)
        self.rules_of = []  # per page: the horizontal rules drawn

    def saw(self, what, seg=None):
        self.seen.append(f"{what} '{seg.text[:24]}'" if seg is not None else what)

    def fail(self, page, rule, msg):
        where = f"{self.name} trang {page + 1}" if page is not None else self.name
        self.problems.append(f"{where} [{rule}]: {msg}")

    # ---- page -------------------------------------------------------------------------------

    def page_frame(self, pg):
        landscape = pg.width > pg.height
        return landscape, 15 * MM, 20 * MM

    def check_size(self, i, pg):
        w, h = sorted((pg.width, pg.height))
        if abs(w - A4[0]) > 2 or abs(h - A4[1]) > 2:
            self.fail(i, "kho-giay", f"khổ giấy {pg.width / MM:.0f} × {pg.height / MM:.0f} mm, không phải A4 (210 × 297 mm)")

    def number_segs(self, pg, segs, top_margin):
        return [s for s in segs if s.top < top_margin - EDGE and re.fullmatch(r"\d+", s.text)]

    def check_margins(self, i, pg, segs, numbers):
        landscape = pg.width > pg.height
        body = [s for s in segs if s not in numbers]
        boxes = graphics(pg)
        if not body and not boxes:
            return
        xs0 = [(s.x0, s.text) for s in body] + [(b[0], "đường kẻ") for b in boxes]
        xs1 = [(s.x1, s.text) for s in body] + [(b[2], "đường kẻ") for b in boxes]
        tops = [(s.top, s.text) for s in body] + [(b[1], "đường kẻ") for b in boxes]
        bots = [(s.base, s.text) for s in body] + [(b[3], "đường kẻ") for b in boxes]
        left, what_l = min(xs0)
        right, what_r = max(xs1)
        top, what_t = min(tops)
        bottom, what_b = max(bots)
        letters = [(s.x1_letters, s.text) for s in body] + [(b[2], "đường kẻ") for b in boxes]
        right_l, what_rl = max(letters)
        if right_l > pg.width - 15 * MM + EDGE or right > pg.width - 15 * MM + HANG:
            r, what = (right_l, what_rl) if right_l > pg.width - 15 * MM + EDGE else (right, what_r)
            self.fail(i, "le", f"'{what[:30]}' cách mép phải {(pg.width - r) / MM:.1f} mm (quy định ≥ 15 mm)")
        if bottom > pg.height - 20 * MM + EDGE:
            self.fail(i, "le", f"'{what_b[:30]}' cách mép dưới {(pg.height - bottom) / MM:.1f} mm (quy định ≥ 20 mm)")
        if not landscape:
            if left < 30 * MM - EDGE:
                self.fail(i, "le", f"'{what_l[:30]}' cách mép trái {left / MM:.1f} mm (quy định ≥ 30 mm)")
            if top < 20 * MM - EDGE:
                self.fail(i, "le", f"'{what_t[:30]}' nằm trong lề trên ({top / MM:.1f} mm; lề trên 20 mm chỉ để số trang)")
        else:
            bound_top = top >= 30 * MM - EDGE and left >= 20 * MM - EDGE
            bound_left = left >= 30 * MM - EDGE and top >= 20 * MM - EDGE
            if not (bound_top or bound_left):
                self.fail(i, "le", f"trang nằm ngang: lề trên {top / MM:.1f} mm, lề trái {left / MM:.1f} mm "
                                   "(mép đóng gáy, trên hoặc trái, phải ≥ 30 mm, các mép kia ≥ 20 mm)")

    def top_margin(self, pg, segs):
        """20 mm, or 30 mm on a landscape page bound at the top."""
        if pg.width > pg.height:
            body = [s.top for s in segs if not re.fullmatch(r"\d+", s.text)]
            if body and min(body) >= 30 * MM - EDGE:
                return 30 * MM
        return 20 * MM

    def check_page_number(self, i, pg, numbers):
        if i == 0:
            if numbers:
                self.fail(i, "so-trang", f"trang 1 không được đánh số trang (thấy '{numbers[0].text}')")
            return
        want = [s for s in numbers if s.text == str(i + 1)]
        if not want:
            seen = ", ".join(s.text for s in numbers) or "không có"
            self.fail(i, "so-trang", f"thiếu số trang {i + 1} ở lề trên (thấy: {seen})")
            return
        s = want[0]
        left = 30 * MM if pg.width < pg.height else 20 * MM
        area_centre = (left + pg.width - 15 * MM) / 2
        if min(abs(s.centre - area_centre), abs(s.centre - pg.width / 2)) > 3 * MM:
            self.fail(i, "so-trang", f"số trang {s.text} không ở giữa ({s.centre / MM:.0f} mm từ mép trái)")
        if not 13 <= s.size <= 14:
            self.fail(i, "so-trang", f"số trang cỡ {s.size} pt (quy định 13–14 pt)")
        if s.italic or s.bold:
            self.fail(i, "so-trang", "số trang phải là chữ đứng, không đậm")

    # ---- body -------------------------------------------------------------------------------

    def mark_tables(self, pg, segs):
        boxes = [t.bbox for t in pg.find_tables()]
        for s in segs:
            s.in_table = any(b[0] - 1 <= s.x0 and s.x1 <= b[2] + 1 and b[1] - 1 <= s.top and s.base <= b[3] + 1
                             for b in boxes)

    def check_body(self, all_segs, frames):
        sizes = collections.Counter()
        for s in all_segs:
            if not s.in_table:
                sizes[round(s.size)] += len(s.text)
        if sum(sizes.values()) >= 200:
            size = sizes.most_common(1)[0][0]
            if not 13 <= size <= 14:
                self.fail(None, "co-chu", f"cỡ chữ phần nội dung {size} pt (quy định 13–14 pt)")
        for s in all_segs:
            left, right = frames[s.page]
            if not s.in_table and s.x1 - s.x0 >= 0.9 * (right - left) and not 13 <= s.size <= 14:
                self.fail(s.page, "co-chu", f"dòng '{s.text[:40]}' cỡ {s.size} pt (nội dung: 13–14 pt)")
                break
        self.check_spacing(all_segs, frames)

    def check_spacing(self, all_segs, frames):
        inner = collections.defaultdict(list)  # size -> baseline distances inside paragraphs
        starts = []  # (segment, distance, size)
        by_page = collections.defaultdict(list)
        for s in all_segs:
            if not s.in_table and 13 <= s.size <= 14:
                by_page[s.page].append(s)
        for page, segs in by_page.items():
            left, right = frames[page]
            col = [s for s in segs if left - EDGE <= s.x0 <= left + 40]
            col.sort(key=lambda s: s.base)
            rules = self.rules_of[page]
            for a, b in zip(col, col[1:]):
                d = b.base - a.base
                if a.size != b.size or d <= 0 or d > 3 * a.size:
                    continue
                # A drawn rule between them (the line under the trích yếu) ends a block: that is
                # the title's spacing, not the spacing between paragraphs of the text.
                if any(a.base < r[1] < b.top and r[0] < b.x1 and r[2] > b.x0 for r in rules):
                    continue
                if a.x1 >= right - 2 and abs(b.x0 - left) <= 1.5:
                    inner[a.size].append(d)
                elif 26 <= b.x0 - left <= 38:
                    starts.append((b, d, b.size))
        pitch = {}
        for size, ds in inner.items():
            if len(ds) >= 3:
                pitch[size] = sorted(ds)[len(ds) // 2]
                single = 1.15 * size
                if not 1.1 * size - 0.3 <= pitch[size] <= 1.5 * single + 0.5:
                    self.fail(None, "gian-dong", f"giãn dòng {pitch[size]:.1f} pt cho chữ {size} pt "
                                                 f"(quy định từ dòng đơn ≈ {single:.1f} pt đến 1,5 dòng ≈ {1.5 * single:.1f} pt)")
        if pitch:
            self.saw(f"giãn dòng {', '.join(f'{p:.1f} pt ({k} pt)' for k, p in sorted(pitch.items()))}, {len(starts)} đầu đoạn")
        tight = [(s, d, size) for s, d, size in starts if size in pitch and d < pitch[size] + 6 - 0.5]
        if tight:
            s, d, size = tight[0]
            self.fail(s.page, "cach-doan",
                      f"{len(tight)}/{len(starts)} đoạn văn cách đoạn trên chưa đủ 6 pt: đoạn '{s.text[:30]}' cách dòng "
                      f"trên {d:.1f} pt, giữa hai dòng trong đoạn {pitch[size]:.1f} pt (cần ≥ {pitch[size] + 6:.1f} pt)")

    # ---- header block -----------------------------------------------------------------------

    def check_header(self, pg, segs, left, right):
        qh = next((s for s in segs if QUOC_HIEU in s.text), None)
        if qh is None:
            return
        width = right - left
        i = 0
        self.saw("quốc hiệu", qh)
        if not 12 <= qh.size <= 13:
            self.fail(i, "quoc-hieu", f"Quốc hiệu cỡ {qh.size} pt (quy định 12–13 pt)")
        if not qh.bold or qh.italic:
            self.fail(i, "quoc-hieu", "Quốc hiệu phải là chữ in hoa, đứng, đậm")
        if qh.text != qh.text.upper():
            self.fail(i, "quoc-hieu", f"Quốc hiệu phải in hoa: '{qh.text}'")
        if qh.centre < left + 0.4 * width:
            self.fail(i, "quoc-hieu", "Quốc hiệu phải ở ô bên phải, phía trên")
        motto = next((s for s in segs if s.base > qh.base and "Độc lập" in s.text), None)
        if motto is None:
            self.fail(i, "tieu-ngu", f"thiếu tiêu ngữ '{TIEU_NGU}' dưới Quốc hiệu")
        else:
            self.check_motto(pg, qh, motto)
        number = next((s for s in segs if s.text.startswith("Số") and s.centre < left + 0.45 * width
                       and s.base > qh.base - 1), None)
        agency = [s for s in segs if s.centre < left + 0.45 * width and s.base >= qh.base - 1
                  and (number is None or s.base < number.base) and s.base < qh.base + 80]
        self.check_agency(pg, agency, number)
        if number is not None:
            self.check_number(number, agency)
        date = next((s for s in segs if re.search(r"ngày\s+\S+\s+tháng\s+\S+\s+năm", s.text)
                     and s.centre > left + 0.4 * width), None)
        if date is not None:
            self.check_date(date, motto)
        below = max([s.base for s in (number, date, motto) if s is not None] + [qh.base])
        self.check_type(segs, below, left, right)

    def check_motto(self, pg, qh, motto):
        i = 0
        self.saw("tiêu ngữ", motto)
        if motto.text != TIEU_NGU:
            self.fail(i, "tieu-ngu", f"tiêu ngữ phải là '{TIEU_NGU}' (chữ đầu viết hoa, gạch nối có cách chữ): '{motto.text}'")
        if not 13 <= motto.size <= 14:
            self.fail(i, "tieu-ngu", f"tiêu ngữ cỡ {motto.size} pt (quy định 13–14 pt)")
        if not motto.bold or motto.italic:
            self.fail(i, "tieu-ngu", "tiêu ngữ phải là chữ đứng, đậm")
        if abs(motto.centre - qh.centre) > 3 * MM:
            self.fail(i, "tieu-ngu", "tiêu ngữ phải canh giữa dưới Quốc hiệu")
        rule = [b for b in hlines(pg) if motto.base < b[1] < motto.base + 12
                and motto.x0 - 10 < (b[0] + b[2]) / 2 < motto.x1 + 10]
        if not rule:
            self.fail(i, "tieu-ngu", "thiếu đường kẻ ngang nét liền dưới tiêu ngữ")
            return
        b = rule[0]
        self.saw("đường kẻ dưới tiêu ngữ")
        text_w = motto.x1 - motto.x0
        if abs((b[2] - b[0]) - text_w) > max(3, 0.03 * text_w) or abs((b[0] + b[2]) / 2 - motto.centre) > 3:
            self.fail(i, "tieu-ngu", f"đường kẻ dưới tiêu ngữ dài {(b[2] - b[0]) / MM:.1f} mm, phải bằng dòng chữ "
                                     f"({text_w / MM:.1f} mm) và cân giữa")

    def check_agency(self, pg, agency, number):
        i = 0
        if not agency:
            self.fail(i, "co-quan", "thiếu tên cơ quan ban hành ở ô bên trái, phía trên")
            return
        bold = [s for s in agency if s.bold]
        for s in agency:
            self.saw("cơ quan", s)
            if not 12 <= s.size <= 13:
                self.fail(i, "co-quan", f"tên cơ quan '{s.text}' cỡ {s.size} pt (quy định 12–13 pt)")
            if s.text != s.text.upper():
                self.fail(i, "co-quan", f"tên cơ quan phải in hoa: '{s.text}'")
            if s.italic:
                self.fail(i, "co-quan", f"tên cơ quan phải là chữ đứng: '{s.text}'")
        if not bold:
            self.fail(i, "co-quan", "tên cơ quan ban hành phải in đậm")
            return
        if any(s.bold for s in agency[: agency.index(bold[0])]) or any(not s.bold for s in agency[agency.index(bold[0]):]):
            self.fail(i, "co-quan", "cơ quan chủ quản (không đậm) ở trên, cơ quan ban hành (đậm) ở dưới")
        last = bold[-1]
        limit = number.top if number is not None else last.base + 20
        rule = [b for b in hlines(pg) if last.base < b[1] < limit and abs((b[0] + b[2]) / 2 - last.centre) < 40]
        if not rule:
            self.fail(i, "co-quan", "thiếu đường kẻ ngang dưới tên cơ quan ban hành")
            return
        b = rule[0]
        self.saw("đường kẻ dưới cơ quan")
        text_w = max(s.x1 - s.x0 for s in bold)
        ratio = (b[2] - b[0]) / text_w
        if not 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02:
            self.fail(i, "co-quan", f"đường kẻ dưới tên cơ quan dài {ratio:.2f} dòng chữ (quy định 1/3–1/2)")
        if abs((b[0] + b[2]) / 2 - last.centre) > 3:
            self.fail(i, "co-quan", "đường kẻ dưới tên cơ quan phải cân giữa dòng chữ")

    def check_number(self, number, agency):
        i = 0
        self.saw("số, ký hiệu", number)
        if not re.match(r"Số: ", number.text + " "):
            self.fail(i, "so-ky-hieu", f"số văn bản phải bắt đầu bằng 'Số:' '{number.text}'")
        if not 12.5 <= number.size <= 13.5:
            self.fail(i, "so-ky-hieu", f"'Số:' cỡ {number.size} pt (quy định 13 pt)")
        if number.bold or number.italic:
            self.fail(i, "so-ky-hieu", "'Số:' phải là chữ đứng, không đậm")
        m = re.match(r"Số:\s*(\d+)/", number.text)
        if m and int(m.group(1)) < 10 and len(m.group(1)) < 2:
            self.fail(i, "so-ky-hieu", f"số nhỏ hơn 10 phải có số 0 phía trước: '{number.text}'")
        if agency and abs(number.centre - agency[-1].centre) > 3 * MM:
            self.fail(i, "so-ky-hieu", "'Số:' phải canh giữa dưới tên cơ quan")

    def check_date(self, date, motto):
        i = 0
        self.saw("địa danh, ngày", date)
        if not 13 <= date.size <= 14:
            self.fail(i, "dia-danh", f"địa danh, ngày tháng cỡ {date.size} pt (quy định 13–14 pt)")
        if not date.italic or date.bold:
            self.fail(i, "dia-danh", "địa danh, ngày tháng phải là chữ nghiêng, không đậm")
        if motto is not None and abs(date.centre - motto.centre) > 3 * MM:
            self.fail(i, "dia-danh", "địa danh, ngày tháng phải canh giữa dưới tiêu ngữ")
        m = re.search(r"ngày\s+(\d+)\s+tháng\s+(\d+)", date.text)
        if m:
            day, month = m.group(1), m.group(2)
            if int(day) < 10 and len(day) < 2 or int(month) < 3 and len(month) < 2:
                self.fail(i, "dia-danh", f"ngày dưới 10 và tháng 1, 2 phải có số 0 phía trước: '{date.text}'")

    def check_type(self, segs, below, left, right):
        centre = (left + right) / 2
        rest = [s for s in segs if s.base > below + 1 and not s.in_table]
        first = next(iter(rest), None)
        if first is None or abs(first.centre - centre) > 3 * MM or first.text != first.text.upper() \
                or not re.search(r"[A-ZĐ]", first.text) or first.text.startswith("V/v"):
            return
        self.saw("tên loại", first)
        if not 13 <= first.size <= 14:
            self.fail(0, "loai-van-ban", f"tên loại văn bản '{first.text}' cỡ {first.size} pt (quy định 13–14 pt)")
        if not first.bold:
            self.fail(0, "loai-van-ban", f"tên loại văn bản '{first.text}' phải in đậm")
        subject, last = [], first
        for s in rest[1:]:
            if s.base - last.base > 2 * s.size or abs(s.centre - centre) > 3 * MM:
                break
            subject.append(s)
            last = s
        if subject:
            self.check_subject(subject)

    def check_subject(self, subject):
        pg = self.page1
        self.saw("trích yếu", subject[0])
        for s in subject:
            if not 13 <= s.size <= 14 or not s.bold:
                self.fail(0, "trich-yeu", f"trích yếu '{s.text[:30]}' cỡ {s.size} pt{'' if s.bold else ', không đậm'} (quy định 13–14 pt, đậm)")
                return
        last = subject[-1]
        rule = [b for b in hlines(pg) if last.base < b[1] < last.base + 14 and abs((b[0] + b[2]) / 2 - last.centre) < 40]
        if not rule:
            self.fail(0, "trich-yeu", "thiếu đường kẻ ngang dưới trích yếu")
            return
        b = rule[0]
        text_w = max(s.x1 - s.x0 for s in subject)
        ratio = (b[2] - b[0]) / text_w
        if not 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02:
            self.fail(0, "trich-yeu", f"đường kẻ dưới trích yếu dài {ratio:.2f} dòng chữ (quy định 1/3–1/2)")

    # ---- closing ----------------------------------------------------------------------------

    def check_closing(self, pages, segs_of, frames):
        for i, segs in enumerate(segs_of):
            nn = next((s for s in segs if s.text.startswith("Nơi nhận")), None)
            if nn is None:
                continue
            left, right = frames[i]
            self.check_recipients(i, segs, nn, left, right)
            self.check_signature(i, segs, nn, left, right)

    def check_recipients(self, i, segs, nn, left, right):
        self.saw("nơi nhận", nn)
        if nn.text != "Nơi nhận:":
            self.fail(i, "noi-nhan", f"phải ghi 'Nơi nhận:' (có dấu hai chấm): '{nn.text}'")
        if not 11.5 <= nn.size <= 12.5:
            self.fail(i, "noi-nhan", f"'Nơi nhận:' cỡ {nn.size} pt (quy định 12 pt)")
        if not (nn.bold and nn.italic):
            self.fail(i, "noi-nhan", "'Nơi nhận:' phải là chữ nghiêng, đậm")
        col = [s for s in segs if s.base > nn.base and s.x0 < nn.x0 + 30 and s.centre < (left + right) / 2]
        items = []
        for s in col:
            if s.base - (items[-1][-1].base if items else nn.base) > 2.5 * max(s.size, 11):
                break
            if s.text.startswith("-"):
                items.append([s])
            elif items:
                items[-1].append(s)
        if not items:
            self.fail(i, "noi-nhan", "thiếu danh sách nơi nhận dưới 'Nơi nhận:'")
            return
        for item in items:
            for s in item:
                if not 10.5 <= s.size <= 11.5:
                    self.fail(i, "noi-nhan", f"nơi nhận '{s.text[:30]}' cỡ {s.size} pt (quy định 11 pt)")
                    return
                if s.bold or s.italic:
                    self.fail(i, "noi-nhan", f"nơi nhận '{s.text[:30]}' phải là chữ đứng")
                    return
        texts = [" ".join(s.text for s in item) for item in items]
        self.saw(f"{len(texts)} nơi nhận")
        for t in texts[:-1]:
            if not t.endswith(";"):
                self.fail(i, "noi-nhan", f"mỗi nơi nhận kết thúc bằng dấu chấm phẩy: '{t[:40]}'")
        if not (texts[-1].startswith("- Lưu") and texts[-1].endswith(".")):
            self.fail(i, "noi-nhan", f"nơi nhận cuối cùng là '- Lưu: …' kết thúc bằng dấu chấm: '{texts[-1][:40]}'")

    def check_signature(self, i, segs, nn, left, right):
        mid = left + 0.45 * (right - left)
        col = [s for s in segs if s.centre > mid and s.base >= nn.base - 2]
        col.sort(key=lambda s: s.base)
        if not col:
            self.fail(i, "ky", "thiếu quyền hạn, chức vụ người ký ở ô bên phải, ngang 'Nơi nhận:'")
            return
        heads = []
        for s in col:
            if s.text == s.text.upper() and re.search(r"[A-ZĐ]", s.text):
                heads.append(s)
            else:
                break
        if not heads:
            self.fail(i, "ky", f"quyền hạn, chức vụ người ký phải in hoa: '{col[0].text}'")
        for s in heads:
            self.saw("người ký", s)
            if not 13 <= s.size <= 14 or not s.bold:
                self.fail(i, "ky", f"'{s.text}' cỡ {s.size} pt{'' if s.bold else ', không đậm'} "
                                   "(quyền hạn, chức vụ người ký: 13–14 pt, đậm)")
        rest = col[len(heads):]
        rest = [s for s in rest if not (s.italic and s.text.startswith("("))]
        names = [s for s in rest if s.bold]
        if not names:
            self.fail(i, "ky", "thiếu họ tên người ký (chữ đậm) dưới chức vụ")
            return
        name = names[0]
        self.saw("họ tên", name)
        above = [s for s in col if s.base < name.base]
        room = (name.top - (above[-1].base + 0.25 * above[-1].size)) / MM if above else 99
        if room < 28:
            self.fail(i, "ky", f"chỉ có {room:.0f} mm trống trên họ tên người ký (cần ≈ 30 mm cho chữ ký và dấu)")
        if not 13 <= name.size <= 14:
            self.fail(i, "ky", f"họ tên người ký cỡ {name.size} pt (quy định 13–14 pt)")
        if heads and abs(name.centre - heads[-1].centre) > 3 * MM:
            self.fail(i, "ky", "họ tên người ký phải canh giữa dưới chức vụ")

    # ---- annex ------------------------------------------------------------------------------

    def check_annex(self, pg, segs, top_margin):
        head = next((s for s in segs[:6] if s.text.startswith("PHỤ LỤC")), None)
        if head is None:
            return
        self.saw("phụ lục", head)
        x0, x1 = pg.width - 15 * MM - 60 * MM, pg.width - 15 * MM
        y0, y1 = top_margin, top_margin + 15 * MM
        inside = [s.text for s in segs if s.x1 > x0 + EDGE and s.x0 < x1 and s.base > y0 and s.top < y1 - EDGE]
        inside += ["đường kẻ" for b in graphics(pg) if b[2] > x0 + EDGE and b[0] < x1 and b[3] > y0 + EDGE and b[1] < y1 - EDGE]
        if inside:
            self.fail(0, "goc-phu-luc", f"góc trên bên phải trang 1 (60 × 15 mm) phải để trống cho chữ ký số "
                                        f"của cơ quan, đang có '{inside[0][:30]}'")
        if not head.bold:
            self.fail(0, "goc-phu-luc", f"'{head.text}' phải in đậm")

    # ---- file -------------------------------------------------------------------------------

    def check_fonts(self, fontnames):
        odd = sorted(f for f in fontnames if not TIMES.search(f))
        if odd:
            self.fail(None, "phong", f"phông không tương thích Times New Roman: {', '.join(odd)}")
        try:
            out = subprocess.run(["pdffonts", self.path], capture_output=True, text=True, check=False).stdout
        except FileNotFoundError:
            print("cần cài poppler-utils: apt-get install poppler-utils (thiếu lệnh pdffonts)")
            sys.exit(2)
        loose = []
        for line in out.splitlines()[2:]:
            parts = line.split()
            if len(parts) >= 7 and parts[-5] != "yes":
                loose.append(parts[0])
        if loose:
            self.fail(None, "phong", f"phông chưa được nhúng: {', '.join(sorted(set(loose)))}")

    def check_pdfa(self, doc):
        xmp = b""
        try:
            meta = doc.doc.catalog.get("Metadata")
            if meta is not None:
                xmp = meta.resolve().get_data()
        except Exception:  # unreadable metadata is a missing declaration
            xmp = b""
        text = xmp.decode("utf-8", "replace")
        part = re.search(r"pdfaid:part(?:=\"|>)\s*(\d)", text)
        conf = re.search(r"pdfaid:conformance(?:=\"|>)\s*([ABUabu])", text)
        if not part:
            self.fail(None, "pdfa", "thiếu khai báo PDF/A (pdfaid:part) trong siêu dữ liệu XMP")
        elif not conf and part.group(1) in "123":
            self.fail(None, "pdfa", f"PDF/A-{part.group(1)} thiếu mức tuân thủ (pdfaid:conformance) trong XMP")

    def check_structure(self):
        try:
            r = subprocess.run(["qpdf", "--check", self.path], capture_output=True, text=True, check=False)
        except FileNotFoundError:
            print("cần cài qpdf: apt-get install qpdf (thiếu lệnh qpdf)")
            sys.exit(2)
        if r.returncode != 0:
            first = (r.stderr.strip() or r.stdout.strip()).splitlines()[:1]
            self.fail(None, "cau-truc", f"qpdf --check báo lỗi cấu trúc: {first[0] if first else r.returncode}")

    def run(self):
        try:
            doc = pdfplumber.open(self.path)
        except Exception as e:
            self.fail(None, "cau-truc", f"không đọc được tệp PDF: {e}")
            return self.problems
        with doc:
            fontnames = set()
            segs_of, frames = [], []
            for i, pg in enumerate(doc.pages):
                self.check_size(i, pg)
                segs = segments(pg, i)
                self.mark_tables(pg, segs)
                tm = self.top_margin(pg, segs)
                numbers = self.number_segs(pg, segs, tm)
                self.check_margins(i, pg, segs, numbers)
                self.rules_of.append(hlines(pg))
                self.check_page_number(i, pg, numbers)
                body = [s for s in segs if s not in numbers]
                left = 30 * MM if pg.width < pg.height else 20 * MM
                if pg.width > pg.height and tm < 30 * MM:
                    left = 30 * MM
                frames.append((left, pg.width - 15 * MM))
                segs_of.append(body)
                for c in pg.chars:
                    fontnames.add(re.sub(r"^[A-Z]{6}\+", "", c["fontname"]))
                if i == 0:
                    self.page1 = pg
                    self.check_header(pg, body, *frames[0])
                    self.check_annex(pg, body, tm)
            self.check_body([s for segs in segs_of for s in segs], frames)
            self.check_closing(doc.pages, segs_of, frames)
            self.check_fonts(fontnames)
            self.check_pdfa(doc)
        self.check_structure()
        return self.problems


def main(args):
    detail = "--chi-tiet" in args
    paths = [a for a in args if a != "--chi-tiet"]
    if not paths:
        print(__doc__)
        return 2
    problems = []
    for path in paths:
        if not os.path.isfile(path):
            problems.append(f"{path}: không có tệp")
            continue
        c = Checker(path)
        problems.extend(c.run())
        if detail:
            print(f"{c.name}: đã kiểm {'; '.join(c.seen) or 'trang, lề, phông, PDF/A'}")
    for p in problems:
        print(p)
    print(f"{len(paths)} tệp, {len(problems)} lỗi thể thức")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
