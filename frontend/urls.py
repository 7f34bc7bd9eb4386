"""Pages. Each feature keeps its routes in `frontend/routen/<feature>.py`."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy

from frontend.views import start

app_name = "frontend"

urlpatterns = [
    path("", start.start, name="start"),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    # The one-time link of an invitation or password reset (organisation.einladung); no login needed.
    path(
        "passwort/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="registration/passwort_setzen.html",
                success_url=reverse_lazy("frontend:passwort-gesetzt"),
            )
        ),
        name="passwort-setzen",
    ),
    path(
        "passwort/gesetzt/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(template_name="registration/passwort_gesetzt.html")
        ),
        name="passwort-gesetzt",
    ),
    path("barrierefreiheit/", start.barrierefreiheit, name="barrierefreiheit"),
    path("", include("frontend.routen.zielpyramide")),
    path("", include("frontend.routen.tertial")),
    path("", include("frontend.routen.hsk")),
    path("", include("frontend.routen.berichte")),
    path("", include("frontend.routen.sozialraum")),
    path("", include("frontend.routen.haushalt")),
    path("", include("frontend.routen.konto")),
    path("", include("frontend.routen.verwaltung")),
    path("", include("frontend.routen.stammdaten")),
]
