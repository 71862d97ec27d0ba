"""URL patterns under /u/<code>/<period>/tasks/ (see cchc_portal/urls.py)."""

from django.urls import path

from records.urls import section_urls
from records.views import amount_echo

from .views import SECTIONS

urlpatterns: list = [
    path("amount/", amount_echo, name="records_amount_echo"),
    *(p for section in SECTIONS for p in section_urls(section)),
]
