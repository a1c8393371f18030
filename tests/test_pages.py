"""The page map of the plan text (rimograph.source.pages), held to the plan's own page numbers."""

import shutil

import pytest

from rimograph.source.check import check_source
from rimograph.source.pages import PAGE_HEADER, build_page_map, disagreements

from .conftest import GRAPH_DIR
from .test_check_source import failures, plan, rewrite  # noqa: F401 (plan: fixture)
from .test_extract import PLAN


def test_page_map_agrees_with_headers_and_toc(plan):
    pages = plan.pages
    assert len(pages.starts) == 116 and pages.pages == tuple(range(1, 117))
    headers = [(n, int(m.group(1))) for n, text in enumerate(plan.lines, 1)
               if (m := PAGE_HEADER.match(text))]
    assert len(headers) == 14 and headers[-1] == (4712, 106)  # 106 is printed without its "|"
    # each header is the first line of its page (page 1 starts at line 1, above its header)
    assert all(pages.page_of(line) == page and pages.starts[page - 1] == (line if page > 1 else 1)
               for line, page in headers)
    located = [t for t in plan.toc if t.line]
    assert len(located) == 152
    assert disagreements(pages, plan.lines, plan.toc) == []


def test_page_map_real_pages(plan):
    pages = plan.pages
    # the overview table runs over pages 54-57; Café Anoniem starts page 58
    assert pages.pages_of(2660, 2744) == (54, 57)
    assert [pages.page_of(n) for n in (2673, 2697, 2714, 2745)] == [55, 56, 57, 58]
    assert pages.lines_of(56) == (2697, 2703)
    # the two indented "Timing:" lines stay on their page; Dorpenbeleid Pelt starts page 93
    assert [pages.page_of(n) for n in (4197, 4200, 4216, 4217)] == [92, 92, 92, 93]
    assert pages.page_of(3041) == 64 and pages.page_of(1) == 1 and pages.page_of(5709) == 116 and pages.n_lines == len(plan.lines)
    with pytest.raises(ValueError, match="outside the plan text"):
        pages.page_of(len(plan.lines) + 1)


def test_page_map_of_a_fragment():
    lines = ["Title", "text", "", " Second page", "more", " Timing: 2021", "",
             "Meerjarenplan 2021-2025 | x 7|", " top line of page 7", "end"]
    pages = build_page_map(lines)
    assert pages.starts == (1, 4, 8) and pages.pages == (1, 2, 7)
    assert pages.page_of(6) == 2 and pages.page_of(9) == 7
    assert disagreements(pages, lines, []) == ["line 8: running header page 7, counted 3"]


def test_check_source_holds_pages_to_the_map(plan, graph_copy):
    def one_too_low(row):
        if row["line_start"] == "3041":
            row["page"] = "63"

    rewrite(graph_copy / "partner_mentions.csv", one_too_low)
    shutil.copy(GRAPH_DIR / "source_exceptions.csv", graph_copy)
    found = [d for d in failures(check_source(PLAN, graph_copy, plan=plan)) if d.kind == "page"]
    assert found and {d.line for d in found} == {3041}
    assert "pagina 63, maar regel 3041 staat op pagina 64; zet page op 64" in found[0].message
