"""The page of every line of the plan text: one page map, built once from the text.

The PDF-to-text step kept the page breaks only as faint signs, and :func:`build_page_map` reads
them in this order:

- a running page header (``Meerjarenplan 2021-2025 | 2020-04-23 Meerjarenplan RIMO Limburg 59|``,
  the closing ``|`` sometimes missing) stands at the top of its page and gives its number;
- any other page starts with a line that begins with exactly one space followed by text
  (``" DE STEK"``), unless only blank lines separate it from a running header above (then it
  is that header's page); the next page number is the previous one plus one;
- except an indented ``Timing:`` line: the plan has two (lines 4200 and 4216) in the middle of
  their page.

Page 1 starts at line 1. Read this way the map of the Meerjarenplan 2021-2025 has 116 pages and
agrees with every running header (14) and with the page the table of contents gives for every
heading found in the body (see :func:`disagreements` and ``tests/test_pages.py``).

Source of facts: ``shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

PAGE_HEADER = re.compile(r"^\s*Meerjarenplan\s+\d{4}\s*-\s*\d{4}\s*\|.*?(\d+)\s*\|?\s*$")
_PAGE_START = re.compile(r"^ \S")
_NOT_A_START = re.compile(r"^ Timing\s*:")


@dataclass(frozen=True)
class PageMap:
    """Where each page of a plan text starts.

    ``starts`` are the 1-based first lines of the pages, ascending, ``pages`` their page numbers
    (consecutive unless a running header says otherwise); ``n_lines`` is the length of the text.
    """

    starts: tuple[int, ...]
    pages: tuple[int, ...]
    n_lines: int

    def page_of(self, line: int) -> int:
        """The page of 1-based ``line``.

        Raises
        ------
        ValueError
            when ``line`` is outside 1..n_lines.
        """
        if not 1 <= line <= self.n_lines:
            raise ValueError(f"line {line} is outside the plan text (1-{self.n_lines})")
        return self.pages[bisect_right(self.starts, line) - 1]

    def pages_of(self, line_start: int, line_end: int) -> tuple[int, int]:
        """``(first page, last page)`` of the line range ``line_start..line_end``."""
        return self.page_of(line_start), self.page_of(line_end)

    def lines_of(self, page: int) -> tuple[int, int]:
        """``(first line, last line)`` of ``page``.

        Raises
        ------
        ValueError
            when the text has no such page.
        """
        if page not in self.pages:
            raise ValueError(f"page {page} is not in the plan text ({self.pages[0]}-{self.pages[-1]})")
        index = self.pages.index(page)
        last = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else self.n_lines
        return self.starts[index], last


def build_page_map(lines: list[str]) -> PageMap:
    """The page map of a plan text given as its lines (``lines[0]`` is line 1); see the module
    docstring for the signs read."""
    starts, pages = [1], [1]
    under_header = False  # only blank lines since a running header: still the top of its page
    for number, text in enumerate(lines, 1):
        header = PAGE_HEADER.match(text)
        if header:
            page = int(header.group(1))
            if page != pages[-1]:
                starts.append(number)
                pages.append(page)
            under_header = True
            continue
        if number > 1 and not under_header and _PAGE_START.match(text) \
                and not _NOT_A_START.match(text):
            starts.append(number)
            pages.append(pages[-1] + 1)
        under_header = under_header and not text.strip()
    return PageMap(tuple(starts), tuple(pages), len(lines))


def page_map(path) -> PageMap:
    """The page map of the plan text at ``path`` (a :class:`~rimograph.source.extract.Plan` from
    ``parse_plan`` already has it as ``plan.pages``).

    Raises
    ------
    RimographError
        naming the file when it cannot be read (see :func:`rimograph.source.extract.read_plan_text`).
    """
    from .extract import read_plan_text

    return build_page_map(read_plan_text(path))


def disagreements(pages: PageMap, lines: list[str], toc) -> list[str]:
    """Where the map contradicts the text's own page numbers: a running header whose number is
    not the page counted from the previous one, or a table-of-contents entry (``TocEntry`` with
    the ``line`` of its heading in the body) whose page differs from the map's. Returns one
    message per disagreement; an empty list means the map agrees with all of them."""
    found = []
    for index in range(1, len(pages.starts)):
        if pages.pages[index] != pages.pages[index - 1] + 1:
            found.append(f"line {pages.starts[index]}: running header page {pages.pages[index]}, "
                         f"counted {pages.pages[index - 1] + 1}")
    for entry in toc:
        if entry.line and pages.page_of(entry.line) != entry.page:
            found.append(f"line {entry.line}: {entry.title!r} is on page {entry.page} in the table "
                         f"of contents, on page {pages.page_of(entry.line)} in the page map")
    return found
