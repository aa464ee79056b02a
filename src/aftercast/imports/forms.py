from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.models import Partnership
from aftercast.catalog.models import Market
from aftercast.imports.errors import readable_date_format
from aftercast.imports.mapping import IGNORE
from aftercast.imports.readers import DATE_FORMATS
from aftercast.imports.synonyms import METRIC_COLUMNS, TABLES
from aftercast.metrics.registry import METRICS

ENCODINGS = [
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 (BOM)"),
    ("utf-16", "UTF-16"),
    ("utf-16-le", "UTF-16 LE"),
    ("cp1251", "Windows-1251"),
]
DELIMITERS = [
    (",", _(", (comma)")),
    (";", _("; (semicolon)")),
    ("\t", _("Tab")),
    ("|", "|"),
]


def target_choices(kind: str = "observations"):
    """What a column can be made to mean in a file of `kind`, labelled for the reader."""
    labels = {
        "post_url": _("Post link"),
        "post_id": _("Post ID"),
        "handle": _("Creator handle"),
        "date": _("Date"),
        "published": _("Publish time"),
        "format": _("Post type"),
        "text": _("Comment text"),
        "author": _("Comment author"),
        "comment_id": _("Comment ID"),
        "sentiment": _("Sentiment score (−1 to 1)"),
        "journey_id": _("Journey ID"),
        "channel": _("Channel"),
        "timestamp": _("Time of the touch"),
        "converted": _("Converted"),
        "value": _("Order value"),
        "rate": _("Exchange rate"),
        "nominal": _("Nominal"),
        **{key: METRICS[key].name for key in METRIC_COLUMNS},
    }
    targets = [(target, labels[target]) for target in TABLES[kind]]
    return [(IGNORE, _("— not imported —")), *targets]


def creator_choices(campaign):
    """The campaign's creators, for files that never name the account."""
    handles = sorted(
        set(
            Partnership.objects.filter(campaign_market__campaign=campaign).values_list(
                "account__handle", "account__platform__name"
            )
        )
    )
    return [("", _("The file names its creators"))] + [
        (handle, f"@{handle} · {platform}") for handle, platform in handles
    ]


def date_format_choices():
    """Called per form, so the reader's language names the parts (ДД.ММ.ГГГГ)."""
    return [(f, readable_date_format(f)) for f in DATE_FORMATS]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, TSV, XLSX or XLS exported from a platform or your own sheet."),
    )
    market = forms.ChoiceField(label=_("Market"), required=False)
    creator = forms.ChoiceField(
        label=_("Whose export is it?"),
        required=False,
        help_text=_(
            "For files that never name the account: YouTube Studio, VK community statistics, "
            "Telegram channel stats."
        ),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["creator"].choices = creator_choices(campaign)
        codes = campaign.markets.values_list("market__code", flat=True)
        markets = Market.objects.filter(code__in=codes)
        self.fields["market"].choices = [("", _("All markets of the campaign"))] + [
            (m.code, m.name) for m in markets
        ]


class ReadingForm(forms.Form):
    creator = forms.ChoiceField(
        label=_("Whose export is it?"),
        required=False,
        help_text=_(
            "For files that never name the account: YouTube Studio, VK community statistics, "
            "Telegram channel stats."
        ),
    )
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS)
    delimiter = forms.ChoiceField(label=_("Delimiter"), choices=DELIMITERS)
    decimal = forms.ChoiceField(label=_("Decimal mark"), choices=[(",", ","), (".", ".")])
    date_format = forms.ChoiceField(label=_("Date format"), choices=date_format_choices)
    dry_run = forms.BooleanField(label=_("Only check, change nothing (dry run)"), required=False)
    remember = forms.BooleanField(
        label=_("Remember these choices for the next file with the same columns"), required=False
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["creator"].choices = creator_choices(campaign)
