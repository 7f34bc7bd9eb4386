"""API permissions: model permissions for every method, including reads.

Stock DjangoModelPermissions lets any logged-in user read; here GET needs `view_*`, so a
role without the permission (e.g. the Rat on planning data) gets 403. Row scope by
Organisationseinheit is the queryset's job (the one visibility selector, `fuer_benutzer`).
"""

from __future__ import annotations

from rest_framework.permissions import DjangoModelPermissions


class RollenRechte(DjangoModelPermissions):
    perms_map = {
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }
