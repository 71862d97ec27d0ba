"""URL patterns under /u/<code>/<period>/ (see cchc_portal/urls.py)."""

urlpatterns: list = []
