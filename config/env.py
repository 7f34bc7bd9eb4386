"""Environment access for settings: one place that knows the variables and their defaults."""

from __future__ import annotations

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (see .env.example) is optional; real deployments set variables directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
