"""Routes of the berichte pages."""

urlpatterns: list = []
