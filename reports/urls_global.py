"""URL patterns that do not belong to one unit and period (see cchc_portal/urls.py)."""

urlpatterns: list = []
