"""Text and drawings of a PDF page as the ND30 checker sees them: segments of text on one baseline
(a header-grid cell, a line of a paragraph) with size, weight and style, and the rules drawn."""
import collections
import re

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
CAP = 0.66  # cap height of Times-compatible fonts, in em: the top of a line's ink
EDGE = 1.0  # pt of slack at a margin (stroke half-widths, rounding)
HANG = 3.0  # pt a punctuation mark may hang into the right margin
TIMES = re.compile(r"Times|Liberation ?Serif|Tinos", re.I)
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


class Seg:
    """A run of text on one baseline, without a wide gap (a cell of the header grid, a line)."""

    def __init__(self, chars, page):
        self.chars = chars
        self.page = page
        ink = [c for c in chars if c["text"].strip()] or chars
        self.x0 = min(c["x0"] for c in ink)
        self.x1 = max(c["x1"] for c in ink)
        # typst hangs punctuation into the margin by a fraction of its width (optical margin
        # alignment): letters must stay inside, punctuation may hang up to HANG.
        letters = [c for c in ink if c["text"].isalnum()] or ink
        self.x1_letters = max(c["x1"] for c in letters)
        self.base = chars[0]["base"]
        sizes = collections.Counter(round(c["size"], 1) for c in chars if c["text"].strip())
        self.size = sizes.most_common(1)[0][0] if sizes else round(chars[0]["size"], 1)
        self.top = self.base - CAP * self.size
        self.bold = all(re.search(r"Bold|Black|Heavy", c["fontname"], re.I) for c in ink)
        self.italic = all(re.search(r"Italic|Oblique", c["fontname"], re.I) for c in ink)
        text = ""
        for prev, c in zip([None] + chars[:-1], chars):
            if prev is not None and c["x0"] - prev["x1"] > 0.15 * c["size"] and not text.endswith(" "):
                text += " "
            text += c["text"]
        self.text = re.sub(r"\s+", " ", text).strip()
        self.in_table = False

    @property
    def centre(self):
        return (self.x0 + self.x1) / 2

    def __repr__(self):
        return f"'{self.text[:40]}'"


def segments(page, index):
    """The page's text as segments, top to bottom, left to right."""
    lines = collections.defaultdict(list)
    for c in page.chars:
        if not c.get("upright", True):
            continue
        base = page.height - c["matrix"][5]
        c = dict(c, base=base)
        lines[round(base * 2) / 2].append(c)
    # merge baselines that differ by rounding only
    keys = sorted(lines)
    merged = []
    for k in keys:
        if merged and k - merged[-1][0] <= 0.6:
            merged[-1][1].extend(lines[k])
        else:
            merged.append([k, list(lines[k])])
    out = []
    for _, chars in merged:
        chars.sort(key=lambda c: c["x0"])
        run = [chars[0]]
        for c in chars[1:]:
            if c["x0"] - run[-1]["x1"] > 1.0 * max(c["size"], run[-1]["size"]):
                out.append(Seg(run, index))
                run = []
            run.append(c)
        out.append(Seg(run, index))
    out = [s for s in out if s.text]
    out.sort(key=lambda s: (round(s.base), s.x0))
    return out


def graphics(page):
    """Bounding boxes (x0, top, x1, bottom) of the lines, rectangles and curves drawn on the page."""
    boxes = []
    for o in page.lines + page.rects + page.curves:
        boxes.append((o["x0"], o["top"], o["x1"], o["bottom"]))
    return boxes


def hlines(page):
    """Horizontal rules: thin, wide graphic objects."""
    return [b for b in graphics(page) if b[3] - b[1] <= 1.6 and b[2] - b[0] >= 5]
