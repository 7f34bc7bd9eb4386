from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HaushaltConfig(AppConfig):
    name = "haushalt"
    verbose_name = _("Haushalt")
