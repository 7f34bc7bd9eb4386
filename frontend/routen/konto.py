"""Routes of the user's own pages: notifications and „Mein Konto“."""

from django.urls import path

from frontend.views import benachrichtigungen, konto, passwort

urlpatterns = [
    path("konto/", konto.konto, name="konto"),
    path("konto/passwort/", passwort.aendern, name="passwort-aendern"),
    path("passwort-vergessen/", passwort.vergessen, name="passwort-vergessen"),
    path("benachrichtigungen/", benachrichtigungen.liste, name="benachrichtigungen"),
    path("benachrichtigungen/alle-gelesen/", benachrichtigungen.alle_gelesen, name="benachrichtigungen-alle-gelesen"),
    path("benachrichtigungen/<int:pk>/", benachrichtigungen.oeffnen, name="benachrichtigung-oeffnen"),
    path("benachrichtigungen/<int:pk>/gelesen/", benachrichtigungen.gelesen, name="benachrichtigung-gelesen"),
]
