import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers


def language_for(request: HttpRequest) -> str:
    """Return the user's saved language, else the cookie's or the browser's, else English."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = getattr(user, "profile", None)
        if profile is not None and profile.language:
            return profile.language
    # Unknown or unsupported codes fall back to settings.LANGUAGE_CODE (English).
    return translation.get_language_from_request(request)


class UserLanguageMiddleware:
    """Activate the language remembered per user; LocaleMiddleware cannot see the user yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


def supported_language(code: str | None) -> str:
    """Return `code` when Aftercast speaks it, else English."""
    codes = {language for language, _ in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


class NulByteMiddleware:
    """Drop NUL characters from query parameters: no search or filter means one, and
    PostgreSQL refuses them in text ("?q=%00" would otherwise be a 500 on every list)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in "".join(value for _key, values in request.GET.lists() for value in values):
            cleaned = request.GET.copy()
            for key, values in request.GET.lists():
                cleaned.setlist(key, [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned  # type: ignore[assignment]
        return self.get_response(request)


class TimeZoneMiddleware:
    """Show times in the member's time zone, else in their workspace's (UTC before login)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from aftercast.core.permissions import current_membership

        zone = ""
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            profile = getattr(request.user, "profile", None)
            zone = getattr(profile, "timezone", "") or ""
            if not zone:
                membership = current_membership(request)
                zone = membership.workspace.timezone if membership else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone)) if zone else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


# The UI loads nothing from elsewhere and runs no inline script (static/aftercast/app.js does
# what inline handlers did), so the policy names only this origin. Vega and htmx set inline
# styles; and a page that draws charts (its template loads them: core/templatetags/charts.py)
# also allows `eval`, which Vega compiles its expressions with (its CSP-safe interpreter is
# not in the offline bundle) - no other page does.
_POLICY = [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'",
    "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
]  # fmt: skip
CONTENT_SECURITY_POLICY = "; ".join(_POLICY)
CHARTS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-eval'"
)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy with every response that has none of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        charts = getattr(request, "draws_charts", False)
        response.headers.setdefault(
            "Content-Security-Policy", CHARTS_POLICY if charts else CONTENT_SECURITY_POLICY
        )
        return response
