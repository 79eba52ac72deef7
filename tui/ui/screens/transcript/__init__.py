"""The transcript screen (``EarfulApp.open_transcript``)."""

from tui.ui.screens.transcript.screen import TranscriptScreen, show_transcript

__all__ = ["TranscriptScreen", "show_transcript"]
