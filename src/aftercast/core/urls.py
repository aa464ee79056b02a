from django.contrib.auth import views as auth_views
from django.urls import path

from aftercast.core import trash_views, views
from aftercast.core.forms import ThrottledAuthenticationForm

app_name = "core"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("workspace/", views.switch_workspace, name="switch_workspace"),
    path("members/", views.members, name="members"),
    path("preferences/", views.preferences, name="preferences"),
    path("members/<int:membership_id>/", views.member_update, name="member_update"),
    path("workspace/export/", views.workspace_export, name="workspace_export"),
    path("invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation_cancel"),
    path("removed/", trash_views.removed, name="removed"),
    path("remove/<str:kind>/<int:pk>/", trash_views.remove, name="remove"),
    path("restore/<str:kind>/<int:pk>/", trash_views.restore, name="restore"),
    path("charts.js", views.charts_script, name="charts_script"),
    path("history/<int:content_type_id>/<int:object_id>/", views.history, name="history"),
]
