from tui.core.models import Draft


def test_a_draft_saved_as_tokens_comes_back_the_same() -> None:
    # A crash mid-typing restores the pending chips from what was saved.
    draft = Draft(kind="note", topics=["pricing", "gaps"], emotions=["frustrated"])
    draft.toggle_flag("starred")
    again = Draft.from_tokens("note", draft.as_tokens())
    assert again == draft
