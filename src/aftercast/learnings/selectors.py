from django.db.models import Q, QuerySet

from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.learnings.models import Learning


def learning_list(
    workspace: Workspace,
    *,
    market: str = "",
    status: str = "",
    metric: str = "",
    tier: str = "",
    query: str = "",
) -> QuerySet[Learning]:
    learnings = in_workspace(Learning.objects.all(), workspace)
    if market:
        learnings = learnings.filter(markets__code=market)
    if status:
        learnings = learnings.filter(status=status)
    if metric:
        learnings = learnings.filter(metric=metric)
    if query:
        learnings = learnings.filter(
            Q(statement_en__icontains=query) | Q(statement_ru__icontains=query)
        )
    learnings = learnings.prefetch_related("markets", "platforms").distinct()
    if tier:
        # Tiers are a short JSON list; filtering in Python keeps SQLite and PostgreSQL alike.
        return learnings.filter(pk__in=[item.pk for item in learnings if tier in item.tiers])
    return learnings
