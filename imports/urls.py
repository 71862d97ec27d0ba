"""URL patterns under /u/<code>/<period>/import/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.import_index, name="import_index"),
    # Before "<kind>/…": the stored file of an accepted import, scoped to the unit.
    path("files/<int:pk>/", v.import_batch_file, name="import_batch_file"),
    path("<str:kind>/", v.import_upload, name="import_upload"),
    path("<str:kind>/template.<str:fmt>", v.import_template, name="import_template"),
    path("<str:kind>/<int:job_id>/", v.import_preview, name="import_preview"),
    path("<str:kind>/<int:job_id>/confirm/", v.import_confirm, name="import_confirm"),
]
