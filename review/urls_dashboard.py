"""URL patterns under /u/<code>/<period>/dashboard/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import views_dashboard as views

urlpatterns = [
    path("", views.dashboard, name="review_dashboard"),
    path("export.xlsx", views.dashboard_export, name="review_dashboard_export"),
    path("accept/", views.dashboard_accept, name="review_dashboard_accept"),
    path("targets/", views.dashboard_targets, name="review_dashboard_targets"),
]
