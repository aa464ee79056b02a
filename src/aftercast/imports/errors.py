"""Why a file or a row was refused, as codes with messages in the reader's language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # whole file
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
    "duplicate_headers": _(
        "Several columns are called “{header}”: rename them so each column has its own name."
    ),
    "no_key_column": _(
        "No column says which post or creator a row belongs to (a post link, "
        "a post ID or a creator handle)."
    ),
    "no_date_column": _("No column holds the date of the numbers."),
    "no_metric_column": _("No column holds a metric Aftercast knows."),
    "market_needed": _(
        "This campaign runs in several markets: choose the market the file is about."
    ),
    # one row
    "formula": _("The cell holds a formula ({value}); only values are imported."),
    "not_a_number": _("“{value}” is not a number."),
    "negative": _("{column} cannot be negative ({value})."),
    "bad_date": _("“{value}” is not a date in the format {format}."),
    "missing_date": _("The date is empty."),
    "unknown_post": _("No post of this campaign matches “{value}”."),
    "creator_not_in_campaign": _("“{value}” does not work on this campaign."),
    "missing_key": _("The row does not say which post or creator it is about."),
}


class ImportProblem(Exception):
    """A refusal with a code and the values its message needs."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]).format(**self.params)
