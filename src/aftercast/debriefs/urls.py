from django.urls import path

from aftercast.debriefs import views

app_name = "debriefs"
urlpatterns = [
    path("", views.debrief_list, name="list"),
    path("start/", views.debrief_start, name="start"),
    path("coverage/", views.debrief_coverage, name="coverage"),
    path("questions/", views.question_set, name="questions"),
    path("campaign/<slug:slug>/events/", views.campaign_event, name="campaign_event"),
    path("<int:pk>/", views.debrief_detail, name="detail"),
    path("<int:pk>/edit/", views.debrief_edit, name="edit"),
    path("<int:pk>/failure/", views.debrief_failure, name="failure"),
    path("<int:pk>/answers/", views.debrief_answers, name="answers"),
    path("<int:pk>/events/", views.debrief_event, name="event"),
    path("<int:pk>/export/", views.debrief_export, name="export"),
    path("<int:pk>/recompute/", views.debrief_recompute, name="recompute"),
    path("<int:pk>/findings/", views.debrief_finding, name="finding"),
    path("<int:pk>/propose/", views.debrief_propose, name="propose"),
    path("<int:pk>/actions/", views.debrief_action, name="action"),
    path("actions/", views.action_items, name="actions"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
