from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """Installed only by the local and test settings: adds the `grossstadt_daten` command."""

    name = "bench"
    verbose_name = _("Benchmarks")
