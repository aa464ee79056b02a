from django.http import HttpRequest
from ninja import Router

from aftercast.api.schemas import MetricOut
from aftercast.metrics.registry import METRICS

router = Router(tags=["metrics"])


@router.get("/metrics", response=list[MetricOut])
def list_metrics(request: HttpRequest):
    """Return the metric registry, names in the request's language."""
    return [
        {
            "key": metric.key,
            "name": str(metric.name),
            "short": str(metric.short),
            "unit": metric.unit.value,
            "kind": metric.kind.value,
            "higher_is_better": metric.higher_is_better,
            "inputs": list(metric.inputs),
            "description": str(metric.description),
        }
        for metric in METRICS.values()
    ]
