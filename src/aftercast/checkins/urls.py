from django.urls import path

from aftercast.checkins import views

app_name = "checkins"
urlpatterns = [
    path("", views.checkin_list, name="list"),
    path("<int:pk>/", views.checkin_detail, name="detail"),
    path("<int:pk>/hold/", views.checkin_hold, name="hold"),
]
