"""Routes of the zielpyramide pages."""

urlpatterns: list = []
