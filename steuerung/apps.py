from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteuerungConfig(AppConfig):
    name = "steuerung"
    verbose_name = _("Zielsteuerung")

    def ready(self) -> None:
        from core.protokoll import ankerquelle_registrieren
        from organisation.models import Kommune, Organisationseinheit
        from steuerung import models as m
        from steuerung.berichte.protokollanker import veroeffentlichungsanker
        from steuerung.lesestand.basis import signale_verbinden

        # Every publication anchors the decision log (its head hash is in the snapshot).
        ankerquelle_registrieren("steuerung.veroeffentlichung", veroeffentlichungsanker)

        # Everything the stored dashboard and Zielpyramide are built from.
        signale_verbinden(
            [
                m.Leitziel,
                m.Produktgruppenziel,
                m.Produktziel,
                m.Teilziel,
                m.Massnahme,
                m.Produktgruppe,
                m.Produkt,
                m.Kennzahl,
                m.Sollwert,
                m.Messwert,
                Organisationseinheit,
                # Deadlines decide what is overdue.
                Kommune,
                m.Erfassungsfrist,
            ]
        )
