"""The transcript screen's keys, apart from its behaviour."""

from __future__ import annotations

from textual.binding import Binding, BindingType

TOPIC_KEYS = ("f2", "f3", "f4", "f5")  # as on the live screen
EMOTION_KEYS = ("f6", "f7", "f8", "f9")


def transcript_bindings() -> list[BindingType]:
    """Every key of the transcript screen, each with an id (keymap and palette)."""
    tags = [
        Binding(
            key, f"tag('topic', {n})", f"Topic {n + 1}", show=False, id=f"transcript.topic-{n + 1}"
        )
        for n, key in enumerate(TOPIC_KEYS)
    ]
    tags += [
        Binding(
            key,
            f"tag('emotion', {n})",
            f"Emotion {n + 1}",
            show=False,
            id=f"transcript.emotion-{n + 1}",
        )
        for n, key in enumerate(EMOTION_KEYS)
    ]
    return [
        Binding("enter", "take", "Take quote", id="transcript.take"),
        Binding("space", "select", "Select", id="transcript.select"),
        Binding("t", "tags", "Tags", id="transcript.tags"),
        Binding("n", "captured(1)", "Next captured", id="transcript.next-captured"),
        Binding(
            "N", "captured(-1)", "Previous captured", show=False, id="transcript.previous-captured"
        ),
        Binding("/", "find", "Find", id="transcript.find"),
        Binding(
            "[",
            "drop(1, 0)",
            "Drop first word",
            show=False,
            id="transcript.drop-first",
        ),
        Binding(
            "]",
            "drop(0, 1)",
            "Drop last word",
            show=False,
            id="transcript.drop-last",
        ),
        Binding(
            "{",
            "drop(-1, 0)",
            "Give back first word",
            show=False,
            id="transcript.give-first",
        ),
        Binding(
            "}",
            "drop(0, -1)",
            "Give back last word",
            show=False,
            id="transcript.give-last",
        ),
        Binding("up", "move(-1)", "Earlier cue", show=False, id="transcript.up"),
        Binding("down", "move(1)", "Later cue", show=False, id="transcript.down"),
        Binding(
            "shift+up", "move(-1, True)", "Select earlier", show=False, id="transcript.extend-up"
        ),
        Binding(
            "shift+down", "move(1, True)", "Select later", show=False, id="transcript.extend-down"
        ),
        Binding("pageup", "page(-1)", "Page up", show=False, id="transcript.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="transcript.page-down"),
        Binding("home", "ends(-1)", "First cue", show=False, id="transcript.first"),
        Binding("end", "ends(1)", "Last cue", show=False, id="transcript.last"),
        *tags,
        Binding("ctrl+z", "undo", "Undo", show=False, id="transcript.undo"),
        Binding("ctrl+g", "redo", "Redo", show=False, id="transcript.redo"),
        Binding("escape", "back", "Back", id="transcript.back"),
    ]
