from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.debriefs.models import Debrief
from aftercast.debriefs.questions import QUESTIONS


class DebriefForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = ["status", "summary", "failure_type", "disagreements"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "disagreements": forms.Textarea(attrs={"rows": 3}),
        }


class AnswersForm(forms.Form):
    """One participant's or team's answers to the blameless questions."""

    who = forms.CharField(
        label=_("Who is answering"),
        max_length=120,
        help_text=_("A role or a team (“RU market team”, “Brand manager”), not a name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.CharField(
                label=f"{question.group} · {question.text}",
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def given(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(q.key, "") for q in QUESTIONS}
