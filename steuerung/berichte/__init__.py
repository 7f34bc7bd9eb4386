"""Tertialberichte: approval workflow, report content and its frozen snapshot, PDF and Excel, reminders."""
