from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from organisation.models import Benutzer, Organisationseinheit


@admin.register(Organisationseinheit)
class OrganisationseinheitAdmin(admin.ModelAdmin):
    list_display = ["kuerzel", "name", "ebene", "eltern"]
    list_filter = ["ebene"]
    search_fields = ["kuerzel", "name"]


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, (_("Organisation"), {"fields": ["organisationseinheit"]})]
    list_display = ["username", "first_name", "last_name", "organisationseinheit", "is_active"]
    list_filter = ["groups", "is_active"]
