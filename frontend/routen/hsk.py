"""Routes of the hsk pages."""

urlpatterns: list = []
