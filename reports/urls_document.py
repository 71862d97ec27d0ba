"""URL patterns under /u/<code>/<period>/report/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import views_document as v

urlpatterns = [
    path("", v.document_editor, name="document_editor"),
    path("section/<str:key>/", v.section_save, name="document_section_save"),
    path("section/<str:key>/fix/", v.section_fix, name="document_section_fix"),
    path("section/<str:key>/preview/", v.section_preview, name="document_section_preview"),
    path("settings/", v.document_settings, name="document_settings"),
    path("preview/", v.document_preview, name="document_preview"),
    path("export/<str:fmt>/", v.document_export, name="document_export"),
    path("files/<int:pk>/", v.document_download, name="document_download"),
    path("sign/", v.document_sign, name="document_sign"),
]
