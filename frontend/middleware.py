"""Every page needs a login, except login itself, the health check and the API.

The API authenticates inside DRF (session or token) and answers 401/403 itself, so the
redirect to the login page must not apply to it.
"""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware

OFFENE_PRAEFIXE = ("/api/", "/healthz", "/static/", "/admin/")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(OFFENE_PRAEFIXE):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
