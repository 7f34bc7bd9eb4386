from functools import cache, partial

from django.conf import settings

from frontend.navigation import eintraege_fuer
from organisation.benachrichtigungen import ungelesene_anzahl
from organisation.rollen import Rolle
from organisation.selectors import kommune, rollen_von


def _kommune_name() -> str:
    return kommune().name


def oberflaeche(request):
    user = getattr(request, "user", None)
    angemeldet = bool(user and user.is_authenticated)
    rollen = rollen_von(user) if angemeldet else frozenset()
    return {
        "demo_modus": settings.DEMO_MODUS,
        "navigation": eintraege_fuer(user) if angemeldet else [],
        "rollen": sorted(rollen),
        # Links into the administration's tools (API documentation, raw JSON) are for staff; the
        # council's pages show the report, not the plumbing.
        "interne_links": angemeldet and (user.is_superuser or bool(rollen - {Rolle.RAT})),
        # The bell in the page header: one COUNT query per page, and only when a template shows it
        # (templates call a callable; the cache makes every further use free).
        "ungelesene_benachrichtigungen": cache(partial(ungelesene_anzahl, user)) if angemeldet else 0,
        # The Kommune's name from its settings, read only when the header shows it.
        "kommune_name": cache(_kommune_name),
    }
