"""Getting a brief signed: the brand signs in the app; each creator answers through a link that
is signed (cannot be altered), single-purpose, expiring and answered once. The brief's status
follows the signatures of its current version."""

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercast.briefs.models import Brief, BriefStatus, BriefVersion, SignOff, SignOffRole
from aftercast.briefs.versions import freeze
from aftercast.campaigns.models import Partnership
from aftercast.campaigns.selectors import active_partnerships

LINK_SALT = "aftercast.briefs.creator-sign-off"
LINK_DAYS = 14


def _ready_to_sign(brief: Brief) -> None:
    if not brief.kpis.filter(is_primary=True).exists():
        raise ValidationError(
            _("The brief has no primary KPI: say what defines success before asking to sign.")
        )


def current_sign_offs(brief: Brief):
    """The sign-offs that still hold: those of the brief's current version."""
    return brief.sign_offs.filter(version=brief.version, superseded_at__isnull=True)


def refresh_status(brief: Brief) -> str:
    """Draft until sent; signed once the brand and every active creator accepted this version."""
    current = list(current_sign_offs(brief))
    brand_signed = any(s.role == SignOffRole.BRAND and s.signed_at for s in current)
    creators = set(active_partnerships(brief.campaign_market).values_list("pk", flat=True))
    accepted = {s.partnership_id for s in current if s.role == SignOffRole.CREATOR and s.signed_at}
    if not current:
        # A brief sent for sign-off before and changed since waits for signatures again.
        sent_before = BriefVersion.objects.filter(brief=brief).exists()
        status = BriefStatus.AWAITING_SIGN_OFF if sent_before else BriefStatus.DRAFT
    elif brand_signed and creators <= accepted:
        status = BriefStatus.SIGNED
    else:
        status = BriefStatus.AWAITING_SIGN_OFF
    # Written through the table: another copy of this brief (a creator's answer) may have
    # changed the status since this one was loaded.
    Brief.objects.filter(pk=brief.pk).exclude(status=status).update(
        status=status, updated_at=timezone.now()
    )
    brief.status = status
    return status


@transaction.atomic
def sign_as_brand(brief: Brief, *, user, signer_name: str = "") -> SignOff:
    """The brand side accepts the current version of the brief."""
    _ready_to_sign(brief)
    if current_sign_offs(brief).filter(role=SignOffRole.BRAND, signed_at__isnull=False).exists():
        raise ValidationError(_("The brand has already signed this version."))
    freeze(brief, user)
    now = timezone.now()
    sign_off = SignOff.objects.create(
        workspace_id=brief.workspace_id,
        brief=brief,
        role=SignOffRole.BRAND,
        signer_name=signer_name or user.get_full_name() or user.get_username(),
        user=user,
        requested_at=now,
        signed_at=now,
        responded_at=now,
        version=brief.version,
    )
    refresh_status(brief)
    return sign_off


@transaction.atomic
def request_creator_sign_off(
    brief: Brief, *, user, partnership: Partnership, days: int = LINK_DAYS
) -> tuple[SignOff, str]:
    """Ask a creator to accept the brief; returns the sign-off and the token of their link.

    An earlier unanswered request of the same version is replaced: only the newest link works.
    """
    _ready_to_sign(brief)
    if not active_partnerships(brief.campaign_market).filter(pk=partnership.pk).exists():
        raise ValidationError({"partnership": _("This creator does not work in this market.")})
    freeze(brief, user)
    now = timezone.now()
    current_sign_offs(brief).filter(partnership=partnership, responded_at__isnull=True).update(
        superseded_at=now
    )
    sign_off = SignOff.objects.create(
        workspace_id=brief.workspace_id,
        brief=brief,
        role=SignOffRole.CREATOR,
        signer_name=partnership.account.creator.name,
        partnership=partnership,
        requested_at=now,
        link_expires_at=now + dt.timedelta(days=days),
        version=brief.version,
    )
    refresh_status(brief)
    return sign_off, link_token(sign_off)


def link_token(sign_off: SignOff) -> str:
    return signing.dumps({"s": sign_off.pk, "v": sign_off.version}, salt=LINK_SALT, compress=True)


class LinkProblem(Exception):
    """Why a creator's link cannot be used; `code` names it, `sign_off` is set when known."""

    def __init__(self, code: str, sign_off: SignOff | None = None):
        super().__init__(code)
        self.code, self.sign_off = code, sign_off


def open_link(token: str, *, lock: bool = False) -> SignOff:
    """Return the sign-off a creator's link asks for, or raise LinkProblem saying why not.

    With `lock`, the row is locked first and checked after, so two answers at once cannot
    both pass (inside a transaction)."""
    found = SignOff.objects.select_related(
        "brief__campaign_market__campaign__brand",
        "brief__campaign_market__market",
        "partnership__account__creator",
    )
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        if lock:
            found = found.select_for_update(of=("self",))
        sign_off = found.get(pk=payload["s"], version=payload["v"], role=SignOffRole.CREATOR)
    except (signing.BadSignature, SignOff.DoesNotExist, KeyError, TypeError):
        raise LinkProblem("invalid") from None
    problem = link_problem(sign_off, sign_off.brief.version)
    if problem:
        raise LinkProblem(problem, sign_off)
    return sign_off


def link_problem(sign_off: SignOff, current_version: int) -> str:
    """Why a creator's link can no longer be used ("withdrawn", "used", "superseded",
    "expired"), or ""."""
    if sign_off.deleted_at is not None:  # its campaign was removed
        return "withdrawn"
    if sign_off.responded_at is not None:
        return "used"
    if sign_off.superseded_at is not None or sign_off.version != current_version:
        return "superseded"
    if sign_off.link_expires_at is None or sign_off.link_expires_at <= timezone.now():
        return "expired"
    return ""


@transaction.atomic
def answer_link(token: str, *, accept: bool, comment: str = "") -> SignOff:
    """Record the creator's answer: acceptance, or a comment asking for changes. Once only."""
    sign_off = open_link(token, lock=True)
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say what should change, so the brand can answer.")})
    now = timezone.now()
    sign_off.responded_at = now
    sign_off.signed_at = now if accept else None
    sign_off.comment = comment.strip()
    sign_off.save(update_fields=["responded_at", "signed_at", "comment", "updated_at"])
    refresh_status(sign_off.brief)
    return sign_off
