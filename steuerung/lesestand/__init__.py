"""Stored read views of the Zielsteuerung (dashboard, Zielpyramide), kept current by the data version."""
