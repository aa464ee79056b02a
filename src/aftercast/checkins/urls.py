from django.urls import path

from aftercast.checkins import health_views, views

app_name = "checkins"
urlpatterns = [
    path("", views.checkin_list, name="list"),
    path("<int:pk>/", views.checkin_detail, name="detail"),
    path("<int:pk>/hold/", views.checkin_hold, name="hold"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("rules/", health_views.rules_edit, name="rules"),
    path("market/<slug:slug>/<str:code>/", health_views.market_health_page, name="market"),
    path(
        "market/<slug:slug>/<str:code>/creators/<int:pk>/share/",
        health_views.share_results,
        name="share_results",
    ),
    path("links/<int:pk>/revoke/", health_views.revoke_results, name="revoke_results"),
]
