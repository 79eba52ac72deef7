"""A whole interview, 60 entries at typing speed, in a real terminal at 80x24 and 120x40.

After each step: what the screen shows (the newest or the selected entry, and the line
over the capture line naming it) and what the file holds. The interview's "30 minutes"
run in about a minute: the program keeps the wall clock, so entry times are checked
against when their typing began, never against a stopwatch.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.interview import Entry, Interview, as_expected, saved
from tui.core.clock import format_ms

NAME, COMPANY = "Ada Lovelace", "Ledgerly"


def opening(iv: Interview) -> None:
    """More than a screenful at 80x24: the log must keep following."""
    iv.say("I run finance ops at an agency")
    iv.say("Ada leads a team of 3 #persona", note=True)
    iv.say("We close books on day five")
    iv.say("Invoices come from six tools #pains")
    iv.say("I copy it all by hand !frustrated")
    iv.say("It takes my whole Monday #pains")
    iv.say("We paid a supplier twice !anxious")
    iv.say("She shares her sheet", note=True)
    iv.say("Forty tabs, only I get it #gaps")
    iv.say("If I am sick, nobody closes")
    iv.say("The automation kept breaking")
    iv.say("Auditors want a trail #needs")
    iv.say("Approvals live in email #pains")
    iv.say("One place for approvals #feature-requests !excited")
    iv.say("The bank CSV dates are odd")
    iv.say("A 2019 macro fixes them #workarounds")


def retag_then_carry_on(iv: Interview) -> None:
    """Up Up selects an earlier entry and F2 tags it; once a new entry is saved, the
    F-keys act on that one (no Escape in between)."""
    iv.say("Per seat pricing never works #pricing")
    iv.say("Twenty approvers, twice a year")
    iv.select_up(2)
    iv.hotkey("f2")
    iv.say("A flat fee feels fair #pricing")
    iv.hotkey("f7")


def middle(iv: Interview) -> None:
    iv.say("Budget owner is the CFO #persona", note=True)
    iv.say("The CFO signs under five k")
    iv.say("Above that, the board !anxious")
    iv.say("Month end means late nights #pains")
    iv.say("Remind me before due dates")
    iv.say("The old tool mailed a summary #gains")
    iv.say("It was all I ever read !delighted")
    iv.say("We lost it when we switched !annoyed")
    iv.say("Ask for that Friday email", note=True, mid_chord="ctrl+f")
    iv.say("Slack alerts get ignored")
    iv.say("Phone calls fix things")
    iv.say("I trust numbers I can trace")


def retag_far_back(iv: Interview) -> None:
    """An entry well above the screen is selected: it comes into view and is named."""
    iv.select_up(20)
    iv.hotkey("f4")
    iv.back_to_typing()


def edit_star_and_a_slip(iv: Interview) -> None:
    """Fix a typo in the editor, star the entry; then F9 by mistake, and ctrl+z takes
    back the F9, not the edit made a moment before."""
    typo = iv.say("The expnse reports are late #pains")
    fixed = "The expense reports are late"
    at_ms = iv.stamps[-1]
    iv.findings.step = "ctrl+o on the newest entry"
    iv.press("ctrl+o")
    iv.screen.wait_for("Edit quote at")
    iv.press("ctrl+e", "ctrl+u")
    # As a person would: look until the field is empty (a key's action can run after the
    # characters typed behind it, so typing at once would lose the first word).
    iv.screen.wait_gone("▊  " + typo.text)
    iv.type_slowly(fixed)
    iv.press("enter")
    iv.screen.wait_gone("Edit quote at")
    typo.original_text, typo.text = typo.text, fixed
    edited = iv.expected.index(typo)
    iv.expect_saved(
        "the edit is saved and the words as captured are kept",
        lambda rows: (rows[edited].text, rows[edited].original_text) == (fixed, typo.original_text),
    )
    iv.expect(
        "an edit that leaves the time alone keeps the entry's time",
        lambda: saved(iv.db)[edited][2] == at_ms,
        f"was {at_ms} ms",
    )
    iv.check_screen()
    iv.flag("ctrl+s", "starred")
    iv.expect("a starred entry shows its star", lambda: fixed + " (edited) #pains ★" in log(iv))

    slip = iv.say("Finance sees them too late")
    iv.findings.step = "F9 by mistake, then ctrl+z"
    iv.hotkey("f9")
    iv.expect("F9 shows on the newest entry", lambda: slip.text + " !anxious" in log(iv))
    iv.press("ctrl+z")
    slip.tags.clear()
    last = len(iv.expected) - 1
    iv.expect_saved("ctrl+z takes back the F-key", lambda rows: rows[last].tags == set())
    iv.expect(
        "the log shows the F-key taken back",
        lambda: iv.log_names(slip) and slip.text + " !anxious" not in log(iv),
    )
    iv.expect_saved("ctrl+z leaves the earlier edit alone", lambda rows: rows[edited] == typo)


def pause_and_sync(iv: Interview) -> None:
    iv.findings.step = "F10 (pause)"
    iv.press("f10")
    iv.expect("the header says PAUSED while paused", lambda: "PAUSED" in header(iv))
    iv.expect("a pause is kept in the file", lambda: iv.session("paused_since_ms") is not None)
    time.sleep(1)  # the participant stepped away
    iv.findings.step = "F10 again (carry on)"
    iv.press("f10")
    iv.expect("the header drops PAUSED", lambda: "PAUSED" not in header(iv))
    iv.expect("the pause is counted", lambda: int(iv.session("paused_ms")) > 0)
    iv.say("Sorry, the dog needed out")
    iv.say("Where was I, approvals #pains")

    iv.findings.step = "ctrl+r (recording started now)"
    iv.press("ctrl+r")
    iv.expect("the recording's start is kept", lambda: iv.session("recording_at_ms") is not None)
    synced = iv.session("recording_at_ms")
    _, text, at_ms, *_ = saved(iv.db)[-1]
    shown = "?" if synced is None else format_ms(int(at_ms) - int(synced))
    iv.expect(
        "the log shows recording time once synced",
        lambda: any(
            row[:8].strip() == shown and row[8:].startswith(str(text)[:20])
            for row in iv.screen.log_rows()
        ),
        f"wanted {shown} before {text!r}",
    )
    iv.say("We export to the accountant")
    iv.say("She redoes it all #pains !frustrated")


def mark_and_flags(iv: Interview) -> None:
    iv.findings.step = "ctrl+t (mark)"
    iv.press("ctrl+t")
    iv.expected.append(Entry("mark", ""))
    count = len(iv.expected)
    iv.expect_saved("ctrl+t saves a mark", lambda rows: len(rows) == count)
    iv.stamps.append(saved(iv.db)[-1][2])
    iv.expect("the mark shows in the log", lambda: "moment marked" in log(iv))
    iv.say("This saves us two days #gains !excited")
    iv.flag("ctrl+l", "testimonial")
    iv.expect("a testimonial shows its heart", lambda: "!excited ♥" in log(iv))
    iv.say("I would tell other agencies")
    iv.say("Price matters less than trust #pricing")
    iv.say("Strong buying signal", note=True)
    iv.say("Our spend is small #pricing")
    iv.say("We pay for three tools #pains")
    iv.say("Merging them is the win #gains")


def quit_and_resume(iv: Interview) -> None:
    iv.findings.step = "ctrl+q"
    iv.quit()
    iv.findings.step = "earful resume"
    iv.open(["resume"], NAME)
    iv.check_screen("after resume")
    iv.say("Sorry, my call dropped")
    iv.say("Security review takes a month")
    iv.say("IT wants single sign on #needs")
    iv.say("Nobody reads audit logs #gaps")
    iv.say("The CFO wants mobile approvals")
    iv.say("He approves from airports")
    iv.say("Receipts get lost #pains")
    iv.say("A receipt photo would do")
    iv.say("Competitor scans receipts", note=True)
    iv.say("We tried it, too slow !annoyed")
    iv.say("Speed beats features #needs")


def almost_ending(iv: Interview) -> None:
    """F12 asks first; Escape keeps the interview going."""
    iv.findings.step = "F12, then Escape"
    iv.press("f12")
    iv.screen.wait_for("End the interview")
    iv.escape()
    iv.screen.wait_gone("End the interview")
    iv.expect("Escape keeps the interview going", lambda: iv.session("ended_at_ms") is None)
    iv.check_screen("after Escape on the end dialog")
    iv.say("Oh, one more thing")
    iv.say("Our year end is March #needs")
    iv.say("We would switch then !excited")
    iv.say("Send me anything by then")
    iv.say("Thanks, this was fun !delighted")


def ending(iv: Interview) -> None:
    iv.findings.step = "F12, then Enter"
    iv.press("f12")
    iv.screen.wait_for("End the interview")
    iv.press("enter")
    iv.screen.wait_for("Experience map")  # the snapshot
    iv.expect("the interview is ended", lambda: iv.session("ended_at_ms") is not None)
    iv.findings.step = "ctrl+q on the snapshot"
    iv.quit()


def the_file_holds_the_interview(iv: Interview) -> None:
    iv.findings.step = "the file after the interview"
    rows = saved(iv.db)
    iv.expect(
        "the file holds exactly the entries made, in order, with their tags and flags",
        lambda: [as_expected(row) for row in rows] == [e.row() for e in iv.expected],
        "\n".join(
            f"{n}: saved {as_expected(r)!r}\n    meant {e.row()!r}"
            for n, (r, e) in enumerate(zip(rows, iv.expected, strict=False))
            if as_expected(r) != e.row()
        ),
    )
    times = iv.stamps
    iv.expect("entry times never go backwards", lambda: times == sorted(times), repr(times))


def exported(iv: Interview) -> None:
    iv.findings.step = "earful export latest --format md"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "latest", "--format", "md"],
        env=iv.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    quotes = [e.text for e in iv.expected if e.kind == "quote"]
    missing = [q for q in quotes if q not in result.stdout]
    iv.expect("the Markdown export has every quote", lambda: not missing, repr(missing))


def log(iv: Interview) -> str:
    return iv.screen.log_text()


def header(iv: Interview) -> str:
    return iv.screen.text()[0]


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_a_whole_interview(tmp_path: Path, columns: int, rows: int) -> None:
    iv = Interview(tmp_path, columns, rows)
    try:
        iv.open(["start", NAME, "--company", COMPANY, "--goal", "How month end works"], NAME)
        opening(iv)
        retag_then_carry_on(iv)
        middle(iv)
        retag_far_back(iv)
        edit_star_and_a_slip(iv)
        pause_and_sync(iv)
        mark_and_flags(iv)
        quit_and_resume(iv)
        almost_ending(iv)
        ending(iv)
        the_file_holds_the_interview(iv)
        exported(iv)
    except AssertionError as stopped:
        iv.findings.failed["stopped"] = f"stopped at {iv.findings.step}: {stopped}"
    if iv.findings.failed:
        pytest.fail(iv.findings.report(), pytrace=False)
