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
    writer = csv.writer(out)
    writer.writerow([*run.header, _("Reason")])
    width = len(run.header)
    for item in run.rejections.all().iterator():
        cells = ["'" + c if is_formula(c) else c for c in item.cells]
        cells += [""] * (width - len(cells))
        reasons = "; ".join(
            f"{column}: {message}" if column else message for column, message in item.messages()
        )
        writer.writerow([*cells, reasons])
