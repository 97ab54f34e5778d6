"""Renderers: turn computed results into text, JSON, annotations, SARIF, tables, Markdown or Excel."""
