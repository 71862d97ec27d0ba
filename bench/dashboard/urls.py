"""The product's URLs plus the naive view (bench only)."""

from django.urls import path

from cchc_portal.urls import urlpatterns as product_urlpatterns

from .naive import naive_dashboard

urlpatterns = [
    path("bench/naive/u/<str:code>/<str:period>/", naive_dashboard, name="bench_naive_dashboard"),
    *product_urlpatterns,
]
