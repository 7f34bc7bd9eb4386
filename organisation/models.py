"""Users and the tree of Organisationseinheiten that scopes what each user sees."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisationseinheit(models.Model):
    """A unit of the administration: Dezernat > Amt > Abteilung > Sachgebiet."""

    class Ebene(models.TextChoices):
        VERWALTUNG = "verwaltung", _("Verwaltung")
        DEZERNAT = "dezernat", _("Dezernat")
        AMT = "amt", _("Amt")
        ABTEILUNG = "abteilung", _("Abteilung")
        SACHGEBIET = "sachgebiet", _("Sachgebiet")
        STABSSTELLE = "stabsstelle", _("Stabsstelle")

    kuerzel = models.CharField(_("Kürzel"), max_length=20, unique=True, help_text=_("z. B. „50 2“"))
    name = models.CharField(_("Bezeichnung"), max_length=200)
    ebene = models.CharField(_("Ebene"), max_length=20, choices=Ebene.choices)
    eltern = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Einheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinder",
    )

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["kuerzel"]

    def __str__(self) -> str:
        return f"{self.kuerzel} {self.name}"


class Benutzer(AbstractUser):
    """A person using the product; belongs to one Organisationseinheit, holds roles as groups."""

    organisationseinheit = models.ForeignKey(
        Organisationseinheit,
        verbose_name=_("Organisationseinheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benutzer",
    )

    class Meta:
        verbose_name = _("Benutzer/in")
        verbose_name_plural = _("Benutzer/innen")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
