"""The only layer that talks to SQLite."""

from tui.store.opening import StoreError
from tui.store.store import Store, open_store

__all__ = ["Store", "StoreError", "open_store"]
