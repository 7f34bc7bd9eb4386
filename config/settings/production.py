"""Production: everything from environment variables; secure transport enforced."""

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

# Static files under content-hashed names (collectstatic writes them and staticfiles.json, see the
# Dockerfile); WhiteNoise serves a hashed name with "max-age=315360000, immutable", so a browser
# loads each script once per version. Unhashed names keep WhiteNoise's short max-age.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
