#!/usr/bin/env python3
"""make report-check: the status report in a real browser.

Renders an HTML status report with headless Chromium to an A4 PDF, then checks the PDF with
poppler's tools: every page is A4, there are at least as many pages as the report has sections,
each section begins on a page of its own and in order (its heading is on a later page than the
one before), and no page is blank (each has ink on at least 0.5 % of its pixels).

    report_check.py REPORT.html OUTDIR [--images PREFIX]

--images writes PNGs of the first two pages (PREFIX-1.png, PREFIX-2.png) for the README.
Python 3 standard library only; needs chromium, pdfinfo, pdftotext and pdftoppm on PATH.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile


class Sections(html.parser.HTMLParser):
    """The report's sections and the text of each one's heading."""

    def __init__(self):
        super().__init__()
        self.titles, self.in_h2, self.in_section = [], False, False

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.in_section = True
        elif tag == "h2" and self.in_section:
            self.in_h2 = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False

    def handle_data(self, data):
        if self.in_h2:
            self.titles[-1] += data


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("report-check: no chromium on PATH (Debian: apt-get install chromium)")


def ink(pgm_path):
    """The share of a greyscale page's pixels darker than near-white."""
    with open(pgm_path, "rb") as f:
        data = f.read()
    # P5 header: magic, width, height, maxval, each separated by whitespace (comments not written by pdftoppm).
    fields, pos = [], 2
    while len(fields) < 3:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(int(data[start:pos]))
    pixels = data[pos + 1:]
    width, height, maxval = fields
    if maxval != 255 or len(pixels) < width * height:
        sys.exit(f"report-check: cannot read {pgm_path}")
    dark = sum(1 for b in pixels[:width * height] if b < 235)
    return dark / (width * height)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    report, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    images = sys.argv[sys.argv.index("--images") + 1] if "--images" in sys.argv else None
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, "statusrapport.pdf")

    parser = Sections()
    with open(report, encoding="utf-8") as f:
        parser.feed(f.read())
    titles = [re.sub(r"\s+", " ", t).strip() for t in parser.titles]
    if not titles:
        sys.exit("report-check: the report has no sections")

    with tempfile.TemporaryDirectory() as profile:
        run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "file://" + report])
    info = run(["pdfinfo", pdf]).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    width, height = float(size.group(1)), float(size.group(2))
    failures = []
    # A4 is 595,28 × 841,89 pt.
    if abs(width - 595.3) > 2 or abs(height - 841.9) > 2:
        failures.append(f"pages are {width:.0f} × {height:.0f} pt, not A4")
    if pages < len(titles):
        failures.append(f"{pages} pages for {len(titles)} sections")

    # Each section's heading on a page after the one before.
    texts = [re.sub(r"\s+", " ", run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"]).stdout)
             for p in range(1, pages + 1)]
    previous = 0
    for title in titles:
        page = next((i + 1 for i, t in enumerate(texts) if title in t), None)
        if page is None:
            failures.append(f"section “{title}” is on no page")
        elif page <= previous and previous > 0:
            failures.append(f"section “{title}” begins on page {page}, not after the section before it (page {previous})")
        else:
            previous = page

    run(["pdftoppm", "-gray", "-r", "40", pdf, os.path.join(outdir, "page")])
    shares = []
    for p in range(1, pages + 1):
        name = next(os.path.join(outdir, f) for f in sorted(os.listdir(outdir))
                    if re.fullmatch(rf"page-0*{p}\.pgm", f))
        share = ink(name)
        shares.append(share)
        if share < 0.005:
            failures.append(f"page {p} is blank ({share * 100:.2f} % ink)")

    if images:
        os.makedirs(os.path.dirname(images) or ".", exist_ok=True)
        run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, images])
        for p in (1, 2):
            made = next((f for f in os.listdir(os.path.dirname(images) or ".")
                         if re.fullmatch(rf"{re.escape(os.path.basename(images))}-0*{p}\.png", f)), None)
            if made:
                os.replace(os.path.join(os.path.dirname(images) or ".", made), f"{images}-{p}.png")

    print(f"report-check: {pages} A4 pages for {len(titles)} sections; ink per page "
          + " ".join(f"{s * 100:.1f}%" for s in shares) + f"; PDF {os.path.getsize(pdf):,} bytes at {pdf}")
    for f in failures:
        print(f"report-check: FAIL: {f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
