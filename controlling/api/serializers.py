"""Serializers of the HSK-Controlling API: money as decimal strings with two decimals."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from controlling.models import (
    EINZELFALL_FELDER,
    HSK_STECKBRIEF,
    Ablaufschritt,
    Einzelfall,
    HSKMassnahme,
    Praeventionsbudget,
    Praeventionsprojekt,
    Stelle,
)
from controlling.selectors import hsk_massnahmen_fuer
from core.api import DezimalFeld


def geld(wert) -> str | None:
    return None if wert is None else f"{wert:.2f}"


class SollSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=2000, max_value=2100)
    betrag = DezimalFeld(min_value=0)


class StelleSerializer(serializers.ModelSerializer):
    """A Stelle with its interval; without beginn/ende it runs with the measure."""

    jahreskosten = DezimalFeld(min_value=0)

    class Meta:
        model = Stelle
        fields = ["bezeichnung", "vzae", "jahreskosten", "beginn", "ende"]
        extra_kwargs = {"beginn": {"required": False}, "ende": {"required": False}}

    def validate(self, attrs):
        if attrs.get("beginn") and attrs.get("ende") and attrs["ende"] < attrs["beginn"]:
            raise serializers.ValidationError({"ende": _("Eine Stelle darf nicht vor ihrem Beginn enden.")})
        return attrs


class AblaufschrittSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ablaufschritt
        fields = ["id", "reihenfolge", "bezeichnung"]
        read_only_fields = ["id", "reihenfolge"]
        # Uniqueness is checked for the whole list by the service.
        validators: list = []


class VerlaufsstatusSerializer(serializers.Serializer):
    stand = serializers.DateTimeField(allow_null=True)
    aktuell = serializers.BooleanField()
    # Stored with the curve, over the whole horizon; the amortisation up to a Stichtag is in verlauf/.
    amortisation_prognose = serializers.CharField(allow_null=True)


class HSKMassnahmeSerializer(serializers.ModelSerializer):
    personalkosten_jahr = DezimalFeld(
        min_value=0,
        required=False,
        help_text=_("Bei Maßnahmen mit Stellen abgeleitet (Summe der Jahreskosten) und nicht abweichend änderbar."),
    )
    personalkosten_aus_stellen = serializers.SerializerMethodField()
    annahme_vermiedene_kosten_jahr = DezimalFeld(min_value=0, required=False)
    erwartete_einsparung_jahr = DezimalFeld(read_only=True)
    soll = SollSerializer(many=True, required=False, source="soll_jahre")
    stellen = StelleSerializer(many=True, required=False)
    ablaufschritte = AblaufschrittSerializer(many=True, required=False)
    verlauf = serializers.SerializerMethodField()
    revision = serializers.IntegerField(required=False)

    class Meta:
        model = HSKMassnahme
        fields = [
            "id",
            *HSK_STECKBRIEF,
            "personalkosten_aus_stellen",
            "stellen",
            "soll",
            "erwartete_einsparung_jahr",
            "ablaufschritte",
            "verlauf",
            "revision",
        ]
        # Model constraints are checked by the service (full_clean) with German messages.
        validators: list = []

    def get_personalkosten_aus_stellen(self, obj: HSKMassnahme) -> bool:
        """True if personalkosten_jahr is derived from the Stellen (then it is not editable)."""
        return bool(obj.stellen.all())

    def get_verlauf(self, obj: HSKMassnahme) -> dict:
        stand = getattr(obj, "verlaufsstand", None)
        return VerlaufsstatusSerializer(
            {
                "stand": stand.berechnet if stand else None,
                "aktuell": bool(stand and stand.berechnet and not stand.ausstehend),
                "amortisation_prognose": (stand.amortisation or None) if stand else None,
            }
        ).data


def massnahme_teile(daten: dict) -> dict:
    """Split validated measure data into the service's keyword arguments (pops the nested lists).

    A list left out stays None: the service then keeps what is stored. Shared by the API and the pages.
    """
    return {
        "soll": daten.pop("soll_jahre", None),
        "stellen": daten.pop("stellen", None),
        "ablaufschritte": (
            [a["bezeichnung"] for a in daten.pop("ablaufschritte")] if "ablaufschritte" in daten else None
        ),
    }


class FallschrittSerializer(serializers.Serializer):
    ablaufschritt = serializers.IntegerField(source="ablaufschritt_id", allow_null=True)
    bezeichnung = serializers.CharField()
    datum = serializers.DateField()
    benutzer = serializers.CharField(source="benutzer.username", allow_null=True, default=None)


class EinzelfallSerializer(serializers.ModelSerializer):
    vermiedene_kosten_monat = DezimalFeld(min_value=0)
    neue_kosten_monat = DezimalFeld(min_value=0, required=False)
    revision = serializers.IntegerField(required=False)
    fallverlauf = FallschrittSerializer(many=True, read_only=True)

    class Meta:
        model = Einzelfall
        fields = ["id", "hsk_massnahme", *EINZELFALL_FELDER, "fallverlauf", "revision"]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # A measure outside the user's scope does not exist for them ("ungültiger pk").
            self.fields["hsk_massnahme"].queryset = hsk_massnahmen_fuer(user=request.user)


class PraeventionsprojektSerializer(serializers.ModelSerializer):
    kosten = DezimalFeld(min_value=0)
    geschaetzte_einsparung = DezimalFeld(min_value=0)
    netto = DezimalFeld(read_only=True)
    revision = serializers.IntegerField(required=False)

    class Meta:
        model = Praeventionsprojekt
        fields = [
            "id",
            "bezeichnung",
            "jahr",
            "organisationseinheit",
            "kosten",
            "geschaetzte_einsparung",
            "netto",
            "begruendung",
            "revision",
        ]
        validators: list = []


class PraeventionsbudgetSerializer(serializers.ModelSerializer):
    obergrenze = DezimalFeld(min_value=0)

    class Meta:
        model = Praeventionsbudget
        fields = ["id", "jahr", "obergrenze"]
        validators: list = []
        extra_kwargs = {"jahr": {"validators": []}}


class VerlaufsmonatSerializer(serializers.Serializer):
    monat = serializers.CharField()
    soll = serializers.CharField()
    brutto = serializers.CharField()
    personalkosten = serializers.CharField()
    netto = serializers.CharField()
    soll_kumuliert = serializers.CharField()
    brutto_kumuliert = serializers.CharField()
    netto_kumuliert = serializers.CharField()
    art = serializers.ChoiceField(choices=["ist", "prognose"])
    phase = serializers.CharField(allow_null=True, help_text=_("Phase der Phasenfolge; null für Prognosemonate"))
    phase_kandidat = serializers.CharField(help_text=_("Phase nach der Monatsregel"))
    rueckfall = serializers.BooleanField()


class VerlaufsjahrSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    soll = serializers.CharField()
    soll_bis_stichtag = serializers.CharField()
    brutto_ist = serializers.CharField()
    personalkosten_ist = serializers.CharField()
    netto_ist = serializers.CharField()
    brutto_prognose = serializers.CharField()
    personalkosten_prognose = serializers.CharField()
    netto_prognose = serializers.CharField()


class VerlaufSerializer(serializers.Serializer):
    stand = serializers.DateTimeField(allow_null=True)
    aktuell = serializers.BooleanField()
    stichtag = serializers.DateField()
    monate = VerlaufsmonatSerializer(many=True)
    jahre = VerlaufsjahrSerializer(many=True)
    aktuelle_phase = serializers.CharField(allow_null=True)
    aktuelle_phase_seit = serializers.CharField(allow_null=True)
    rueckfall_seit = serializers.CharField(allow_null=True)
    amortisation = serializers.CharField(allow_null=True)
    amortisation_prognose = serializers.CharField(allow_null=True)


class PortfolioSummeSerializer(serializers.Serializer):
    soll = serializers.CharField()
    soll_bis_stichtag = serializers.CharField()
    brutto_ist = serializers.CharField()
    personalkosten_ist = serializers.CharField()
    netto_ist = serializers.CharField()
    brutto_prognose = serializers.CharField()
    personalkosten_prognose = serializers.CharField()
    netto_prognose = serializers.CharField()
    erwartete_einsparung_jahr = serializers.CharField()
    realisierte_einsparung_jahr = serializers.CharField()


class PortfoliozeileSerializer(PortfolioSummeSerializer):
    id = serializers.IntegerField()
    bezeichnung = serializers.CharField()
    organisationseinheit = serializers.CharField()
    aktuelle_phase = serializers.CharField(allow_null=True)
    aktuelle_phase_seit = serializers.CharField(allow_null=True)
    rueckfall_seit = serializers.CharField(allow_null=True)
    amortisation = serializers.CharField(allow_null=True)
    amortisation_prognose = serializers.CharField(allow_null=True)
    realisierte_einsparung_jahr = serializers.CharField(allow_null=True)
    realisierte_erfolgsquote = serializers.CharField(allow_null=True)
    realisierte_kosten_je_fall_jahr = serializers.CharField(allow_null=True)


class PortfolioSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    stichtag = serializers.DateField()
    summe = PortfolioSummeSerializer()
    massnahmen = PortfoliozeileSerializer(many=True)


class BilanzSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    kosten = serializers.CharField()
    einsparung = serializers.CharField()
    netto = serializers.CharField()
    faktor = serializers.CharField(allow_null=True)


class BilanzjahrSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    kosten = serializers.CharField()
    einsparung = serializers.CharField()
    faktor = serializers.CharField(allow_null=True)
    deckel = serializers.CharField(allow_null=True, help_text=_("Budgetobergrenze des Jahres"))
    ausschoepfung = serializers.CharField(allow_null=True, help_text=_("Anteil der Budgetobergrenze in Prozent"))


class BilanzspanneSerializer(serializers.Serializer):
    von = serializers.IntegerField()
    bis = serializers.IntegerField()
    kosten = serializers.CharField()
    einsparung = serializers.CharField()
    netto = serializers.CharField()
    faktor = serializers.CharField(allow_null=True)
    jahre = BilanzjahrSerializer(many=True)
