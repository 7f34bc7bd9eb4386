"""The maintenance screens, one module per group; importing this package registers them all."""

from frontend.pflege.seiten import hsk, sozialraum, verwaltung, zielsystem

__all__ = ["hsk", "sozialraum", "verwaltung", "zielsystem"]
