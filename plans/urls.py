"""URL patterns under /u/<code>/<period>/tasks/ (see cchc_portal/urls.py)."""

from django.urls import path

from records.urls import section_urls
from records.views import amount_echo

from .documents import document_file
from .views import SECTIONS

urlpatterns: list = [
    path("amount/", amount_echo, name="records_amount_echo"),
    path("documents/<int:pk>/file/", document_file, name="plans_document_file"),
    *(p for section in SECTIONS for p in section_urls(section)),
]
