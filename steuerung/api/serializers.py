"""Serializers of the Zielpyramide API: thin, writes go through steuerung.services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from steuerung.models import (
    Kennzahl,
    Kennzahlversion,
    Leitziel,
    Massnahme,
    Produkt,
    Produktgruppe,
    Produktgruppenziel,
    Produktziel,
    Teilziel,
)
from steuerung.models.kennzahlen import KENNZAHL_STECKBRIEF
from steuerung.zielbaum import ZIELEBENEN

ZIEL_FELDER = [
    "id",
    "jahr",
    "code",
    "titel",
    "zielgruppe",
    "zielart",
    "wirkungsebene",
    "organisationseinheit",
    "verantwortlich",
    "begruendung_plausibilitaet",
    "rollup",
    "archiviert",
    "revision",
]


_ARCHIVIERT_HILFE = _(
    "Archiviert: nicht mehr in Zielpyramide, Dashboard, Erfassung und neuen Berichten; "
    "ändern mit der Aktion „archivieren“."
)


class _ZielSerializer(serializers.ModelSerializer):
    archiviert = serializers.BooleanField(read_only=True, help_text=_ARCHIVIERT_HILFE)
    revision = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Bearbeitungsstand beim Laden; eine veraltete Angabe wird abgelehnt.")
    )


class LeitzielSerializer(_ZielSerializer):
    class Meta:
        model = Leitziel
        fields = ZIEL_FELDER


class ProduktgruppeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Produktgruppe
        fields = ["id", "nummer", "bezeichnung"]


class ProduktSerializer(serializers.ModelSerializer):
    class Meta:
        model = Produkt
        fields = ["id", "nummer", "bezeichnung", "produktgruppe"]


class ProduktgruppenzielSerializer(_ZielSerializer):
    class Meta:
        model = Produktgruppenziel
        fields = [*ZIEL_FELDER, "produktgruppe", "leitziel"]


class ProduktzielSerializer(_ZielSerializer):
    class Meta:
        model = Produktziel
        fields = [*ZIEL_FELDER, "produkt", "produktgruppenziel"]


class TeilzielSerializer(_ZielSerializer):
    class Meta:
        model = Teilziel
        fields = [*ZIEL_FELDER, "produktziel", "eltern"]


class MassnahmeSerializer(_ZielSerializer):
    class Meta:
        model = Massnahme
        fields = [*ZIEL_FELDER, "massnahmenziel", "produktziel", "teilziel", "beginn", "ende", "praeventionsform"]


class _VorgeladeneListe(serializers.ListSerializer):
    """Reads `<relation>_liste` when the view prefetched the relation into a list (Prefetch to_attr):
    Django otherwise builds a queryset per row and relation to hand out the prefetched rows."""

    def get_attribute(self, instance):
        liste = getattr(instance, f"{self.source}_liste", None)
        return liste if liste is not None else super().get_attribute(instance)


class SollwertSerializer(serializers.Serializer):
    class Meta:
        list_serializer_class = _VorgeladeneListe

    periode = serializers.CharField(max_length=10, help_text=_("z. B. 2025, 2025-T2 oder 2025-03"))
    wert = serializers.DecimalField(max_digits=18, decimal_places=4)


class KennzahlversionSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = _VorgeladeneListe
        model = Kennzahlversion
        fields = ["version", "gueltig_bis_periode", "definition", "grund", "geaendert_von", "geaendert_am"]


class KennzahlSerializer(serializers.ModelSerializer):
    sollwerte = SollwertSerializer(many=True, required=False)
    versionen = KennzahlversionSerializer(many=True, read_only=True)
    archiviert = serializers.BooleanField(read_only=True, help_text=_ARCHIVIERT_HILFE)
    revision = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Bearbeitungsstand beim Laden; eine veraltete Angabe wird abgelehnt.")
    )
    grund = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text=_("Pflicht, wenn Definition, Ziel- oder Schwellenwerte geändert werden und schon Werte vorliegen."),
    )
    jahr = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    auswertung = serializers.SerializerMethodField(
        help_text=_("Auswertung im Tertial aus ?auswertung= (nur in der Liste, sonst leer)")
    )

    class Meta:
        model = Kennzahl
        fields = [
            "id",
            "auswertung",
            "jahr",
            *KENNZAHL_STECKBRIEF,
            "vergleichsschluessel",
            *ZIELEBENEN,
            "sollwerte",
            "version",
            "versionen",
            "archiviert",
            "revision",
            "grund",
        ]
        read_only_fields = ["version"]
        # The "exactly one goal" rule is a CheckConstraint; the service's full_clean reports it.
        validators: list = []

    @extend_schema_field({"type": "object", "nullable": True})
    def get_auswertung(self, kennzahl):
        return self.context.get("auswertungen", {}).get(kennzahl.pk)

    def validate(self, attrs):
        ziele = [f for f in ZIELEBENEN if attrs.get(f)]
        if self.instance is None and len(ziele) != 1:
            raise serializers.ValidationError(_("Eine Kennzahl gehört zu genau einem Ziel oder einer Maßnahme."))
        return attrs


class ArchivierenSerializer(serializers.Serializer):
    archiviert = serializers.BooleanField(
        help_text=_("true: archivieren (mit allem darunter), false: wiederherstellen")
    )
    revision = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Bearbeitungsstand beim Laden; eine veraltete Angabe wird abgelehnt.")
    )


class SmartSerializer(serializers.Serializer):
    erfuellt = serializers.BooleanField()
    maengel = serializers.ListField(child=serializers.CharField())
    warnungen = serializers.ListField(child=serializers.CharField())


class KnotenSerializer(serializers.Serializer):
    """One node of the tree; `kinder` holds nodes of the same shape."""

    typ = serializers.ChoiceField(choices=list(ZIELEBENEN))
    id = serializers.IntegerField()
    code = serializers.CharField()
    titel = serializers.CharField()
    zielgruppe = serializers.CharField()
    wirkungsebene = serializers.CharField()
    organisationseinheit = serializers.CharField()
    smart = SmartSerializer()
    kennzahlen = serializers.ListField(child=serializers.IntegerField())
    kinder = serializers.ListField(child=serializers.DictField(), help_text=_("nur mit ?tiefe=alle gefüllt"))
    archiviert = serializers.BooleanField(required=False, help_text=_("nur mit ?archivierte=true gesetzt"))
    kinder_anzahl = serializers.IntegerField(required=False, help_text=_("Zahl der Unterziele (Ebenenansicht)"))
    schluessel = serializers.CharField(required=False, help_text=_("für ?knoten=, z. B. produktziel-12"))


class ZielpyramideSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    stand = serializers.DateTimeField(required=False, help_text=_("Zeitpunkt der gespeicherten Ebenenansicht"))
    eltern = serializers.DictField(required=False, allow_null=True, help_text=_("das mit ?knoten= gewählte Ziel"))
    knoten = KnotenSerializer(many=True)
    ohne_leitziel = KnotenSerializer(many=True)


class ZielmatrixUebernehmenSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=2000, max_value=2100, help_text=_("Jahr, dessen Zielmatrix kopiert wird"))
