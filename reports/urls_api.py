"""Public API URL patterns under /api/ (see cchc_portal/urls.py)."""

urlpatterns: list = []
