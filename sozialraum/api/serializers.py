"""Serializers of the Sozialraum API. Writes go through sozialraum.services; the council's
small-number suppression happens in to_representation (values as "< 5")."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import DezimalFeld
from sozialraum import selectors, services
from sozialraum.models import Angebot, Foerderung, Indikator, Indikatorwert, Raum, Traeger, Vergleichswert
from steuerung.models import Kennzahl, Massnahme


class _Speichern(serializers.ModelSerializer):
    """Create/update through services.objekt_speichern (full_clean, optimistic lock)."""

    revision = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Bearbeitungsstand beim Laden (Schutz vor Überschreiben)")
    )

    def create(self, validated_data):
        validated_data.pop("revision", None)
        return services.objekt_speichern(
            instanz=self.Meta.model(), daten=validated_data, user=self.context["request"].user
        )

    def update(self, instance, validated_data):
        revision = validated_data.pop("revision", None)
        return services.objekt_speichern(
            instanz=instance, daten=validated_data, revision=revision, user=self.context["request"].user
        )


class EinwohnerJahrSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=1900, max_value=2100)
    einwohner = serializers.IntegerField(min_value=0, max_value=100_000_000)


class _SichtbareIds(serializers.PrimaryKeyRelatedField):
    """Linked Maßnahmen/Kennzahlen: only those in the user's unit scope are shown."""

    def __init__(self, *, sichtbar_key: str, **kwargs):
        self.sichtbar_key = sichtbar_key
        super().__init__(**kwargs)


class RaumSerializer(serializers.ModelSerializer):
    einwohner = serializers.IntegerField(
        source="einwohner_aktuell",
        required=False,
        allow_null=True,
        min_value=0,
        max_value=100_000_000,
        help_text=_(
            "Lesen: die neueste Einwohnerzahl. Schreiben: die Einwohnerzahl des laufenden Jahres "
            "(legt dessen Eintrag in einwohner_je_jahr an oder ändert ihn)."
        ),
    )
    einwohner_je_jahr = EinwohnerJahrSerializer(many=True, required=False)
    massnahmen = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Massnahme.objects.all())
    kennzahlen = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Kennzahl.objects.all())
    revision = serializers.IntegerField(required=False, min_value=0)

    class Meta:
        model = Raum
        fields = [
            "id",
            "schluessel",
            "name",
            "ebene",
            "eltern",
            "einwohner",
            "einwohner_je_jahr",
            "grenze",
            "grenze_schematisch",
            "beschreibung",
            "massnahmen",
            "kennzahlen",
            "revision",
        ]
        validators: list = []

    def validate_einwohner(self, wert):
        if wert is None:
            raise serializers.ValidationError(_("Bitte eine Einwohnerzahl angeben oder das Feld weglassen."))
        return wert

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        daten["einwohner_je_jahr"] = [
            {"jahr": e.jahr, "einwohner": e.einwohner}
            for e in sorted(instance.einwohnerzahlen.all(), key=lambda e: e.jahr)
        ]
        sichtbar_m = self.context.get("sichtbare_massnahmen", set())
        sichtbar_k = self.context.get("sichtbare_kennzahlen", set())
        daten["massnahmen"] = [m for m in daten["massnahmen"] if m in sichtbar_m]
        daten["kennzahlen"] = [k for k in daten["kennzahlen"] if k in sichtbar_k]
        return daten

    def _speichern(self, instance, validated_data):
        revision = validated_data.pop("revision", None)
        einwohner_je_jahr = validated_data.pop("einwohner_je_jahr", None)
        einwohner = validated_data.pop("einwohner_aktuell", None)
        massnahmen = validated_data.pop("massnahmen", None)
        kennzahlen = validated_data.pop("kennzahlen", None)
        raum = services.raum_speichern(
            raum=instance,
            daten=validated_data,
            einwohner_je_jahr=einwohner_je_jahr,
            einwohner=einwohner,
            massnahmen=massnahmen,
            kennzahlen=kennzahlen,
            revision=revision,
            user=self.context["request"].user,
        )
        return (
            selectors.raeume_fuer(user=self.context["request"].user).prefetch_related("einwohnerzahlen").get(pk=raum.pk)
        )

    def create(self, validated_data):
        return self._speichern(None, validated_data)

    def update(self, instance, validated_data):
        return self._speichern(instance, validated_data)


