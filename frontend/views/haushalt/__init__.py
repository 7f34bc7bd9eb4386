"""Pages of the Haushalt: Finanzdatenblatt, import, settings, Zuwendungen."""
