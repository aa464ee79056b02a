"""The rejected rows of an import as a file the user can fix and import again as it is."""

import csv

from django.utils.translation import gettext as _

from aftercast.imports.models import ImportRun
from aftercast.imports.parsing import is_formula


def rejected_rows_csv(run: ImportRun, out) -> None:
    """Write the file's own header and each refused row's original cells, plus the reason.

    Rows that landed in part are included too, with the refused cells named: importing the
    fixed file again updates what landed and adds what was refused. A leading apostrophe
    keeps spreadsheet programs from running formula-like cells.
    """
    out.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    # The file's own delimiter: a Russian Excel reads ";" files, an American one ",".
    delimiter = run.options.get("delimiter", ",") if run.options.get("kind") == "csv" else ","
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([safe(cell) for cell in [*run.header, _("Reason")]])
    width = len(run.header)
    for item in run.rejections.all().iterator():
        cells = [safe(cell) for cell in item.cells]
        cells += [""] * (width - len(cells))
        reasons = "; ".join(
            f"{column}: {message}" if column else message for column, message in item.messages()
        )
        writer.writerow([*cells, safe(reasons)])


def safe(cell: str) -> str:
    """A cell a spreadsheet program will show, never run (formulas, and the tab or carriage
    return that some programs skip before one)."""
    return "'" + cell if is_formula(cell) or cell[:1] in ("\t", "\r") else cell
