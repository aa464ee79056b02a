from django import forms
from django.utils.translation import gettext_lazy as _

from aftercast.campaigns.forms import DATE
from aftercast.catalog.models import Market
from aftercast.debriefs.models import Debrief, EventKind, QuestionGroup
from aftercast.debriefs.questions import Question


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

    def __init__(self, *args, asked: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = asked
        for question in asked:
            self.fields[question.key] = forms.CharField(
                label=f"{question.group} · {question.text}",
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def given(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(q.key, "") for q in self.asked}


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


class QuestionForm(forms.Form):
    """One question of the workspace's set; a blank row adds a question, when filled."""

    key = forms.CharField(required=False, widget=forms.HiddenInput)
    group = forms.ChoiceField(label=_("Group"), choices=QuestionGroup.choices)
    text_en = forms.CharField(label=_("In English"), max_length=300, required=False)
    text_ru = forms.CharField(label=_("In Russian"), max_length=300, required=False)
    active = forms.BooleanField(label=_("Asked"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        filled = [bool((data.get(name) or "").strip()) for name in ("text_en", "text_ru")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Write the question in both English and Russian."))
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=1)
