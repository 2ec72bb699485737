"""The run report: what a run read, skipped, stored and found, as JSON and as an HTML page."""

from storyline.report.run_report import build_report, render_html, write_report

__all__ = ["build_report", "render_html", "write_report"]
