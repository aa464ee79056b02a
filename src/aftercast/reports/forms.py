from django import forms

from aftercast.reports.models import CaseStudy


class CaseStudyForm(forms.ModelForm):
    class Meta:
        model = CaseStudy
        fields = ["title_en", "title_ru", "audience", "status"]
