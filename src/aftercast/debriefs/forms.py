from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.forms import DATE
from aftercast.catalog.models import Market
from aftercast.debriefs.models import Debrief, EventKind
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


class EventForm(forms.Form):
    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    description = forms.CharField(label=_("What happened"), max_length=2000)


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("What is to be done"), max_length=2000)
    owner = forms.CharField(label=_("Who does it"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)


class QualitativeFindingForm(forms.Form):
    statement = forms.CharField(label=_("What was found"), max_length=2000)
    market = forms.ModelChoiceField(
        label=_("Market"), queryset=Market.objects.none(), required=False,
        empty_label=_("All markets"),
    )  # fmt: skip

    def __init__(self, *args, debrief: Debrief, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = Market.objects.filter(  # type: ignore[attr-defined]
            campaign_markets__campaign=debrief.campaign_id
        ).distinct()
