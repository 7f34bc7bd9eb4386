"""Routes of the Tertialbericht pages: workflow per unit and tertial, council reports and downloads."""

from django.urls import path

from frontend.views import berichte

urlpatterns = [
    path("berichte/", berichte.liste, name="berichte-liste"),
    path("berichte/aufrufen/", berichte.aufrufen, name="bericht-aufrufen"),
    path("berichte/<int:oe>/<str:periode>/", berichte.bericht, name="bericht"),
    path("berichte/<int:oe>/<str:periode>/aktion/", berichte.aktion, name="bericht-aktion"),
    path("veroeffentlicht/", berichte.veroeffentlichungen, name="veroeffentlichungen"),
    path("veroeffentlicht/<int:pk>/", berichte.veroeffentlichung, name="veroeffentlichung"),
    path("veroeffentlicht/<int:pk>/pdf/", berichte.pdf, name="veroeffentlichung-pdf"),
    path("veroeffentlicht/<int:pk>/excel/", berichte.excel, name="veroeffentlichung-excel"),
]
