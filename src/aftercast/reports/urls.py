from django.urls import path

from aftercast.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("<int:pk>/", views.case_study_detail, name="detail"),
    path("<int:pk>/edit/", views.case_study_edit, name="edit"),
]
