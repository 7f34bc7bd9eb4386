"""Models of the Sozialraum-Monitoring."""
