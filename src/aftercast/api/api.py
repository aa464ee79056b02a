"""The REST API: /api/v1/, personal bearer tokens, errors as JSON in the request's language."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as Refusal
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from aftercast.api.auth import TokenAuth
from aftercast.api.parser import TextParser
from aftercast.api.routers import (
    campaigns,
    catalog,
    checkins,
    debriefs,
    imports,
    learnings,
    metrics,
    planning,
    reports,
    trash,
)
from aftercast.campaigns.plans import PlanErrors
from aftercast.imports.errors import ImportProblem

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Aftercast API",
    version="1",
    description="Campaigns, creators and metrics of your workspace. "
    "Send a personal token as `Authorization: Bearer <token>`.",
    auth=TokenAuth(),
    parser=TextParser(),
    urls_namespace="api",
)
api.add_router("", catalog.router)
api.add_router("", campaigns.router)
api.add_router("", metrics.router)
api.add_router("", imports.router)
api.add_router("", planning.router)
api.add_router("", checkins.router)
api.add_router("", debriefs.router)
api.add_router("", learnings.router)
api.add_router("", reports.router)
api.add_router("", trash.router)


def error(request: HttpRequest, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"detail": message, "code": code, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error(request, 401, "unauthenticated", _("A valid API token is required."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error(request, 403, "forbidden", _("Your role does not allow this."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, "not_found", _("Not found."))


@api.exception_handler(ValidationError)
def on_invalid(request, exc):
    return error(request, 422, "invalid", _("The request is not valid."), errors=exc.errors)


@api.exception_handler(Refusal)
def on_refused(request, exc):
    # What a planning service refused, by field, in the request's language.
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error(request, 422, "refused", _("The request was refused."), fields=fields)


@api.exception_handler(PlanErrors)
def on_plan_refused(request, exc):
    problems = [{"where": where, "message": message} for where, message in exc.problems]
    return error(request, 422, "plan_refused", _("The plan was not loaded."), problems=problems)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    # django-ninja turns whatever its body parser raises into an English 400: what our parser
    # refused stays a 422 with its field, and a body that is not JSON is said in the reader's
    # language.
    if isinstance(exc.__cause__, ValidationError):
        return on_invalid(request, exc.__cause__)
    if exc.__cause__ is not None:
        return error(request, 400, "unreadable", _("The request body is not valid JSON."))
    return error(request, exc.status_code, "error", str(exc))


@api.exception_handler(ImportProblem)
def on_refused_file(request, exc):
    # The same object `aftercast import --json` prints: the code stays, the message is translated.
    return api.create_response(request, {"error": exc.as_dict()}, status=400)


@api.exception_handler(Exception)
def on_crash(request, exc):
    logger.exception("API error")
    return error(request, 500, "server_error", _("Something went wrong on our side."))
