"""Start-up without the cyclic garbage collector.

Importing Textual and building the first screen allocates tens of thousands of objects
that live as long as the program; the collector, triggered by the allocations alone,
walks them again and again and finds nothing to free. Paused from the start of the
command until the first frame is on screen, the home screen's list appears about a
tenth sooner (interleaved pty runs, benchmarks/startup.py). Once the frame is shown,
what start-up built is frozen (moved out of the collector's sight for good, since it
lives as long as the program) and collection resumes as usual.

Commands that print and exit resume it before they run, frozen or not: a long merge
must be collected as usual. A screen that has loaded what it keeps for its whole life (the
live screen's interview) calls ``settled`` to set that aside too: typing then costs the
same with a long log or a guide as without, instead of each full collection walking them.
Only a process whose start was managed here (the ``earful`` command) is ever frozen; a
test or a benchmark that builds the App without ``pause`` collects as Python does.
"""

from __future__ import annotations

import gc

_paused = False
_managed = False  # ``pause`` ran: this process's collector is tuned here


def pause() -> None:
    """Stop collecting until ``resume``; nothing if the collector is already off."""
    global _paused, _managed
    if gc.isenabled():
        gc.disable()
        _paused = _managed = True


def resume(*, freeze: bool = False) -> None:
    """Collect again if ``pause`` stopped it; with ``freeze``, first set aside for good
    everything allocated so far (what start-up built)."""
    global _paused
    if _paused:
        _paused = False
        if freeze:
            gc.freeze()
        gc.enable()


def settled() -> None:
    """Set aside for good what the program holds now, if ``pause`` managed its start."""
    if _managed and not _paused:
        gc.freeze()


def release() -> None:
    """The command is over: collect as usual and tune nothing more (a test may run
    several commands in one process)."""
    global _managed
    resume()
    _managed = False
