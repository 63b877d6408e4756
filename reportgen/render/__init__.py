"""Rendering: charts, Word documents from templates, and the post-processing that sets a
document's language, title and accessibility properties."""
