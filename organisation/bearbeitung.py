"""Who may edit: the role and unit checks every write service runs before it changes a row.

Model permissions say which models a role may write at all; the unit scope (the same one
every read uses, `sichtbare_oe_ids`) says whose rows. The optimistic lock itself is
core.bearbeitung.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from organisation.selectors import sichtbare_oe_ids


def recht_pruefen(user, app_label: str, aktion: str, modell: str) -> None:
    if not user.has_perm(f"{app_label}.{aktion}_{modell}"):
        raise PermissionDenied(_("Ihre Rolle darf dies nicht ändern."))


def einheit_pruefen(user, oe_id: int | None) -> None:
    scope = sichtbare_oe_ids(user)
    if scope is not None and oe_id not in scope:
        raise PermissionDenied(_("Sie dürfen nur Einträge Ihrer eigenen Organisationseinheit bearbeiten."))
