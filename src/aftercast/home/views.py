from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aftercast.core.permissions import current_workspace
from aftercast.home.selectors import dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", dashboard(current_workspace(request)))
