"""URL patterns that do not belong to one unit and period (see cchc_portal/urls.py)."""

from django.urls import path

from . import views_document

urlpatterns: list = [
    path("verify/", views_document.verify, name="verify_signature"),
]
