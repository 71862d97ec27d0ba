"""URL patterns of a section, mounted by each app's urls.py under /u/<code>/<period>/<app>/."""

from __future__ import annotations

from django.urls import path

from .grid import make_grid_views
from .spec import Section
from .views import make_views


def section_urls(section: Section) -> list:
    v = make_views(section)
    slug = section.key.replace("_", "-")
    n = section.url_name
    grid = []
    if section.grid is not None:
        g = make_grid_views(section)
        grid = [
            path(f"{slug}/grid/", g["grid"], name=n("grid")),
            path(f"{slug}/grid/save/", g["grid_save"], name=n("grid_save")),
        ]
    return grid + [
        path(f"{slug}/", v["list"], name=n("list")),
        path(f"{slug}/totals/", v["totals"], name=n("totals")),
        path(f"{slug}/new/", v["create"], name=n("create")),
        path(f"{slug}/deleted/", v["deleted"], name=n("deleted")),
        path(f"{slug}/export.<str:fmt>", v["export"], name=n("export")),
        path(f"{slug}/<int:pk>/", v["edit"], name=n("edit")),
        path(f"{slug}/<int:pk>/delete/", v["delete"], name=n("delete")),
        path(f"{slug}/<int:pk>/history/", v["history"], name=n("history")),
    ]
