"""Serializers of the Haushalt API. Money as decimal strings with two places; writes go through
haushalt.services; unknown or read-only input fields are refused by core.api's strict input."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from core.api import DezimalFeld
from haushalt.finanzen import Vergleich
from haushalt.models import Finanzerlaeuterung, Haushaltsposition, Produktzuordnung, Zuwendung
from haushalt.models.auswahl import ZEILEN
from haushalt.models.zuwendungen import ZUWENDUNG_FELDER
from haushalt.selectors import produktbereich_von
from steuerung.models import Produktgruppe


def Geld(**kwargs) -> DezimalFeld:  # noqa: N802 - a field factory reads like a field class
    """A sum of money; 18 digits because sums over many Produkte may exceed a single amount's 14."""
    kwargs.setdefault("max_digits", 18)
    kwargs.setdefault("allow_null", True)
    kwargs.setdefault("read_only", True)
    return DezimalFeld(**kwargs)


# --- Haushaltspositionen -----------------------------------------------------------------------


class HaushaltspositionSerializer(serializers.ModelSerializer):
    produkt = serializers.CharField(source="produkt.nummer", read_only=True)
    produktgruppe = serializers.SerializerMethodField()
    produktbereich = serializers.SerializerMethodField()
    zeile_nummer = serializers.SerializerMethodField()
    betrag = DezimalFeld(read_only=True)

    class Meta:
        model = Haushaltsposition
        fields = [
            "id",
            "produkt",
            "produktgruppe",
            "produktbereich",
            "jahr",
            "zeile",
            "zeile_nummer",
            "art",
            "stichtag",
            "betrag",
            "herkunft",
        ]
        read_only_fields = fields

    def get_produktgruppe(self, obj) -> str:
        return obj.produkt.produktgruppe.nummer

    def get_produktbereich(self, obj) -> str:
        return produktbereich_von(obj.produkt.produktgruppe.nummer)

    def get_zeile_nummer(self, obj) -> int:
        return ZEILEN[obj.zeile][0]


# --- Import --------------------------------------------------------------------------------------


class ImportAnfrageSerializer(serializers.Serializer):
    datei = serializers.FileField(help_text=gettext_lazy("CSV (Semikolon) oder Excel-Datei (.xlsx)"))


class ImportGruppeSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    art = serializers.CharField()
    stichtag = serializers.DateField(allow_null=True)
    zeilen = serializers.IntegerField()


class ImportSummeSerializer(serializers.Serializer):
    produktbereich = serializers.CharField()
    jahr = serializers.IntegerField()
    art = serializers.CharField()
    stichtag = serializers.DateField(allow_null=True)
    zeilen = serializers.IntegerField()
    ertraege = Geld()
    aufwendungen = Geld()
    zuschussbedarf = Geld()
    bisher = Geld(help_text=gettext_lazy("Zuschussbedarf der Zeilen, die die Datei ersetzt"))


class ImportAntwortSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["vorschau", "uebernommen", "unveraendert"])
    import_id = serializers.IntegerField(allow_null=True)
    dateiname = serializers.CharField()
    sha256 = serializers.CharField()
    zeilen = serializers.IntegerField()
    ersetzt = serializers.IntegerField()
    gruppen = ImportGruppeSerializer(many=True)
    summen = ImportSummeSerializer(many=True)


# --- Finanzdatenblatt ----------------------------------------------------------------------------


class FinanzenAnfrageSerializer(serializers.Serializer):
    jahr = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    vergleich = serializers.ChoiceField(
        choices=[(Vergleich.ANSATZ, gettext_lazy("Ansatz")), (Vergleich.VORJAHR, gettext_lazy("Ist des Vorjahres"))],
        default=Vergleich.ANSATZ,
    )
    stichtag = serializers.DateField(
        required=False, help_text=gettext_lazy("Stand: Ist und Prognose bis zu diesem Tag")
    )


class WerteSerializer(serializers.Serializer):
    ansatz = Geld()
    fortgeschriebener_ansatz = Geld()
    ist = Geld()
    prognose = Geld()
    ist_vorjahr = Geld()


class FinanzzeileSerializer(serializers.Serializer):
    zeile = serializers.CharField(source="schluessel")
    nummer = serializers.IntegerField(allow_null=True)
    bezeichnung = serializers.CharField()
    seite = serializers.CharField(allow_null=True)
    werte = WerteSerializer()
    p = Geld(help_text=gettext_lazy("Wert des Planstands (zustand_p)"))
    i = Geld(help_text=gettext_lazy("Wert des Iststands (zustand_i)"))
    abweichung = Geld()
    abweichung_prozent = DezimalFeld(max_digits=22, decimal_places=1, allow_null=True)


class UnterpositionSerializer(serializers.Serializer):
    ebene = serializers.CharField()
    nummer = serializers.CharField()
    bezeichnung = serializers.CharField()
    zuschussbedarf = FinanzzeileSerializer()


class JahreszuschussSerializer(serializers.Serializer):
    jahr = serializers.IntegerField()
    ansatz = Geld()
    fortgeschriebener_ansatz = Geld()
    ist = Geld()
    ist_stichtag = serializers.DateField(allow_null=True)
    prognose = Geld()
    prognose_stichtag = serializers.DateField(allow_null=True)


class ZweiZustaendeSerializer(serializers.Serializer):
    p = DezimalFeld(max_digits=22, decimal_places=4, allow_null=True)
    i = DezimalFeld(max_digits=22, decimal_places=4, allow_null=True)


