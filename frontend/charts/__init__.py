"""Plotly figures built in Python; templates pass them as JSON to static JS."""
