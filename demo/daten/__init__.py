"""The demo Kommune, one module per area; `laden()` builds it in dependency order.

Order matters: the Zielpyramide needs the units and users, the HSK-Controlling attaches to the
pyramid's HSK-Maßnahmen, the Haushalt to the pyramid's Produkte, the Tertialberichte are approved and published after both (a published
report freezes its HSK section), the Sozialraum links indicators to pyramid Kennzahlen.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import transaction

from demo.daten import berichte, controlling, haushalt, organisation, sozialraum, steuerung
from organisation.benachrichtigungen import ohne_mail

# (app label whose verbose name is reported, loader)
TEILE: list[tuple[str, Callable[[], None]]] = [
    ("organisation", organisation.laden),
    ("steuerung", steuerung.laden),
    ("controlling", controlling.laden),
    ("haushalt", haushalt.laden),
    ("steuerung", berichte.laden),
    ("sozialraum", sozialraum.laden),
]


def laden(*, melden: Callable[[str], None] = lambda _text: None) -> None:
    """Build the whole demo Kommune in one transaction, so a failure leaves nothing half-built.

    The workflow steps of the demo reports notify people in the app, but mail nobody.
    """
    with transaction.atomic(), ohne_mail():
        for app_label, teil_laden in TEILE:
            teil_laden()
            melden(f"Demodaten geladen: {apps.get_app_config(app_label).verbose_name}")
