from django.urls import path

from aftercast.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.creator_list, name="creators"),
    path("new/", views.creator_new, name="creator_new"),
    path("import/", views.creator_import, name="creator_import"),
    path("<int:pk>/", views.creator_detail, name="creator"),
    path("<int:pk>/edit/", views.creator_edit, name="creator_edit"),
    path("<int:pk>/accounts/new/", views.account_new, name="account_new"),
]
