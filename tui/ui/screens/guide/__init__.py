"""The guide screen across interviews: questions × sessions, and one question's answers."""

from tui.ui.screens.guide.answers import QuestionAnswersScreen
from tui.ui.screens.guide.grid import GuideScreen

__all__ = ["GuideScreen", "QuestionAnswersScreen"]
