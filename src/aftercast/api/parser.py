"""Request bodies and query strings as django-ninja reads them, without the NUL character: no
user means it, and PostgreSQL cannot store it in a text (the request would fail on save)."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

NUL = "\x00"


def _refuse_nul(value, where: list) -> None:
    if isinstance(value, str):
        if NUL in value:
            message = _("Text may not contain the NUL character.")
            raise ValidationError([{"loc": where, "msg": message, "type": "nul_character"}])
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key, where)
            _refuse_nul(item, [*where, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul(item, [*where, index])


class TextParser(Parser):
    def parse_body(self, request):
        data = super().parse_body(request)
        _refuse_nul(data, ["body"])
        return data

    def parse_querydict(self, data, list_fields, request):
        parsed = super().parse_querydict(data, list_fields, request)
        _refuse_nul(parsed, ["query"])
        return parsed
