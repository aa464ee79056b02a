from django.urls import path

from aftercast.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.creator_list, name="creators"),
    path("<int:pk>/", views.creator_detail, name="creator"),
]
