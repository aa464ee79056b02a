from django.urls import path

from aftercast.reports import collaboration_views, views

app_name = "reports"
urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("new/", views.case_study_create, name="new"),
    path("lists/<str:which>.<str:kind>", views.list_export, name="list_export"),
    path("<int:pk>/export/<str:kind>/", views.case_study_export, name="export"),
    path("<int:pk>/", views.case_study_detail, name="detail"),
    path("<int:pk>/edit/", views.case_study_edit, name="edit"),
    path("<int:pk>/sections/", views.case_study_sections, name="sections"),
    path("share/<str:what>/<int:pk>/", views.share, name="share"),
    path("share/<str:what>/<int:pk>/<int:link_pk>/revoke/", views.revoke_share,
         name="revoke_share"),
    path("<int:pk>/stories/<int:partnership_pk>/ask/", collaboration_views.ask_creator,
         name="ask_creator"),
    path("<int:pk>/stories/<int:story_pk>/revoke/", collaboration_views.revoke_story,
         name="revoke_story"),
    path("<int:pk>/reviews/", collaboration_views.invite_reviewer, name="invite_reviewer"),
    path("<int:pk>/reviews/<int:link_pk>/revoke/", collaboration_views.revoke_review,
         name="revoke_review"),
    path("<int:pk>/comments/<int:comment_pk>/resolve/", collaboration_views.resolve_comment,
         name="resolve_comment"),
]  # fmt: skip
