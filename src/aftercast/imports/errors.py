"""Why a file or a row was refused: codes (stored) with messages in the reader's language
(rendered when shown, so a Russian reader sees a Russian reason for an import run in English)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from aftercast.core.formatting import number

FILE_MESSAGES = {
    "no_file": _("There is no file at {path}."),
    "no_campaign": _("There is no campaign “{slug}”."),
    "ambiguous_campaign": _("Several workspaces have a campaign “{slug}”: add --workspace."),
    "no_workspace": _("There is no workspace “{slug}”."),
    "empty_file": _("The file is empty."),
    "header_only": _("The file has a header but no rows."),
    "binary_file": _(
        "This is not a table: the file holds binary data (is it an image or an "
        "archive renamed to .csv?)."
    ),
    "unknown_encoding": _(
        "The text encoding could not be recognised (tried UTF-8, UTF-16 and Windows-1251)."
    ),
    "broken_workbook": _("The spreadsheet cannot be opened: it is damaged or truncated."),
    "too_large": _("The file is larger than {limit} MB."),
    "sheet_too_large": _(
        "The sheet spans {cells} cells; Aftercast reads sheets of at most {limit} cells. "
        "Delete the empty rows and columns around the table, or save it as CSV."
    ),
    "packed_too_large": _(
        "The workbook unpacks to more than {limit} MB: it is not a platform export "
        "Aftercast can read."
    ),
    "field_too_large": _(
        "Row {row} has a cell longer than {limit} characters: is a quote left open?"
    ),
    "duplicate_headers": _(
        "Several columns are called “{header}”: rename them so each column has its own name."
    ),
    "no_key_column": _(
        "No column says which post or creator a row belongs to (a post link, a post ID or "
        "a creator handle): choose the creator whose export this is."
    ),
    "no_date_column": _("No column holds the date of the numbers."),
    "no_metric_column": _("No column holds a metric Aftercast knows."),
    "no_text_column": _("No column holds the text of the comments."),
    "no_rate_column": _("No column holds the exchange rate."),
    "no_journey_columns": _(
        "A journey file needs three columns: a journey ID, a channel and the time of the touch."
    ),
    "market_needed": _(
        "This campaign runs in several markets: choose the market the file is about."
    ),
    "unknown_creator": _("“{value}” does not work on this campaign (or in the chosen market)."),
    "currencies_needed": _("Say which currencies the rates are for, e.g. USD and RUB."),
    "interrupted": _(
        "The import stopped before it finished (its process ended); everything it had "
        "written was removed."
    ),
    "crashed": _("The import failed ({reason}); everything it had written was removed."),
    "later_imports_first": _(
        "Later imports into the same place are still in effect ({count}, the newest "
        "“{file}”): roll them back first, newest first, so that no later number is "
        "overwritten."
    ),
    "bad_encoding": _("“{value}” is not a text encoding Aftercast knows (e.g. utf-8, cp1251)."),
    "bad_delimiter": _("“{value}” cannot separate columns: give one character, e.g. ; or ,"),
    "bad_decimal": _("“{value}” is not a decimal mark: give , or ."),
    "bad_date_format": _("“{value}” is not a date format, e.g. %d.%m.%Y."),
    "bad_currency": _("“{value}” is not a currency code: give three letters, e.g. USD."),
    "legacy": "{message}",
}

ROW_MESSAGES = {
    "formula": _("The cell holds a formula ({value}); only values are imported."),
    "not_a_number": _("“{value}” is not a number."),
    "negative": _("{column} cannot be negative ({value})."),
    "not_positive": _("{column} must be greater than zero ({value})."),
    "bad_date": _("“{value}” is not a date in the format {format}."),
    "missing_date": _("The date is empty."),
    "creator_not_in_campaign": _(
        "“{value}” does not work on this campaign: add them to it, or choose whose export this is."
    ),
    "creator_not_on_platform": _(
        "“{value}” works on this campaign, but not on the platform of this link."
    ),
    "creator_in_several_markets": _(
        "“{value}” has several accounts on this campaign (in several markets or on several "
        "platforms): choose the market the file is about, or give post links."
    ),
    "missing_key": _(
        "The row does not say which creator it is about: add a creator column or choose "
        "the creator whose export this is."
    ),
    "not_a_link": _("“{value}” is not a web address."),
    "other_creators_post": _("The post “{value}” belongs to another creator of this campaign."),
    "missing_text": _("The comment text is empty."),
    "sentiment_out_of_range": _("The sentiment score “{value}” is not between −1 and 1."),
    "sentiment_unreadable": _(
        "“{value}” is neither a sentiment score (−1 to 1) nor positive, neutral or negative."
    ),
    "missing_value": _("{column} is empty."),
    "out_of_range": _("“{value}” is too large to be stored."),
}

MESSAGES = {**FILE_MESSAGES, **ROW_MESSAGES}


def render(code: str, params: dict | None = None) -> str:
    """Return the reason for `code` in the active language. Values are kept raw and written
    for the reader here: whole numbers in the reader's style (17,179,869,184 or
    17 179 869 184), a date format as the reader writes it (DD.MM.YYYY or ДД.ММ.ГГГГ)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    shown = {}
    for name, value in (params or {}).items():
        if name == "format":
            value = readable_date_format(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = number(value, digits=0)
        shown[name] = value
    return str(template).format(**shown)


def readable_date_format(date_format: str) -> str:
    """%d.%m.%Y as people write it: DD.MM.YYYY, ДД.ММ.ГГГГ."""
    words = (
        ("%d", pgettext("date format", "DD")),
        ("%m", pgettext("date format", "MM")),
        ("%Y", pgettext("date format", "YYYY")),
        ("%y", pgettext("date format", "YY")),
        ("%b", pgettext("date format", "Mon")),
    )
    for code, word in words:
        date_format = date_format.replace(code, word)
    return date_format


class ImportProblem(Exception):
    """A refusal with a code and the values its message needs."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def as_dict(self) -> dict:
        """Return the refusal as the JSON error object the CLI and the API print."""
        return {"code": self.code, "message": self.message}
