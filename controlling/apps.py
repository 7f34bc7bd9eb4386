from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControllingConfig(AppConfig):
    name = "controlling"
    verbose_name = _("HSK-Controlling")
