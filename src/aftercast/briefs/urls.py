from django.urls import path

from aftercast.briefs import views

app_name = "briefs"
urlpatterns = [
    path("", views.brief_list, name="list"),
    path("<int:pk>/", views.brief_detail, name="detail"),
    path("<int:pk>/edit/", views.brief_edit, name="edit"),
]
