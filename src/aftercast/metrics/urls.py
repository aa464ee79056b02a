from django.urls import path

from aftercast.metrics import views

app_name = "metrics"
urlpatterns = [
    path("", views.benchmark_list, name="benchmarks"),
    path("new/", views.benchmark_edit, name="benchmark_new"),
    path("<int:pk>/", views.benchmark_edit, name="benchmark_edit"),
    path("do/<str:action>/", views.benchmark_action, name="benchmark_action"),
]
