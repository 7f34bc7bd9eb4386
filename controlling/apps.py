from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControllingConfig(AppConfig):
    name = "controlling"
    verbose_name = _("HSK-Controlling")

    def ready(self) -> None:
        from controlling.berichtsabschnitt import ABSCHNITT
        from controlling.lesestand import signale_einrichten
        from steuerung.berichte import abschnitte

        # steuerung sits below controlling: the tertial report gets its HSK section through the register.
        abschnitte.registrieren(ABSCHNITT)
        # The stored HSK-Portfolio is rebuilt after every committed change to what it shows.
        signale_einrichten()
