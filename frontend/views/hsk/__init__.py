"""Pages of the HSK-Controlling (measures, cases, portfolio, Präventionsbudget)."""
