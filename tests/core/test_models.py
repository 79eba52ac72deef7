from tui.core.insights import ParticipantQuotes
from tui.core.models import Participant, person_label


def test_a_person_is_named_with_their_company_when_there_is_one() -> None:
    assert person_label("Ana", "Acme") == "Ana, Acme"
    assert person_label("Ana", "") == "Ana"


def test_every_participant_shape_names_them_the_same_way() -> None:
    assert Participant(1, "Ana", "Acme").label == "Ana, Acme"
    assert ParticipantQuotes(1, "Ben", "").label == "Ben"
