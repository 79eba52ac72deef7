import pytest

from tui.core.insights import ParticipantQuotes
from tui.core.models import Participant, person_label


def test_a_person_is_named_with_their_company_when_there_is_one() -> None:
    assert person_label("Ana", "Acme") == "Ana, Acme"
    assert person_label("Ana", "") == "Ana"


def test_every_participant_shape_names_them_the_same_way() -> None:
    assert Participant(1, "Ana", "Acme").label == "Ana, Acme"
    assert ParticipantQuotes(1, "Ben", "").label == "Ben"


def test_a_tag_kind_read_back_is_checked() -> None:
    from tui.core.models import tag_kind

    assert [tag_kind("topic"), tag_kind("emotion")] == ["topic", "emotion"]
    with pytest.raises(ValueError, match="'mood'"):
        tag_kind("mood")
