"""Charts everywhere in the app: Vega-Lite specs drawn in the browser by vega-embed, from a
bundle vl-convert builds offline (nothing is fetched from a CDN), in the reader's language and
number format, in the font the PDFs use so documents and pages look alike."""

import fcntl
import functools
import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import vl_convert
from django.conf import settings

FONT = "DejaVu Sans"
# Severity colours shared by every traffic light (the CSS badges use the same).
SEVERITY_COLOURS = {"act": "#c0392b", "watch": "#e0a100", "missing": "#a0a4ab", "ok": "#2e8b57"}

# d3's number and time locales: decimal comma and a narrow space in Russian.
LOCALES = {
    "en": {
        "format": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""],
                   "percent": "%"},
        "time": {
            "dateTime": "%x, %X", "date": "%-m/%-d/%Y", "time": "%-I:%M:%S %p",
            "periods": ["AM", "PM"],
            "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
            "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"],
            "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                            "Nov", "Dec"],
        },
    },
    "ru": {
        "format": {"decimal": ",", "thousands": "\u00a0", "grouping": [3],
                   "currency": ["", "\u00a0₽"], "percent": "\u00a0%"},
        "time": {
            "dateTime": "%A, %e %B %Y г. %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница",
                     "суббота"],
            "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
            "months": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                       "сентября", "октября", "ноября", "декабря"],
            "shortMonths": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт",
                            "ноя", "дек"],
        },
    },
}  # fmt: skip

# Embeds every chart on the page (and in what htmx swaps in) from its JSON spec.
_EMBED = """
window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;
const LOCALES = %s;
function embedCharts(root) {
  root.querySelectorAll("[data-chart]:not([data-embedded])").forEach(function (element) {
    const source = document.getElementById(element.dataset.chart);
    if (!source) return;
    // The language of what the chart sits in: a Russian document read in the English app
    // formats its numbers the Russian way.
    const within = element.closest("[lang]");
    const lang = ((within && within.lang) || "en").startsWith("ru") ? "ru" : "en";
    element.dataset.embedded = "1";
    vegaEmbed(element, JSON.parse(source.textContent), {
      renderer: "svg", actions: false,
      formatLocale: LOCALES[lang].format, timeFormatLocale: LOCALES[lang].time,
    }).catch(function (error) {
      element.textContent = element.dataset.failed || String(error);
    });
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", function () { embedCharts(document); });
} else {
  embedCharts(document);
}
document.addEventListener("htmx:load", function (event) { embedCharts(event.target); });
"""


@functools.cache
def version() -> str:
    """Changes whenever the bundle would: a new vl-convert, or new embedding code."""
    source = (_EMBED % json.dumps(LOCALES)).encode()
    return f"{getattr(vl_convert, '__version__', '1')}-{hashlib.sha256(source).hexdigest()[:8]}"


_BUILD = """
import sys, vl_convert
from pathlib import Path
Path(sys.argv[1]).write_text(vl_convert.javascript_bundle(sys.stdin.read()), encoding="utf-8")
"""


def script_path() -> Path:
    """vega, vega-lite, vega-embed and the embedding code in one file under AFTERCAST_HOME.
    Built once, offline, in a separate process: the JavaScript engine that builds it takes
    about 100 MB the web server would otherwise keep for its whole life."""
    path = Path(settings.AFTERCAST_HOME) / "charts" / f"charts-{version()}.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time across processes and threads; the others wait, then find the file.
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
            subprocess.run(
                [sys.executable, "-c", _BUILD, str(partial)],
                input=_EMBED % json.dumps(LOCALES), text=True, check=True, timeout=600,
            )  # fmt: skip
            partial.replace(path)  # atomic: a reader never sees half a file
    return path


def config() -> dict:
    """The look every chart shares."""
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "titleFontSize": 11,
                 "gridColor": "#eceef1", "domainColor": "#c9cdd3", "tickColor": "#c9cdd3"},
        "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom", "labelLimit": 320},
        "title": {"font": FONT, "fontSize": 13, "anchor": "start"},
        "text": {"font": FONT},
        # Described as a whole, in the reader's language (see the chart's `description`).
        "aria": False,
    }  # fmt: skip


def spec(chart, description: str) -> dict:
    """An Altair chart's Vega-Lite spec. Its marks, axes and legends are hidden from screen
    readers (vega would describe them in English, by field names); the chart as a whole is
    described by `description`, in the reader's language, and the page says the same in text."""
    result = chart.properties(description=description).configure(**config()).to_dict()
    result.pop("$schema", None)  # the bundle carries its own Vega-Lite
    return result
