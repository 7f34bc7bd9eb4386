"""Pages. Each feature keeps its routes in `frontend/routen/<feature>.py`."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontend.views import start

app_name = "frontend"

urlpatterns = [
    path("", start.start, name="start"),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("barrierefreiheit/", start.barrierefreiheit, name="barrierefreiheit"),
    path("", include("frontend.routen.zielpyramide")),
    path("", include("frontend.routen.tertial")),
    path("", include("frontend.routen.hsk")),
    path("", include("frontend.routen.berichte")),
    path("", include("frontend.routen.sozialraum")),
    path("", include("frontend.routen.haushalt")),
    path("", include("frontend.routen.stammdaten")),
]
