from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        from core.api import strenge_eingabe_einschalten

        strenge_eingabe_einschalten()
