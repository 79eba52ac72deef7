"""The codebook: rename, merge, delete and describe tags, with undo and exact counts."""

from __future__ import annotations

import pytest

from tests.store.helpers import maintained, recount
from tui.core.clock import ClockState
from tui.store import codebook, hotkeys
from tui.store.codebook import CodebookError, WouldMerge, find_tag
from tui.store.store import Store


def _session(store: Store, name: str) -> int:
    who = store.participant_for(name, "Acme")
    return store.create_session(who.id, "learn", 30, ClockState(0)).id


@pytest.fixture
def split(store: Store) -> Store:
    """#followup and #follow-up split across people, one entry carrying both."""
    ann, bo, cy = (_session(store, n) for n in ("Ann", "Bo", "Cy"))
    store.add_entry(ann, "quote", "call me back", 0, ["followup"], ["curious"])
    store.add_entry(ann, "quote", "both tags", 1, ["followup", "follow-up"])
    store.add_entry(bo, "quote", "ping me", 2, ["follow-up"])
    store.add_entry(cy, "quote", "later", 3, ["followup"])
    store.add_entry(cy, "note", "unrelated", 4, ["pricing"], ["anxious"])
    return store


def counts(store: Store) -> dict[str, tuple[int, int]]:
    """Each tag label → (participants, entries), after checking the triggers against a recount."""
    assert maintained(store) == recount(store)
    return {row.tag.label: (row.participants, row.entries) for row in codebook.codebook(store)}


def links(store: Store) -> set[tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT e.text, t.name FROM entry_tags et JOIN entries e ON e.id = et.entry_id"
        " JOIN tags t ON t.id = et.tag_id"
    )
    return set(rows.fetchall())


def test_rename_keeps_the_links_and_undo_puts_the_old_name_back(split: Store) -> None:
    before = counts(split)
    change = codebook.rename_tag(split, find_tag(split, "pricing"), "Price  Points")
    after = counts(split)
    assert "#pricing" not in after and after["#price-points"] == before["#pricing"]
    change.undo()
    assert counts(split) == before
    change.redo()
    assert counts(split) == after


def test_renaming_onto_an_existing_name_is_refused_as_a_merge(split: Store) -> None:
    with pytest.raises(WouldMerge) as raised:
        codebook.rename_tag(split, find_tag(split, "followup"), "#Follow Up")
    assert raised.value.into.name == "follow-up"
    assert "merges" in str(raised.value)
    assert "#followup" in counts(split)  # nothing changed


@pytest.mark.parametrize("bad", ["", "   ", "#", "!!!", "---", "_", "1st", "a b!"])
def test_bad_names_are_refused_in_one_line(split: Store, bad: str) -> None:
    before = counts(split)
    with pytest.raises(CodebookError) as raised:
        codebook.rename_tag(split, find_tag(split, "pricing"), bad)
    assert "\n" not in str(raised.value) and "tag name" in str(raised.value)
    assert counts(split) == before


def test_merge_moves_links_without_counting_an_entry_twice(split: Store) -> None:
    before_links = links(split)
    before = counts(split)
    assert before["#followup"] == (2, 3) and before["#follow-up"] == (2, 2)
    change = codebook.merge_tags(split, find_tag(split, "followup"), find_tag(split, "follow-up"))
    after = counts(split)
    assert "#followup" not in after
    assert after["#follow-up"] == (3, 4)  # Ann, Bo, Cy; the entry with both counts once
    assert links(split) == {
        (text, "follow-up" if t == "followup" else t) for text, t in before_links
    }
    change.undo()
    assert counts(split) == before and links(split) == before_links
    change.redo()
    assert counts(split) == after


def test_merge_keeps_a_description_and_refuses_other_kinds(split: Store) -> None:
    codebook.describe_tag(split, find_tag(split, "followup"), "Promised to get back to them")
    change = codebook.merge_tags(split, find_tag(split, "followup"), find_tag(split, "follow-up"))
    assert find_tag(split, "follow-up").description == "Promised to get back to them"
    change.undo()
    assert find_tag(split, "follow-up").description == ""
    with pytest.raises(CodebookError, match="different kinds"):
        codebook.merge_tags(split, find_tag(split, "pricing"), find_tag(split, "!anxious"))


def test_delete_removes_links_and_undo_brings_the_tag_and_links_back(split: Store) -> None:
    before, before_links = counts(split), links(split)
    codebook.describe_tag(split, find_tag(split, "followup"), "Call back")
    tag = find_tag(split, "followup")
    change = codebook.delete_tag(split, tag)
    assert "#followup" not in counts(split)
    assert not any(name == "followup" for _, name in links(split))
    with pytest.raises(CodebookError, match="No topic or emotion tag"):
        find_tag(split, "followup")
    change.undo()
    assert counts(split) == before and links(split) == before_links
    assert find_tag(split, "followup") == tag  # same id, same description


