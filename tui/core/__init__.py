"""Plain-Python heart of Earful: no Textual, no SQL."""
