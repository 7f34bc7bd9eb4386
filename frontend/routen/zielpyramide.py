"""Routes of the zielpyramide pages."""

from django.urls import path

from frontend.views.zielpyramide import pflege, pyramide, seiten

urlpatterns = [
    path("zielpyramide/", pyramide.pyramide, name="zielpyramide"),
    path("zielpyramide/ebene/", pyramide.ebene, name="zielpyramide-ebene"),
    path("zielpyramide/check/", seiten.zielsystem_check, name="zielsystem-check"),
    path("zielpyramide/uebernehmen/", seiten.zielmatrix_uebernehmen, name="zielmatrix-uebernehmen"),
    path("zielpyramide/excel/", seiten.zielmatrix_export, name="zielmatrix-export"),
    path("zielpyramide/import/", seiten.zielmatrix_import, name="zielmatrix-import"),
    path("zielpyramide/<str:typ>/neu/", seiten.ziel_neu, name="ziel-neu"),
    path("zielpyramide/<str:typ>/<int:pk>/", seiten.ziel_steckbrief, name="ziel-steckbrief"),
    path("zielpyramide/<str:typ>/<int:pk>/bearbeiten/", seiten.ziel_bearbeiten, name="ziel-bearbeiten"),
    path("zielpyramide/<str:typ>/<int:pk>/loeschen/", pflege.ziel_loeschen, name="ziel-loeschen"),
    path("zielpyramide/<str:typ>/<int:pk>/archivieren/", pflege.ziel_archivieren, name="ziel-archivieren"),
    path("zielpyramide/<str:typ>/<int:pk>/kennzahl-neu/", seiten.kennzahl_neu, name="kennzahl-neu"),
    path("kennzahlen/<int:pk>/", seiten.kennzahl_steckbrief, name="kennzahl-steckbrief"),
    path("kennzahlen/<int:pk>/bearbeiten/", seiten.kennzahl_bearbeiten, name="kennzahl-bearbeiten"),
    path("kennzahlen/<int:pk>/sollwerte/", pflege.kennzahl_sollwerte, name="kennzahl-sollwerte"),
    path("kennzahlen/<int:pk>/loeschen/", pflege.kennzahl_loeschen, name="kennzahl-loeschen"),
    path("kennzahlen/<int:pk>/archivieren/", pflege.kennzahl_archivieren, name="kennzahl-archivieren"),
]
