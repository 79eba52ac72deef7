"""Typed text reads in rendered Markdown exactly as typed: checked with a CommonMark parser.

Each hostile quote, fact, list item, tag or name goes through our Markdown (the snapshot,
the board, the brief), markdown-it-py parses the page, and what a reader would see must be
the text itself (control characters as symbols), in the structure we wrote: one list item
per entry, six cells per board row.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.core.test_export import entry, snap
from tui.core.brief import Brief, KeyQuote, render_brief
from tui.core.export import to_markdown
from tui.core.insights import BoardRow, TagQuote, board_markdown
from tui.core.markdown import md_escape
from tui.core.models import Participant
from tui.core.text import visible

MD = MarkdownIt("commonmark").enable("table")  # CommonMark, and GFM tables for the board

PIECES = [
    *("&", "&amp;", "&#35;", "&#x41;", "&copy;", "AT&T;", "1.", "1)", "12.", "-", "+", "*"),
    *("---", "***", "___", "- - -", "#", "# ", "## x #", ">", "    ", " ", "\t", "`", "```"),
    *("~~~", "[", "]", "[a](b)", "[x]: /u", "![i](j)", "<", "<b>", "<http://e.x>", "_", "__"),
    *("|", "\\", "\\|", "\n", "\r\n", "!", "=", "===", "a", "b c", "é", "\u00a0", "\u2003"),
    *("\x1b[31m", ":", "(", ")", '"', "www.e.x", "2)", "0.", "\\*", "  \n"),
]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=8).map("".join)
named = hostile.filter(str.strip)  # names, tags and findings are never blank
EXAMPLES = ["1. one", "- dash", "+ plus", "---", "&amp;", "    code", "a | b", "x\ny", " pad "]

# Where typed text goes in our Markdown, and what a reader should see there.
CONTEXTS = [
    *(("{}", "{}"), ("- {}", "{}"), ("1. {}", "{}"), ("> {}", "{}"), ("# {}", "{}")),
    *(("- Q4 {}", "Q4 {}"), ("`00:01` “{}”", "⟦code⟧00:01⟦/code⟧ “{}”")),
]

# What a reader sees of inline content: text as text; structure as a ⟦mark⟧ no test text has.
MARKS = {"code_inline": "code", "em_open": "em", "em_close": "/em"}
MARKS |= {"strong_open": "b", "strong_close": "/b", "softbreak": "br", "hardbreak": "br"}


def seen(inline: Token) -> str:
    out = []
    for child in inline.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "code_inline":
            out.append(f"⟦code⟧{child.content}⟦/code⟧")
        else:
            out.append(f"⟦{MARKS.get(child.type, child.type)}⟧")
    return "".join(out)


def inlines(page: str) -> list[Token]:
    return [t for t in MD.parse(page) if t.type == "inline"]


def section(page: str, title: str) -> list[Token]:
    """The tokens under the ``## title`` heading, up to the next heading."""
    tokens = MD.parse(page)
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == title)
    found = []
    for token in tokens[start + 2 :]:
        if token.type == "heading_open":
            break
        found.append(token)
    return found


def items(tokens: list[Token]) -> list[str]:
    """What each list item shows (a list item holding one paragraph, as ours all do)."""
    shown, depth, inside = [], 0, []
    for token in tokens:
        if token.type == "list_item_open":
            depth += 1
            inside = []
        elif token.type == "list_item_close":
            depth -= 1
            shown.append("".join(inside))
        elif token.type == "inline" and depth:
            inside.append(seen(token))
        elif depth and token.type not in ("paragraph_open", "paragraph_close"):
            inside.append(f"⟦{token.type}⟧")  # a list, a rule, code... inside the item
    return shown


@given(hostile)
@example("")
def test_escaped_text_reads_as_typed_wherever_we_put_it(text: str) -> None:
    escaped, typed = md_escape(text), visible(text)
    for line, reads in CONTEXTS:
        found = inlines(line.format(escaped))
        assert len(found) <= 1  # one paragraph, item, quote or heading: nothing more
        expected = reads.format(typed) if text else reads.format("").strip()  # "Q4 " ends
        assert "".join(seen(t) for t in found) == expected
    if text:
        [note] = inlines(f"note: _{escaped}_ ★")
        assert seen(note) == f"note: ⟦em⟧{typed}⟦/em⟧ ★"
        [question] = inlines(f"**Q4 · {escaped}**")
        assert seen(question) == f"⟦b⟧Q4 · {typed}⟦/b⟧"


@given(st.lists(hostile, min_size=1, max_size=4))
@example(EXAMPLES)
def test_a_snapshot_shows_each_quote_fact_and_opportunity_as_one_item_as_typed(
    texts: list[str],
) -> None:
    who = Participant(1, texts[0] or "Ann", texts[-1], facts=tuple(texts))  # names one
    page = to_markdown(
        replace(
            snap(*(entry(n, t) for n, t in enumerate(texts, 1)), who=who),
            opportunities=tuple(texts),
        )
    )
    title = inlines(page)[0]
    assert seen(title) == "Interview snapshot: " + visible(who.label)
    assert items(section(page, "Quick facts")) == [visible(t) for t in texts]
    assert items(section(page, "Opportunities")) == [visible(t) for t in texts]
    assert items(section(page, "Experience map")) == [
        f"⟦code⟧{n // 60:02}:{n % 60:02}⟦/code⟧ “{visible(t)}”"
        for n, t in ((n * 61, t) for n, t in enumerate(texts, 1))
    ]
    [memorable] = [t for t in section(page, "Memorable quote") if t.type == "inline"]
    assert seen(memorable).startswith(f"“{visible(texts[0])}” — ")


@given(st.lists(named, min_size=1, max_size=3), named)
@example(["1. Ann", "| Bo |", "&amp;"], "---")
def test_every_board_row_has_six_cells_reading_as_typed(names: list[str], tag: str) -> None:
    row = BoardRow(tag, "topic", len(names), 9, 4, tuple(names))
    tokens = MD.parse(board_markdown([row], 9))
    cells, row_cells = [], []
    for token in tokens:
        if token.type == "tr_open":
            row_cells = []
        elif token.type == "inline":  # the only inline content of the page is in cells
            row_cells.append(seen(token))
        elif token.type == "tr_close":
            cells.append(row_cells)
    assert len(cells) == 2 and all(len(c) == 6 for c in cells)
    assert cells[1][0] == visible(tag)
    assert cells[1][5] == ", ".join(visible(n) for n in names)


@given(st.lists(named, min_size=1, max_size=3))
@example(["Ann, Acme", "2) Bo", "&lt;script&gt;"])
def test_a_brief_reads_as_typed(texts: list[str]) -> None:
    def one_line(text: str) -> str:
        return visible(" ".join(text.split()))

    quote = TagQuote(1, 1, "2024-03-04", 61_000, "quote", texts[0])
    made = Brief(
        finding=texts[-1],
        tags=("#pricing",),
        participants=len(texts),
        of=9,
        names=tuple(texts),
        quotes=(KeyQuote(quote, texts[-1]),),
        descriptions=(("#pricing", texts[0]),),
    )
    page = render_brief(made)
    shown = [seen(t) for t in inlines(page)]
    assert shown[0] == one_line(texts[-1])  # the heading
    assert shown[2] == "⟦b⟧Who:⟦/b⟧ " + "; ".join(one_line(t) for t in texts) + "."
    assert items(MD.parse(page)) == [f"#pricing: {one_line(texts[0])}"]  # the only list
    assert shown[-1] == (f"“{one_line(texts[0])}”⟦br⟧— {one_line(texts[-1])}, 2024-03-04 at 01:01")
