from django import forms

from aftercast.learnings.models import Learning


class LearningForm(forms.ModelForm):
    class Meta:
        model = Learning
        fields = ["statement_en", "statement_ru", "status", "confidence"]
        widgets = {
            "statement_en": forms.Textarea(attrs={"rows": 3}),
            "statement_ru": forms.Textarea(attrs={"rows": 3}),
        }
