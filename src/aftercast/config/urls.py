from django.contrib import admin
from django.urls import include, path

from aftercast.api.api import api
from aftercast.briefs.signing_views import sign_off
from aftercast.checkins.health_views import creator_results
from aftercast.reports import collaboration_views
from aftercast.reports.views import shared_case_study

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("settings/tokens/", include("aftercast.api.urls")),
    path("campaigns/", include("aftercast.campaigns.urls")),
    path("creators/", include("aftercast.catalog.urls")),
    path("benchmarks/", include("aftercast.metrics.urls")),
    path("briefs/", include("aftercast.briefs.urls")),
    path("sign/<str:token>/", sign_off, name="sign_off"),
    path("results/<str:token>/", creator_results, name="creator_results"),
    path("shared/<str:token>/", shared_case_study, name="shared_case_study"),
    path("story/<str:token>/", collaboration_views.creator_story, name="creator_story"),
    path("review/<str:token>/", collaboration_views.review_draft, name="review_draft"),
    path("shared/<str:token>/<str:kind>/", shared_case_study, name="shared_case_study_file"),
    path("checkins/", include("aftercast.checkins.urls")),
    path("debriefs/", include("aftercast.debriefs.urls")),
    path("learnings/", include("aftercast.learnings.urls")),
    path("case-studies/", include("aftercast.reports.urls")),
    path("imports/", include("aftercast.imports.urls")),
    path("", include("aftercast.home.urls")),
    path("", include("aftercast.core.urls")),
]
