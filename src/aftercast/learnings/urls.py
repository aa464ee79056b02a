from django.urls import path

from aftercast.learnings import views

app_name = "learnings"
urlpatterns = [
    path("", views.learning_list, name="list"),
    path("new/", views.learning_create, name="new"),
    path("export/", views.learnings_export, name="export"),
    path("import/", views.learnings_import, name="import"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<int:pk>/remove/", views.glossary_remove, name="glossary_remove"),
    path("<int:pk>/", views.learning_detail, name="detail"),
    path("<int:pk>/edit/", views.learning_edit, name="edit"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "<int:pk>/evidence/<int:finding_pk>/remove/", views.evidence_remove, name="evidence_remove"
    ),
    path("<int:pk>/reviewed/", views.learning_reviewed, name="reviewed"),
    path("<int:pk>/supported/", views.learning_supported, name="supported"),
]
