from tests.store.helpers import known_migrations
from tui.store.versions import MIGRATIONS


def test_the_light_list_of_migrations_matches_the_registered_ones() -> None:
    # check_file() refuses a database whose migrations are not in MIGRATIONS, so a
    # migration missing from it would make every upgraded database unopenable.
    assert list(MIGRATIONS) == known_migrations()
