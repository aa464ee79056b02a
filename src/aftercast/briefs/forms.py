from django import forms

from aftercast.briefs.models import Brief


class BriefForm(forms.ModelForm):
    class Meta:
        model = Brief
        fields = [
            "conversion_event",
            "conversion_window_days",
            "attribution_model",
            "content_specs",
            "posting_schedule",
            "notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("content_specs", "posting_schedule", "notes")
        }
