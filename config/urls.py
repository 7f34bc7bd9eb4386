from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("organisation.api.urls")),
    path("api/v1/", include("steuerung.api.urls")),
    path("api/v1/", include("controlling.api.urls")),
    path("api/v1/", include("sozialraum.api.urls")),
    path("api/v1/", include("haushalt.api.urls")),
    path("", include("frontend.urls")),
]
