"""The rules of the manual: ratings (§7.1) and the calendar (§2.4-§7.7). Knows nothing of
documents."""
