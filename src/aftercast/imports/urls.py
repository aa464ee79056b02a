from django.urls import path

from aftercast.imports import views

app_name = "imports"
urlpatterns = [
    path("campaign/<slug:slug>/", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/rejected.csv", views.rejected_rows, name="rejected"),
    path("<int:pk>/rollback/", views.rollback, name="rollback"),
]
