from django import forms

from aftercast.debriefs.models import Debrief


class DebriefForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = ["status", "summary", "failure_type", "disagreements"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "disagreements": forms.Textarea(attrs={"rows": 3}),
        }
