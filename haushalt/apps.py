from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HaushaltConfig(AppConfig):
    name = "haushalt"
    verbose_name = _("Haushalt")

    def ready(self) -> None:
        from haushalt.berichtsabschnitt import ABSCHNITT
        from steuerung.berichte import abschnitte

        # steuerung sits below haushalt: the tertial report gets its finance section through the register.
        abschnitte.registrieren(ABSCHNITT)
