"""What a recompute changed: verdicts, measured values, findings that appeared, vanished or
crossed the line of significance, and the suggested failure type, said in the reader's
language from codes stored with their parameters."""

from django.utils.translation import gettext as _

from aftercast.catalog.models import Market
from aftercast.core import formatting
from aftercast.debriefs.models import Debrief, FailureType, Verdict
from aftercast.debriefs.wording import SIGNIFICANT, deciding_p
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric

LIFT_MOVED = 0.01  # a lift that moved less than a percentage point is not news


def snapshot(debrief: Debrief) -> dict:
    verdicts = {
        v.campaign_market.market.code: {
            "metric": v.metric,
            "actual": None if v.actual is None else float(v.actual),
            "verdict": v.verdict,
            "currency": v.campaign_market.currency,
        }
        for v in debrief.verdicts.select_related("campaign_market__market")
    }
    findings = {}
    for f in debrief.findings.filter(value_a__isnull=False).select_related("variant", "market"):
        key = "|".join([f.variant.name if f.variant else "", f.market.code if f.market else "",
                        f.metric])  # fmt: skip
        p = deciding_p(f)
        findings[key] = {"lift": f.effect_rel, "clear": p is not None and p < SIGNIFICANT}
    return {"verdicts": verdicts, "findings": findings, "suggested": debrief.failure_suggested}


def between(before: dict, after: dict) -> list[dict]:
    found: list[dict] = []
    for market, now in after["verdicts"].items():
        was = before["verdicts"].get(market)
        if was is None or was["metric"] != now["metric"]:
            found.append(_item("verdict_new", market=market, metric=now["metric"],
                               verdict=now["verdict"]))  # fmt: skip
        elif was["verdict"] != now["verdict"]:
            found.append(_item("verdict", market=market, metric=now["metric"],
                               before=was["verdict"], after=now["verdict"]))  # fmt: skip
        elif was["actual"] != now["actual"]:
            found.append(_item("actual", market=market, metric=now["metric"],
                               before=was["actual"], after=now["actual"],
                               currency=now["currency"]))  # fmt: skip
    for key, now in after["findings"].items():
        was = before["findings"].get(key)
        variant, market, metric = key.split("|")
        params = {"variant": variant, "market": market, "metric": metric}
        if was is None:
            found.append(_item("finding_new", **params))
        elif was["clear"] != now["clear"]:
            found.append(_item("finding_clear" if now["clear"] else "finding_unclear", **params))
        elif abs((now["lift"] or 0) - (was["lift"] or 0)) >= LIFT_MOVED:
            found.append(_item("finding_moved", before=was["lift"], after=now["lift"], **params))
    for key in before["findings"].keys() - after["findings"].keys():
        variant, market, metric = key.split("|")
        found.append(_item("finding_gone", variant=variant, market=market, metric=metric))
    if before["suggested"] != after["suggested"]:
        found.append(_item("suggested", before=before["suggested"], after=after["suggested"]))
    return found


def _item(code: str, **params) -> dict:
    return {"code": code, "params": params}


def _market(code: str) -> str:
    if not code:
        return _("All markets")
    market = Market.objects.filter(code=code).first()
    return market.name if market else code


def _lift(value) -> str:
    return "—" if value is None else formatting.percent(value, digits=0)


def change_words(item: dict) -> str:
    """One change in the reader's language."""
    code, p = item.get("code"), dict(item.get("params") or {})
    words = dict(p)
    if "market" in p:
        words["market"] = _market(p["market"])
    if p.get("metric"):  # a verdict names its KPI in full, a finding as its headline does
        metric = get_metric(p["metric"])
        words["metric"] = metric.short if str(code).startswith("finding") else metric.name
    if code == "verdict":
        words["before"], words["after"] = Verdict(p["before"]).label, Verdict(p["after"]).label
        return _("%(market)s: %(metric)s is now “%(after)s” (was “%(before)s”).") % words
    if code == "verdict_new":
        words["verdict"] = Verdict(p["verdict"]).label
        return _("%(market)s: %(metric)s judged for the first time: “%(verdict)s”.") % words
    if code == "actual":
        for side in ("before", "after"):
            words[side] = metric_value(p["metric"], p[side], p.get("currency") or "")
        return _("%(market)s: %(metric)s is now %(after)s (was %(before)s).") % words
    if code == "finding_new":
        return _("New finding: %(variant)s, %(metric)s, %(market)s.") % words
    if code == "finding_gone":
        return (
            _("No longer measurable: %(variant)s, %(metric)s, %(market)s (an arm lost its data).")
            % words
        )
    if code == "finding_clear":
        return _("%(variant)s, %(metric)s, %(market)s: the difference is now clear.") % words
    if code == "finding_unclear":
        return _("%(variant)s, %(metric)s, %(market)s: the difference is no longer clear.") % words
    if code == "finding_moved":
        words["before"], words["after"] = _lift(p["before"]), _lift(p["after"])
        return (
            _("%(variant)s, %(metric)s, %(market)s: the lift is now %(after)s (was %(before)s).")
            % words
        )
    if code == "suggested":
        words["before"] = FailureType(p["before"]).label if p["before"] else "—"
        words["after"] = FailureType(p["after"]).label if p["after"] else "—"
        return _("The rules now suggest “%(after)s” (was “%(before)s”).") % words
    return str(code)
