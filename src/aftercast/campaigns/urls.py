from django.urls import path

from aftercast.campaigns import planning_views as plan
from aftercast.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="new"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("<slug:slug>/history/", views.campaign_history, name="history"),
    path("<slug:slug>/archive/", views.campaign_archive, name="archive"),
    path("<slug:slug>/markets/new/", plan.market_new, name="market_new"),
    path("<slug:slug>/markets/<str:code>/", plan.market_edit, name="market_edit"),
    path(
        "<slug:slug>/markets/<str:code>/creators/new/", plan.partnership_new, name="partnership_new"
    ),
    path("<slug:slug>/creators/<int:pk>/", plan.partnership_edit, name="partnership_edit"),
    path("<slug:slug>/creators/<int:pk>/posts/new/", plan.deliverable_new, name="deliverable_new"),
    path("<slug:slug>/posts/<int:pk>/", plan.deliverable_edit, name="deliverable_edit"),
    path("<slug:slug>/tests/new/", plan.variant_new, name="variant_new"),
    path("<slug:slug>/tests/<int:pk>/", plan.variant_edit, name="variant_edit"),
    path("<slug:slug>/tests/<int:pk>/remove/", plan.variant_remove, name="variant_remove"),
]
