from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.catalog.models import Market
from aftercast.imports.mapping import IGNORE
from aftercast.imports.readers import DATE_FORMATS
from aftercast.imports.synonyms import KEY_COLUMNS, METRIC_COLUMNS
from aftercast.metrics.registry import METRICS

ENCODINGS = [
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 (BOM)"),
    ("utf-16", "UTF-16"),
    ("utf-16-le", "UTF-16 LE"),
    ("cp1251", "Windows-1251"),
]
DELIMITERS = [(",", ", (comma)"), (";", "; (semicolon)"), ("\t", "Tab"), ("|", "|")]


def target_choices():
    keys = [
        ("post_url", _("Post link")),
        ("post_id", _("Post ID")),
        ("handle", _("Creator handle")),
        ("date", _("Date")),
    ]
    metrics = [(key, METRICS[key].name) for key in METRIC_COLUMNS]
    assert {k for k, _label in keys} == set(KEY_COLUMNS)
    return [("", _("— not imported —")), *keys, *metrics, (IGNORE, _("Ignore"))]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, TSV, XLSX or XLS exported from a platform or your own sheet."),
    )
    market = forms.ChoiceField(label=_("Market"), required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        codes = campaign.markets.values_list("market__code", flat=True)
        markets = Market.objects.filter(code__in=codes)
        self.fields["market"].choices = [("", _("All markets of the campaign"))] + [
            (m.code, m.name) for m in markets
        ]


class ReadingForm(forms.Form):
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS)
    delimiter = forms.ChoiceField(label=_("Delimiter"), choices=DELIMITERS)
    decimal = forms.ChoiceField(label=_("Decimal mark"), choices=[(",", ","), (".", ".")])
    date_format = forms.ChoiceField(
        label=_("Date format"),
        choices=[
            (f, f.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY"))
            for f in DATE_FORMATS
        ],
    )
    dry_run = forms.BooleanField(label=_("Only check, change nothing (dry run)"), required=False)
    remember = forms.BooleanField(
        label=_("Remember these choices for the next file with the same columns"), required=False
    )
