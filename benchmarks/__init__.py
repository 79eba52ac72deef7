"""Earful's benchmark suite: each measure beside its floor, in the same run."""
