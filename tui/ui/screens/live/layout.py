"""The live screen's keys and layout, apart from its behaviour."""

from __future__ import annotations

from textual.binding import Binding, BindingType

TOPIC_KEYS = ("f2", "f3", "f4", "f5")
EMOTION_KEYS = ("f6", "f7", "f8", "f9")


def live_bindings() -> list[BindingType]:
    """Every key of the live screen; each has an id, so the user's keymap can move it."""
    keys = [
        Binding(key, f"topic({n})", f"Topic {n + 1}", show=False, id=f"live.topic-{n + 1}")
        for n, key in enumerate(TOPIC_KEYS)
    ]
    keys += [
        Binding(key, f"emotion({n})", f"Emotion {n + 1}", show=False, id=f"live.emotion-{n + 1}")
        for n, key in enumerate(EMOTION_KEYS)
    ]
    return [
        *keys,
        Binding("ctrl+n", "toggle_note", "Note/quote", id="live.toggle-note"),
        Binding("ctrl+t", "mark", "Mark", id="live.mark"),
        Binding("ctrl+s", "flag('starred')", "Star", id="live.star"),
        Binding("ctrl+f", "flag('follow_up')", "Follow-up", id="live.follow-up"),
        Binding("ctrl+l", "flag('testimonial')", "Testimonial", id="live.testimonial"),
        Binding("ctrl+r", "recording", "Rec sync", id="live.recording"),
        Binding("f10", "pause", "Pause", id="live.pause"),
        Binding("f12", "end", "End", id="live.end"),
        Binding("up", "select(-1)", "Select earlier", show=False, id="live.select-up"),
        Binding("down", "select(1)", "Select later", show=False, id="live.select-down"),
        Binding("escape", "unselect", "Back to typing", show=False, id="live.unselect"),
        Binding("pageup", "scroll_log(-1)", "Log page up", show=False, id="live.page-up"),
        Binding("pagedown", "scroll_log(1)", "Log page down", show=False, id="live.page-down"),
        Binding("ctrl+z", "undo", "Undo", id="live.undo"),
        Binding("ctrl+g", "redo", "Redo", show=False, id="live.redo"),
        Binding("ctrl+y", "copy_entry", "Copy", id="live.copy"),
        Binding("ctrl+o", "edit_entry", "Edit", id="live.edit"),
        Binding("f11", "snapshot", "Snapshot", id="live.snapshot"),
        *guide_bindings(),
    ]


GUIDE_KEYS = (
    ("ctrl+k", "guide('asked')", "Question asked (again: untick)", "live.guide-asked"),
    ("ctrl+e", "guide('skip')", "Skip question", "live.guide-skip"),
    ("ctrl+down", "guide('move', 1)", "Next question", "live.guide-next"),
    ("ctrl+up", "guide('move', -1)", "Previous question", "live.guide-previous"),
    ("f1", "guide('show')", "Show/hide the guide", "live.guide-show"),
)


def guide_bindings() -> list[Binding]:
    """The guide's keys. Priority, so they win over the capture line's own ctrl+k and
    ctrl+e (kill to end of line, end of line: End still does that); each action first
    waits for the keys typed before it. Without a guide they are off and the capture line
    keeps those keys."""
    return [
        Binding(key, action, title, show=False, priority=True, id=ident)
        for key, action, title, ident in GUIDE_KEYS
    ]


# In the screen's DEFAULT_CSS, not a CSS_PATH file: Textual loads no CSS file for the
# first screen.
LIVE_CSS = """
    LiveScreen {
        layout: vertical;
    }
    LiveScreen #top {
        height: 1;
        background: $panel;
    }
    LiveScreen #who {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    LiveScreen #goal {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    LiveScreen #body {
        height: 1fr;
    }
    LiveScreen EntryLog {
        width: 1fr;
        height: 1fr;
    }
    /* The guide: beside the log when wide, over it when narrow (F1), else one line. */
    LiveScreen GuidePane, LiveScreen GuideLine {
        display: none;
    }
    LiveScreen.-guide-full GuidePane {
        display: block;
        width: 42%;
        max-width: 64;
        height: 1fr;
    }
    LiveScreen.-guide-full.-narrow GuidePane {
        width: 1fr;
        max-width: 100%;
        border-left: none;
    }
    LiveScreen.-guide-full.-narrow EntryLog {
        display: none;
    }
    LiveScreen.-guide-line GuideLine {
        display: block;
    }
    LiveScreen #reach {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    /* Notices take the counter's line, under the log, instead of a toast over it. */
    LiveScreen #notice {
        display: none;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $primary 20%;
    }
    LiveScreen #notice.-warning {
        background: $warning 30%;
    }
    LiveScreen #notice.-error {
        background: $error 40%;
        text-style: bold;
    }
    LiveScreen.-notice #notice {
        display: block;
    }
    LiveScreen.-notice #reach {
        display: none;
    }
    /* Fixed sizes: an auto-sized widget makes every keystroke re-lay out the screen. */
    LiveScreen CaptureInput {
        width: 1fr;
        height: 3;
    }
    LiveScreen CaptureInput.-note {
        border: tall $secondary;
    }
    LiveScreen CaptureInput.-selecting {
        border: tall $warning;
    }
    """
