"""Serializers of the HSK-Controlling API: money as decimal strings with two decimals."""

from __future__ import annotations

from rest_framework import serializers

from controlling.models import EINZELFALL_FELDER, Ablaufschritt, Einzelfall, HSKMassnahme, Praeventionsprojekt, Stelle
from controlling.selectors import hsk_massnahmen_fuer
from core.api import DezimalFeld


def geld(wert) -> str | None:
    return None if wert is None else f"{wert:.2f}"


class SollSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=2000, max_value=2100)
    betrag = DezimalFeld(min_value=0)


class StelleSerializer(serializers.ModelSerializer):
    jahreskosten = DezimalFeld(min_value=0)

    class Meta:
        model = Stelle
        fields = ["bezeichnung", "vzae", "jahreskosten"]


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
    amortisation = serializers.CharField(allow_null=True)


class HSKMassnahmeSerializer(serializers.ModelSerializer):
    personalkosten_jahr = DezimalFeld(min_value=0)
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
            "bezeichnung",
            "massnahme",
            "organisationseinheit",
            "wirkungshypothese",
            "praeventionsform",
            "beginn",
            "ende",
            "personalkosten_jahr",
            "stellen",
            "soll",
            "annahme_faelle",
            "annahme_erfolgsquote",
            "annahme_vermiedene_kosten_jahr",
            "erwartete_einsparung_jahr",
            "aufbewahrung_monate",
            "ablaufschritte",
            "verlauf",
            "revision",
        ]
        # Model constraints are checked by the service (full_clean) with German messages.
        validators: list = []

    def get_verlauf(self, obj: HSKMassnahme) -> dict:
        stand = getattr(obj, "verlaufsstand", None)
        return VerlaufsstatusSerializer(
            {
                "stand": stand.berechnet if stand else None,
                "aktuell": bool(stand and stand.berechnet and not stand.ausstehend),
                "amortisation": (stand.amortisation or None) if stand else None,
            }
        ).data


class EinzelfallSerializer(serializers.ModelSerializer):
    vermiedene_kosten_monat = DezimalFeld(min_value=0)
    neue_kosten_monat = DezimalFeld(min_value=0, required=False)
    revision = serializers.IntegerField(required=False)

    class Meta:
        model = Einzelfall
        fields = ["id", "hsk_massnahme", *EINZELFALL_FELDER, "revision"]
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


class VerlaufsmonatSerializer(serializers.Serializer):
    monat = serializers.CharField()
    soll = serializers.CharField()
    brutto = serializers.CharField()
    personalkosten = serializers.CharField()
    netto = serializers.CharField()
    soll_kumuliert = serializers.CharField()
    brutto_kumuliert = serializers.CharField()
    netto_kumuliert = serializers.CharField()
    phase = serializers.CharField()


class VerlaufsjahrSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    soll = serializers.CharField()
    brutto = serializers.CharField()
    personalkosten = serializers.CharField()
    netto = serializers.CharField()


class VerlaufSerializer(serializers.Serializer):
    stand = serializers.DateTimeField(allow_null=True)
    aktuell = serializers.BooleanField()
    monate = VerlaufsmonatSerializer(many=True)
    jahre = VerlaufsjahrSerializer(many=True)
    amortisation = serializers.CharField(allow_null=True)


class PortfoliozeileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bezeichnung = serializers.CharField()
    organisationseinheit = serializers.CharField()
    soll = serializers.CharField()
    brutto = serializers.CharField()
    personalkosten = serializers.CharField()
    netto = serializers.CharField()
    phase = serializers.CharField(allow_blank=True)
    amortisation = serializers.CharField(allow_null=True)


class PortfolioSummeSerializer(serializers.Serializer):
    soll = serializers.CharField()
    brutto = serializers.CharField()
    personalkosten = serializers.CharField()
    netto = serializers.CharField()


class PortfolioSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    summe = PortfolioSummeSerializer()
    massnahmen = PortfoliozeileSerializer(many=True)


class BilanzSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    kosten = serializers.CharField()
    einsparung = serializers.CharField()
    netto = serializers.CharField()
    faktor = serializers.CharField(allow_null=True)
