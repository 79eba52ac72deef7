"""The only layer that talks to SQLite. Import from ``tui.store.store``.

Kept empty so that importing a light submodule does not load sqlite-utils.
"""
