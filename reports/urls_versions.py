"""URL patterns under /u/<code>/<period>/report/versions/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import views_versions as v

urlpatterns = [
    path("", v.version_list, name="report_versions"),
    path("<int:number>/diff/", v.version_diff_page, name="report_version_diff"),
]
