"""Routes of the sozialraum pages."""

from django.urls import path

from frontend.views import sozialraum as views

urlpatterns: list = [
    path("sozialraum/", views.uebersicht, name="sozialraum"),
    path("sozialraum/index/", views.rangliste, name="sozialraum-index"),
    path("sozialraum/raeume/<int:pk>/", views.steckbrief, name="sozialraum-steckbrief"),
    path("sozialraum/raeume/<int:pk>/pdf/", views.steckbrief_pdf, name="sozialraum-steckbrief-pdf"),
    path("sozialraum/vergleich/", views.vergleich, name="sozialraum-vergleich"),
    path("sozialraum/import/", views.importieren, name="sozialraum-import"),
    path("sozialraum/import/vorlage-<str:art>.xlsx", views.vorlage, name="sozialraum-import-vorlage"),
]