class IndikatorSerializer(_Speichern):
    class Meta:
        model = Indikator
        fields = [
            "id",
            "schluessel",
            "bezeichnung",
            "bereich",
            "definition",
            "zaehler",
            "nenner",
            "einheit",
            "datenquelle",
            "richtung",
            "gewicht",
            "ist_fallzahl",
            "revision",
        ]
        validators: list = []
        extra_kwargs = {"schluessel": {"validators": []}}


class IndikatorwertSerializer(_Speichern):
    wert = DezimalFeld(max_digits=18, decimal_places=4)

    class Meta:
        model = Indikatorwert
        fields = ["id", "indikator", "raum", "jahr", "wert"]
        validators: list = []

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        if selectors.ist_kleinzahl(wert=instance.wert, indikator=instance.indikator, user=self.context["request"].user):
            daten["wert"] = selectors.kleinzahl_text()
        return daten


class TraegerSerializer(_Speichern):
    revision = None

    class Meta:
        model = Traeger
        fields = ["id", "name", "art", "webseite"]
        validators: list = []
        extra_kwargs = {"name": {"validators": []}}


class FoerderungSerializer(serializers.ModelSerializer):
    betrag = DezimalFeld()

    class Meta:
        model = Foerderung
        fields = ["jahr", "betrag"]


class AngebotSerializer(_Speichern):
    foerderungen = FoerderungSerializer(many=True, read_only=True)

    class Meta:
        model = Angebot
        fields = [
            "id",
            "bezeichnung",
            "art",
            "traeger",
            "raum",
            "standort",
            "zielgruppe",
            "oeffnungszeiten",
            "foerderungen",
            "revision",
        ]
        validators: list = []


class VergleichswertSerializer(_Speichern):
    revision = None
    wert = DezimalFeld(max_digits=18, decimal_places=4)

    class Meta:
        model = Vergleichswert
        fields = [
            "id",
            "kommune",
            "vergleichsschluessel",
            "bezeichnung",
            "jahr",
            "wert",
            "einwohner",
            "einwohner_demowert",
            "quelle",
        ]
        validators: list = []


# --- computed endpoints --------------------------------------------------------------------


class IndexAnfrageSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=1900, max_value=2100)
    ebene = serializers.ChoiceField(choices=Raum._meta.get_field("ebene").choices)
    methode = serializers.ChoiceField(choices=[("z", "z"), ("abweichung", "abweichung")], default="z")
    schwelle = serializers.DecimalField(max_digits=8, decimal_places=4, default=Decimal("1.0"))
    anzahl = serializers.IntegerField(min_value=0, max_value=10_000, required=False, allow_null=True, default=None)


class IndexZeileSerializer(serializers.Serializer):
    raum = serializers.IntegerField()
    name = serializers.CharField()
    index = serializers.DecimalField(max_digits=12, decimal_places=4)
    rang = serializers.IntegerField()
    handlungsbedarf = serializers.BooleanField()


class AusgeschlossenSerializer(serializers.Serializer):
    raum = serializers.IntegerField()
    name = serializers.CharField()
    einwohner = serializers.IntegerField(allow_null=True)
    grund = serializers.CharField()


class IndexAntwortSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    ebene = serializers.CharField()
    methode = serializers.CharField()
    schwelle = serializers.DecimalField(max_digits=8, decimal_places=4)
    anzahl = serializers.IntegerField(allow_null=True)
    raeume = IndexZeileSerializer(many=True)
    ausgeschlossen = AusgeschlossenSerializer(many=True)


class VergleichAnfrageSerializer(serializers.Serializer):
    schluessel = serializers.CharField(max_length=100)
    jahr = serializers.IntegerField(min_value=1900, max_value=2100)
    je_1000 = serializers.BooleanField(default=False)


class _Zahl(serializers.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(max_digits=24, decimal_places=4, allow_null=True, **kwargs)


class PeerSerializer(serializers.Serializer):
    kommune = serializers.CharField()
    wert = _Zahl()


class VergleichAntwortSerializer(serializers.Serializer):
    schluessel = serializers.CharField()
    bezeichnung = serializers.CharField(help_text=_("was verglichen wird (für die Anzeige)"))
    jahr = serializers.IntegerField()
    je_1000 = serializers.BooleanField()
    n = serializers.IntegerField()
    min = _Zahl()
    q1 = _Zahl()
    median = _Zahl()
    q3 = _Zahl()
    max = _Zahl()
    eigener_wert = _Zahl()
    rang = serializers.IntegerField(allow_null=True)
    rang_von = serializers.IntegerField()
    richtung = serializers.CharField()
    kennzahl = serializers.IntegerField(allow_null=True)
    werte = PeerSerializer(many=True)
    ohne_einwohner = serializers.ListField(child=serializers.CharField())