def test_undo_of_a_delete_survives_its_id_being_taken(split: Store) -> None:
    newest = split.conn.execute("SELECT name FROM tags ORDER BY id DESC LIMIT 1").fetchone()[0]
    rename = codebook.rename_tag(split, find_tag(split, newest), "renamed")
    delete = codebook.delete_tag(split, find_tag(split, "renamed"))
    split.tag_id("topic", "brand-new")  # takes the freed id
    delete.undo()
    rename.undo()
    assert find_tag(split, newest).name == newest
    assert find_tag(split, "brand-new").name == "brand-new"
    assert maintained(split) == recount(split)


def test_describe_and_clear(split: Store) -> None:
    tag = find_tag(split, "#pricing")
    change = codebook.describe_tag(split, tag, "  What it costs,\nand who pays ")
    assert find_tag(split, "pricing").description == "What it costs, and who pays"
    assert codebook.descriptions(split) == {("topic", "pricing"): "What it costs, and who pays"}
    change.undo()
    assert find_tag(split, "pricing").description == ""
    with pytest.raises(CodebookError, match="already says"):
        codebook.describe_tag(split, tag, "")


def test_a_name_of_both_kinds_needs_a_kind(split: Store) -> None:
    split.tag_id("emotion", "followup")
    with pytest.raises(CodebookError, match="both a topic and an emotion"):
        find_tag(split, "followup")
    assert find_tag(split, "followup", "emotion").kind == "emotion"
    assert find_tag(split, "#followup").kind == "topic"
    with pytest.raises(CodebookError, match="written as a topic"):
        find_tag(split, "#followup", "emotion")


def test_hotkeys_are_chosen_normalised_created_and_follow_renames(split: Store) -> None:
    assert hotkeys.chosen_hotkeys(split) == {}
    previous = hotkeys.choose_hotkeys(split, "topic", ["Follow Up", "#pricing", "New Thing"])
    assert previous is None
    assert hotkeys.chosen_hotkeys(split) == {"topic": ["follow-up", "pricing", "new-thing"]}
    assert find_tag(split, "new-thing").kind == "topic"  # created
    assert hotkeys.choose_hotkeys(split, "emotion", ["!anxious"]) is None
    assert hotkeys.choose_hotkeys(split, "topic", ["pricing"]) == [
        "follow-up",
        "pricing",
        "new-thing",
    ]
    codebook.rename_tag(split, find_tag(split, "pricing"), "price")
    assert hotkeys.chosen_hotkeys(split) == {"topic": ["price"], "emotion": ["anxious"]}
    merge = codebook.merge_tags(split, find_tag(split, "!anxious"), find_tag(split, "!curious"))
    assert hotkeys.chosen_hotkeys(split)["emotion"] == ["curious"]
    merge.undo()
    assert hotkeys.chosen_hotkeys(split)["emotion"] == ["anxious"]
    delete = codebook.delete_tag(split, find_tag(split, "price"))
    assert hotkeys.chosen_hotkeys(split)["topic"] == []
    delete.undo()
    assert hotkeys.chosen_hotkeys(split)["topic"] == ["price"]
    assert counts(split)["#price"] == (1, 1)


def test_hotkeys_refuse_more_than_four_bad_names_and_bad_kinds(split: Store) -> None:
    with pytest.raises(CodebookError, match="At most 4"):
        hotkeys.choose_hotkeys(split, "topic", ["a", "b", "c", "d", "e"])
    with pytest.raises(CodebookError, match="tag name"):
        hotkeys.choose_hotkeys(split, "topic", ["ok", "?!"])
    with pytest.raises(CodebookError, match="kind of tag"):
        hotkeys.choose_hotkeys(split, "mood", ["ok"])
    assert hotkeys.chosen_hotkeys(split) == {}
    assert hotkeys.choose_hotkeys(split, "topic", ["a", "A", "a"]) is None  # one, once
    assert hotkeys.chosen_hotkeys(split) == {"topic": ["a"]}


def test_hotkeys_change_undoes_to_no_choice(split: Store) -> None:
    change = hotkeys.hotkeys_change(split, "emotion", ["anxious", "curious"])
    assert hotkeys.chosen_hotkeys(split) == {"emotion": ["anxious", "curious"]}
    change.undo()
    assert hotkeys.chosen_hotkeys(split) == {}
    change.redo()
    assert hotkeys.chosen_hotkeys(split) == {"emotion": ["anxious", "curious"]}


def test_a_bad_setting_reads_as_no_choice(split: Store) -> None:
    split.conn.execute("INSERT INTO settings VALUES ('hotkeys.topic', 'not json')")
    assert hotkeys.chosen_hotkeys(split) == {}


def test_codebook_lists_unused_tags_with_zero_counts(split: Store) -> None:
    split.tag_id("topic", "unused")
    rows = {row.tag.label: row for row in codebook.codebook(split, "topic")}
    assert (rows["#unused"].participants, rows["#unused"].entries) == (0, 0)
    assert all(row.tag.kind == "topic" for row in rows.values())
    assert next(iter(rows)) == "#followup"  # most participants first
