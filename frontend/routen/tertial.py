"""Routes of the tertial pages."""

urlpatterns: list = []
