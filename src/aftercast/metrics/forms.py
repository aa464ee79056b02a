from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aftercast.metrics.inputs import read_metric_value, write_metric_value
from aftercast.metrics.models import Benchmark

QUARTILES = ("p25", "median", "p75")


class BenchmarkForm(forms.ModelForm):
    """A profile typed by hand; its quartiles in the metric's unit ("2 %", "$12")."""

    p25 = forms.CharField(label=_("25th percentile"))
    median = forms.CharField(label=_("Median"))
    p75 = forms.CharField(label=_("75th percentile"))

    class Meta:
        model = Benchmark
        fields = ["market", "tier", "platform", "category", "metric", "sample_size", "source"]

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.queryset = category.queryset.filter(workspace=workspace)  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            for name in QUARTILES:
                self.initial[name] = write_metric_value(
                    self.instance.metric, getattr(self.instance, name), "", get_language() or "en"
                )

    def clean(self):
        data = super().clean()
        metric = data.get("metric")
        # Money benchmarks are in their market's currency.
        currency = data["market"].currency if data.get("market") else ""
        for name in QUARTILES:
            if metric and data.get(name):
                try:
                    read = read_metric_value(metric, data[name], currency, get_language() or "en")
                    data[name] = float(read.value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def _post_clean(self):
        for name in QUARTILES:
            if isinstance(self.cleaned_data.get(name), float):
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV, TSV, XLSX or XLS, with a header row.")
    )
