"""Shared view steps: the edit page of a tracked object, with its permission check and history."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aftercast.core.editing import update_tracked
from aftercast.core.history import history_of, snapshot
from aftercast.core.permissions import require_write
from aftercast.core.selectors import describe_history


def history_context(obj) -> dict:
    return {
        "history": describe_history(history_of(obj)[:20], type(obj)),
        "history_content_type": ContentType.objects.get_for_model(obj).pk,
    }


def edit_tracked(
    request: HttpRequest, obj, form_class: type[ModelForm], done_url: str, title: str
) -> HttpResponse:
    """Show and handle the edit form of a tracked object; only editors and owners may save."""
    if request.method == "POST":
        require_write(request, obj.workspace_id)
        before = snapshot(obj)
        form = form_class(request.POST, instance=obj)
        if form.is_valid():
            fields = list(form_class._meta.fields or [])
            update_tracked(
                obj=obj, user=request.user, data=form.cleaned_data, fields=fields, before=before
            )
            messages.success(request, _("Saved. The change is in the history."))
            return redirect(done_url)
    else:
        form = form_class(instance=obj)
    return render(
        request,
        "core/edit.html",
        {"form": form, "object": obj, "title": title, "cancel_url": done_url},
    )
