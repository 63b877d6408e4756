"""Tracking reports through the editing stages to publication (manual §7.3, §7.5): the store,
the stages and their gates, the factual accuracy check, and publishing."""
