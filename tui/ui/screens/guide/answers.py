"""Every answer to one guide question across interviews, grouped by participant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.clock import format_ms
from tui.core.text import plural, tag_mark, visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.guide_answers import Answer
    from tui.store.store import Store


class QuestionAnswersScreen(AcrossScreen):
    """One question's answers; Enter opens the interview's snapshot at that entry."""

    DEFAULT_CSS = """
    QuestionAnswersScreen #title { height: auto; max-height: 4; padding: 0 1; background: $panel; }
    QuestionAnswersScreen OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "jump", "Open in session", id="guide.jump"),
        Binding("escape", "back", "Back", id="guide.answers-back"),
    ]

    def __init__(self, guide: str, question_ids: tuple[int, ...], number: int, text: str) -> None:
        super().__init__()
        self.guide, self.question_ids = guide, question_ids
        self.number, self.text = number, text

    def compose(self) -> ComposeResult:
        yield Static(self._title(None), id="title")
        yield OptionList(id="answers")
        yield ScreenFooter(compact=True)

    def _title(self, found: list[Answer] | None) -> Content:
        counted = ""
        if found is not None:
            people = len({a.session.participant_id for a in found})
            counted = f" · {plural(len(found), 'entry')} from {plural(people, 'participant')}"
        return Content.from_markup(
            "[b]Q$n[/b] $text\n$guide$counted",
            n=str(self.number),
            text=visible(self.text),
            guide=visible(self.guide),
            counted=counted,
        )

    def on_mount(self) -> None:
        self.with_store(self._fill)

    def on_screen_resume(self) -> None:
        if self.earful.store is not None:
            self._fill(self.earful.store)  # an entry edited or deleted there shows here

    @edits.reads
    def _fill(self, store: Store) -> None:
        from tui.store.guide_answers import answers

        found = answers(store, self.question_ids)
        listed = self.query_one(OptionList)
        before = listed.highlighted
        listed.clear_options()
        self.places.clear()
        self.query_one("#title", Static).update(self._title(found))
        options: list[Option] = []
        last_person: int | None = None
        for answer in found:
            session, entry = answer.session, answer.entry
            if session.participant_id != last_person:
                last_person = session.participant_id
                mine = [a for a in found if a.session.participant_id == last_person]
                options.append(
                    Option(
                        Content.from_markup(
                            "[b]$who[/b] · $n",
                            who=visible(session.participant),
                            n=plural(len(mine), "entry"),
                        ),
                        disabled=True,
                    )
                )
            key = f"e{entry.id}"
            self.places[key] = (session.id, entry.id)
            tags = " ".join(
                [tag_mark("topic", t) for t in entry.topics]
                + [tag_mark("emotion", e) for e in entry.emotions]
            )
            words = entry.text if entry.kind == "quote" else f"{entry.kind}: {entry.text}"
            options.append(
                Option(
                    Content.from_markup(
                        "  [dim]$when[/dim]  $text [i]$tags[/i]",
                        when=f"{session.date} {format_ms(entry.at_ms)}",
                        text=visible(words if entry.text else f"({entry.kind})"),
                        tags=visible(tags),
                    ),
                    id=key,
                )
            )
        listed.add_options(options)
        if not self.places:
            listed.add_option(
                Option(
                    "No entries answer this question yet: they are linked as the question is"
                    " current during a call.",
                    disabled=True,
                )
            )
        listed.focus()
        enabled = [i for i, o in enumerate(listed.options) if not o.disabled]
        if enabled:
            listed.highlighted = before if before in enabled else enabled[0]

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_place(event.option.id)

    def action_jump(self) -> None:
        listed = self.query_one(OptionList)
        if listed.highlighted is not None:
            self.open_place(listed.options[listed.highlighted].id)
