from django.urls import path

from aftercast.briefs import views

app_name = "briefs"
urlpatterns = [
    path("", views.brief_list, name="list"),
    path("new/", views.brief_new, name="new"),
    path("forecasts/", views.forecast_calibration, name="calibration"),
    path("<int:pk>/", views.brief_detail, name="detail"),
    path("<int:pk>/edit/", views.brief_edit, name="edit"),
    path("<int:pk>/targets/new/", views.kpi_edit, name="kpi_new"),
    path("<int:pk>/targets/<int:kpi_pk>/", views.kpi_edit, name="kpi_edit"),
    path("<int:pk>/sign/", views.brief_sign, name="sign"),
    path("<int:pk>/ask/<int:partnership_pk>/", views.brief_request, name="request"),
    path("<int:pk>/learnings/<int:learning_pk>/", views.learning_apply, name="apply"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("campaign/<slug:slug>/", views.side_by_side, name="side_by_side"),
]
