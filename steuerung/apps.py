from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteuerungConfig(AppConfig):
    name = "steuerung"
    verbose_name = _("Zielsteuerung")
