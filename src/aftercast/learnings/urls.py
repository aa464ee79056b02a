from django.urls import path

from aftercast.learnings import views

app_name = "learnings"
urlpatterns = [
    path("", views.learning_list, name="list"),
    path("<int:pk>/", views.learning_detail, name="detail"),
    path("<int:pk>/edit/", views.learning_edit, name="edit"),
]
