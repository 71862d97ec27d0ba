"""Bench-only code of bench/bench_dashboard.py: a settings module and URLconf that add the naive
comparison view beside the product's URLs, and the locust file. Never imported by the product."""
