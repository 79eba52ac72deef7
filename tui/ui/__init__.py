"""The Textual layer: the App, its screens and widgets."""
