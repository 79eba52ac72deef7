"""A component class's text style as it really shows on a Line API widget."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def shown_style(widget: Widget, component: str) -> Style:
    """The text style of ``component`` on ``widget``, its colour as the eye sees it.

    A colour with alpha (``$text-muted`` is the text colour at 60 %) is right only once
    blended over the background: the partial style leaves it unblended, which came out
    white on the light theme. So the colour comes from the full style, and the background
    is left out, for the line's own (or the selection's) to show through.
    """
    full = widget.get_component_rich_style(component, partial=False)
    return Style(
        color=full.color,
        bold=full.bold,
        dim=full.dim,
        italic=full.italic,
        underline=full.underline,
        strike=full.strike,
    )
