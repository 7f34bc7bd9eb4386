"""Local demo: SQLite under var/, debug on, tasks in-process unless REDIS_URL is set."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_DEMO", "true")
# Only the local demo has a default secret; production must set DJANGO_SECRET_KEY.
os.environ.setdefault("DJANGO_SECRET_KEY", "nur-fuer-die-lokale-demo-nicht-produktiv-verwenden")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import INSTALLED_APPS  # noqa: E402

# The benchmark tooling (`manage.py grossstadt_daten`) exists only outside production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
