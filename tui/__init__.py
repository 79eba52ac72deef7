"""Earful: a terminal notebook for live customer-interview notes."""

__version__ = "0.1.0"
