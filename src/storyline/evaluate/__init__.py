"""Evaluation: metrics of storyline against the shared benchmark sets, for `storyline eval`."""
