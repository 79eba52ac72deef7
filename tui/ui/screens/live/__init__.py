"""The live screen (``screen.py``) and the parts it owns: what is saved, what each
chord does, fixing and copying, and its keys and CSS.

Nothing is imported here: the home screen must not pay for the live screen's modules.
"""
