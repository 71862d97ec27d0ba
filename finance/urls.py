"""URL patterns under /u/<code>/<period>/finance/ (see cchc_portal/urls.py)."""

from records.urls import section_urls

from .views import SECTIONS

urlpatterns: list = [p for section in SECTIONS for p in section_urls(section)]
