"""Lists: one page at a time, filtered and sorted by what the reader chose in the query string."""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


@dataclass(frozen=True)
class Sort:
    label: object  # a lazy translation
    order_by: tuple  # field names or ordering expressions


@dataclass
class Listing:
    page: Page
    filters: dict[str, str]  # what the reader chose, for the form and the page links
    sort: str
    sorts: dict[str, Sort]


def read_filters(request: HttpRequest, names: tuple[str, ...]) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in names}


def read_date(text: str) -> dt.date | None:
    """A filter date as the browser's date field sends it; anything else is ignored."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def list_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    filters: dict[str, str],
    sorts: dict[str, Sort],
    default: str,
    size: int = PAGE_SIZE,
) -> Listing:
    """Sort the list as asked (an unknown sort falls back to the default) and cut one page."""
    sort = request.GET.get("sort", "")
    sort = sort if sort in sorts else default
    ordered = queryset.order_by(*sorts[sort].order_by, "pk")
    page = Paginator(ordered, size).get_page(request.GET.get("page"))
    shown = {**filters, "sort": sort} if sort != default else dict(filters)
    return Listing(page=page, filters=shown, sort=sort, sorts=sorts)
