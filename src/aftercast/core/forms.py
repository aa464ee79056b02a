import datetime as dt
import zoneinfo
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from babel.core import get_global
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from aftercast.core import formatting
from aftercast.core.models import Role

T = TypeVar("T")


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


def run_service(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service with a valid form's data; show what it refused next to the fields.

    Services raise ValidationError keyed by their own argument names; a key the form has no
    field for is shown above the form, so no refusal is ever silent.
    """
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def _zones(*chosen: str) -> list[tuple[str, str]]:
    """The zones of real places (and UTC), by offset then name in the reader's language; a zone
    chosen earlier under an old name ("US/Eastern") stays on the list."""
    language = get_language() or "en"
    zones = list(_place_zones(language, dt.date.today()))
    known = _known_zones()
    zones += [(zone, formatting.time_zone(zone)) for zone in chosen if zone in known]
    return list(dict(zones).items())


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())  # reads the zone files from disk


@lru_cache(maxsize=4)
def _place_zones(language: str, _today: dt.date) -> tuple[tuple[str, str], ...]:
    """Naming 400 zones takes Babel most of a second: once a day per language (an offset
    that changes for summer time shows the day after)."""
    known = _known_zones()
    territories = get_global("zone_territories")
    zones = {z for z, place in territories.items() if z in known and place not in ("ZZ", "001")}
    zones.add("UTC")
    offsets = {zone: dt.datetime.now(zoneinfo.ZoneInfo(zone)).utcoffset() for zone in zones}
    labels = {zone: formatting.time_zone(zone, language) for zone in zones}
    ordered = sorted(zones, key=lambda zone: (offsets[zone], labels[zone]))
    return tuple((zone, labels[zone]) for zone in ordered)


class PreferencesForm(forms.Form):
    timezone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_("Dates and times are shown in it; empty follows the workspace."),
    )
    workspace_timezone = forms.ChoiceField(
        label=_("The workspace's time zone"),
        required=False,
        help_text=_("For members who have not chosen their own."),
    )

    def __init__(self, *args, owner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        zones = _zones(
            *(self.initial.get(name) or "" for name in ("timezone", "workspace_timezone"))
        )
        self.fields["timezone"].choices = [("", _("Same as the workspace"))] + zones  # type: ignore[attr-defined]
        if owner:
            self.fields["workspace_timezone"].choices = zones  # type: ignore[attr-defined]
        else:
            del self.fields["workspace_timezone"]


def posted(request):
    """The submitted data of a POST (even one whose every field was left out), else None: a
    form bound to it shows what is missing instead of starting over empty."""
    return request.POST if request.method == "POST" else None


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing attempts once an account or an address has failed too often
    (core/throttle.py), with the minutes to wait in the reader's language."""

    def clean(self):
        from aftercast.core import throttle

        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request) if self.request else "unknown"
        minutes = throttle.minutes_blocked(username, address)
        if minutes:
            raise ValidationError(
                ngettext(
                    "Too many failed attempts. Try again in %(minutes)s minute.",
                    "Too many failed attempts. Try again in %(minutes)s minutes.",
                    minutes,
                ) % {"minutes": minutes},
                code="throttled",
            )  # fmt: skip
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.record_success(username, address)
        return cleaned
