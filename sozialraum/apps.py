from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SozialraumConfig(AppConfig):
    name = "sozialraum"
    verbose_name = _("Sozialraum-Monitoring")
