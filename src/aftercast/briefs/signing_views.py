"""The creator's sign-off page: reached through a signed link, without an account."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from aftercast.briefs import sign_offs, versions
from aftercast.briefs.models import SignOff
from aftercast.briefs.sign_offs import LinkProblem
from aftercast.catalog.selectors import creator_page_language


def _language_of(sign_off: SignOff | None, request: HttpRequest) -> str:
    """The brief is shown in the creator's language (or the one they switch to)."""
    link = sign_off.partnership if sign_off is not None else None
    return creator_page_language(link.account.creator if link is not None else None, request)


@never_cache
@csrf_protect
def sign_off(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = sign_offs.open_link(token)
    except LinkProblem as problem:
        with translation.override(_language_of(problem.sign_off, request)):
            return render(
                request,
                "briefs/sign_off_closed.html",
                {"problem": problem.code, "sign_off": problem.sign_off},
                status=410 if problem.code != "invalid" else 404,
            )
    with translation.override(_language_of(found, request)):
        error = ""
        if request.method == "POST":
            accept = request.POST.get("answer") == "accept"
            try:
                answered = sign_offs.answer_link(
                    token, accept=accept, comment=request.POST.get("comment", "")
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            except LinkProblem as problem:
                return render(
                    request,
                    "briefs/sign_off_closed.html",
                    {"problem": problem.code, "sign_off": problem.sign_off},
                    status=410,
                )
            else:
                return render(request, "briefs/sign_off_done.html", {"sign_off": answered})
        brief, link = found.brief, found.partnership
        assert link is not None  # creator sign-offs always name their partnership
        context = {
            "sign_off": found,
            "brief": brief,
            "kpis": brief.kpis.all(),
            "checkins": versions.planned_checkins(brief.campaign_market),
            "posts": link.deliverables.filter(deleted_at__isnull=True).order_by("planned_at"),
            "error": error,
            "comment": request.POST.get("comment", ""),
        }
        return render(request, "briefs/sign_off.html", context)
