"""Benchmark: how many pages per second ``jxplan parse`` reads on a long plan.

Run from the repository root::

    python benchmarks/parse_pages.py [--pages 200] [--repeats 3] [--pdf]

It writes a long fictional plan in the official style (parts, action areas,
numbered measures with targets, a target table, a 专栏 box, a review part),
about 600 characters to a page with a ``—N—`` footer on each, and times

* :func:`jxplan.parse.parse_plan_text` on the text (the median of
  ``--repeats`` runs), and
* with ``--pdf``, :func:`jxplan.readers.read_document` on the same text
  typeset as a PDF by matplotlib (pypdf's text extraction), then the parse.

It prints pages per second.  A measurement, not a test: nothing fails if the
number is small.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_ZH = "一二三四五六七八九十"
PAGE_CHARS = 600


def _numeral(n: int) -> str:
    if n <= 10:
        return _ZH[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH[tens - 1]) + "十" + (_ZH[ones - 1] if ones else "")


def long_plan(pages: int) -> tuple[str, int]:
    """A fictional plan of about ``pages`` pages; returns (text, page count)."""
    lines = ["示例市深化接轨上海工作实施方案（基准测试用）", "一、发展基础",
             "“十五五”以来，全市累计引进上海项目320个，对沪合作投资达到85亿元。",
             "二、主要目标", "到2033年，新增对沪合作项目60个以上，跨界通勤时间控制在45分钟以内。",
             "指标 | 单位 | 2030年（基期） | 2033年", "跨界轨道交通里程 | 公里 | 30 | 60",
             "三、重点任务"]
    measure, action = 0, 0
    per_action = max(5, pages * 3 // 30 + 1)  # about 3 measures a page, at most 30 areas
    while sum(len(x) for x in lines) < pages * PAGE_CHARS:
        action += 1
        lines.append(f"（{_numeral(action)}）示例领域{action}对接行动")
        for _ in range(per_action):
            measure += 1
            lines.append(f"{measure}.推进第{measure}项合作。围绕两地协同发展，深化交通、产业、"
                         f"科技和公共服务领域合作，一是完善工作机制；二是加快项目落地，"
                         f"新增合作项目{measure % 50 + 1}个以上，建成跨界道路{measure % 7 + 1}条，"
                         "力争年度投资达到12亿元。")
        if action % 10 == 0:
            lines += [f"专栏{action // 10}  重点项目", "1、示例快速路工程。", "2、示例公交线工程。"]
    lines += ["四、保障措施", "（一）加强组织领导", "各责任单位要明确分工，加强协调。"]
    text, out, page, count = "\n".join(lines), [], [], 0
    for line in text.split("\n"):
        page.append(line)
        count += len(line)
        if count >= PAGE_CHARS:
            out.append("\n".join(page) + f"\n—{len(out) + 1}—")
            page, count = [], 0
    if page:
        out.append("\n".join(page) + f"\n—{len(out) + 1}—")
    return "\n".join(out) + "\n", len(out)


def _pdf(text: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from jxplan.fonts import font_path

    font = FontProperties(fname=str(font_path(family="sans")))
    rows = []
    for line in text.split("\n"):
        if "|" in line:
            rows.append(line)
        else:
            rows += [line[i:i + 30] for i in range(0, max(len(line), 1), 30)]
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buf) as pdf:
        for first in range(0, len(rows), 40):
            fig = Figure(figsize=(8.27, 11.69))
            for k, row in enumerate(rows[first:first + 40]):
                fig.text(0.06, 0.95 - 0.022 * k, row, fontproperties=font, fontsize=9)
            pdf.savefig(fig)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time reading a PDF")
    args = parser.parse_args(argv)

    from jxplan.parse import parse_plan_text

    text, pages = long_plan(args.pages)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        plan = parse_plan_text(text, plan_id="bench")
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"text: {pages} pages, {len(text)} characters, {len(plan.measures)} measures, "
          f"{len(plan.targets)} targets, {len(plan.problems)} problem rows")
    print(f"parse_plan_text: {median:.2f} s (median of {args.repeats}), "
          f"{pages / median:.0f} pages/s")
    if args.pdf:
        from jxplan.parse import parse_plan_file
        from jxplan.readers import read_document

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.pdf"
            path.write_bytes(_pdf(text))
            start = time.perf_counter()
            doc = read_document(path)
            read = time.perf_counter() - start
            start = time.perf_counter()
            parsed = parse_plan_file(path, plan_id="bench")
            both = time.perf_counter() - start
        print(f"read_document (PDF, pypdf): {doc.n_pages} pages in {read:.2f} s, "
              f"{doc.n_pages / read:.0f} pages/s")
        print(f"parse_plan_file (PDF): {both:.2f} s, {doc.n_pages / both:.0f} pages/s, "
              f"{len(parsed.measures)} measures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
