"""Routes of the sozialraum pages."""

urlpatterns: list = []