class GeldZweiZustaendeSerializer(serializers.Serializer):
    p = Geld()
    i = Geld()


class FinanzdatenblattSerializer(serializers.Serializer):
    ebene = serializers.CharField()
    nummer = serializers.CharField()
    bezeichnung = serializers.CharField()
    jahr = serializers.IntegerField()
    vergleich = serializers.CharField()
    stichtag = serializers.DateField(allow_null=True)
    zustand_p = serializers.CharField()
    zustand_i = serializers.CharField(allow_null=True)
    ist_stichtag = serializers.DateField(allow_null=True)
    ist_stichtage_gemischt = serializers.BooleanField()
    prognose_stichtag = serializers.DateField(allow_null=True)
    ist_vorjahr_stichtag = serializers.DateField(allow_null=True)
    zeilen = FinanzzeileSerializer(many=True)
    ertraege = FinanzzeileSerializer()
    aufwendungen = FinanzzeileSerializer()
    zuschussbedarf = FinanzzeileSerializer()
    einwohnerzahl = serializers.IntegerField(allow_null=True)
    zuschussbedarf_je_einwohner = WerteSerializer(allow_null=True)
    fallzahl_kennzahl = serializers.IntegerField(allow_null=True)
    transferzeile = serializers.CharField(allow_null=True)
    fallzahl = ZweiZustaendeSerializer(allow_null=True)
    transferaufwand = GeldZweiZustaendeSerializer(allow_null=True)
    kosten_je_fall = GeldZweiZustaendeSerializer(allow_null=True)
    mengeneffekt = Geld()
    preiseffekt = Geld()
    abweichung = Geld(help_text=gettext_lazy("Abweichung des Transferaufwands I − P = Mengen- + Preiseffekt"))
    rundungsdifferenz = Geld()
    fallkosten_grund = serializers.CharField(allow_null=True)
    unterpositionen = UnterpositionSerializer(many=True)
    verlauf = JahreszuschussSerializer(many=True)
    produkte_sichtbar = serializers.IntegerField()
    produkte_gesamt = serializers.IntegerField()


def finanzdatenblatt_daten(blatt) -> dict:
    """The sheet as the API shape; the case-cost fields are flat beside the Zuschussbedarf."""
    f = blatt.fallkosten
    a = f.aufteilung if f else None
    return {
        **{k: getattr(blatt, k) for k in FinanzdatenblattSerializer().fields if hasattr(blatt, k)},
        "stichtag": blatt.bis,
        "zuschussbedarf_je_einwohner": blatt.je_einwohner,
        "fallzahl_kennzahl": f.kennzahl.pk if f and f.kennzahl else None,
        "transferzeile": f.transferzeile if f else None,
        "fallzahl": {"p": f.fallzahl_p, "i": f.fallzahl_i} if f else None,
        "transferaufwand": {"p": f.aufwand_p, "i": f.aufwand_i} if f else None,
        "kosten_je_fall": {"p": a.kosten_je_fall_p, "i": a.kosten_je_fall_i} if a else None,
        "mengeneffekt": a.mengeneffekt if a else None,
        "preiseffekt": a.preiseffekt if a else None,
        "abweichung": a.abweichung if a else None,
        "rundungsdifferenz": a.rundungsdifferenz if a else None,
        "fallkosten_grund": f.grund if f else None,
    }


# --- Produktzuordnung and Zuwendung --------------------------------------------------------------


class ProduktzuordnungSerializer(serializers.ModelSerializer):
    produkt_nummer = serializers.CharField(source="produkt.nummer", read_only=True)
    revision = serializers.IntegerField(required=False, min_value=0)

    class Meta:
        model = Produktzuordnung
        fields = [
            "id",
            "produkt",
            "produkt_nummer",
            "organisationseinheit",
            "fallzahl_kennzahl",
            "transferzeile",
            "revision",
        ]
        validators: list = []
        extra_kwargs = {"produkt": {"validators": []}}


class ZuwendungSerializer(serializers.ModelSerializer):
    geplant = DezimalFeld(min_value=0, required=False)
    beantragt = DezimalFeld(min_value=0, required=False)
    bewilligt = DezimalFeld(min_value=0, required=False)
    ausgezahlt = DezimalFeld(min_value=0, required=False)
    nachweis_ueberfaellig = serializers.SerializerMethodField()
    revision = serializers.IntegerField(required=False, min_value=0)

    class Meta:
        model = Zuwendung
        fields = [
            "id",
            *ZUWENDUNG_FELDER,
            "nachweis_ueberfaellig",
            "revision",
        ]
        validators: list = []
        extra_kwargs = {"jahr": {"min_value": 2000, "max_value": 2100}}

    def get_nachweis_ueberfaellig(self, obj) -> bool:
        return obj.nachweis_ueberfaellig()


class FinanzerlaeuterungSerializer(serializers.ModelSerializer):
    """Begründung and Gegensteuerung of a Produktgruppe's deviation in a tertial (one per pair)."""

    produktgruppe = serializers.SlugRelatedField(slug_field="nummer", queryset=Produktgruppe.objects.all())
    begruendung = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    gegensteuerung = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    revision = serializers.IntegerField(required=False, min_value=0)

    class Meta:
        model = Finanzerlaeuterung
        fields = ["id", "produktgruppe", "periode", "begruendung", "gegensteuerung", "revision"]
        validators: list = []
