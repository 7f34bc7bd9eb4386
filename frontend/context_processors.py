from django.conf import settings

from frontend.navigation import eintraege_fuer
from organisation.selectors import rollen_von


def oberflaeche(request):
    user = getattr(request, "user", None)
    angemeldet = bool(user and user.is_authenticated)
    return {
        "demo_modus": settings.DEMO_MODUS,
        "navigation": eintraege_fuer(user) if angemeldet else [],
        "rollen": sorted(rollen_von(user)) if angemeldet else [],
    }
