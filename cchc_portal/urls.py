from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from cchc_portal import security
from orgs import views as orgs_views
from reports import views as reports_views
from reports import views_comments, views_home

unit_period = "u/<str:code>/<str:period>/"

urlpatterns = [
    path("", views_home.home, name="home"),
    path("healthz", security.healthz, name="healthz"),
    path("switch/", orgs_views.switch, name="switch"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jobs/<int:pk>/", reports_views.job_status, name="job_status"),
    path("jobs/<int:pk>/file/", reports_views.job_file, name="job_file"),
    path("jobs/<int:pk>/retry/", reports_views.job_retry_view, name="job_retry"),
    path(unit_period, reports_views.workspace, name="workspace"),
    path(
        unit_period + "transition/<str:name>/", reports_views.transition, name="report_transition"
    ),
    path(unit_period + "comment/", views_comments.comment_add_view, name="report_comment"),
    path(unit_period + "comments/", views_comments.comments_list, name="report_comments"),
    path(
        unit_period + "comments/<int:pk>/address/",
        views_comments.comment_address_view,
        name="report_comment_address",
    ),
    # Section data pages (lists, forms, exports), per app.
    path(unit_period + "tthc/", include("tthc.urls")),
    path(unit_period + "staff/", include("staff.urls")),
    path(unit_period + "finance/", include("finance.urls")),
    path(unit_period + "tasks/", include("plans.urls")),
    # Spreadsheet imports (upload → preview → confirm).
    path(unit_period + "import/", include("imports.urls")),
    # Indicators, validation, drill-down.
    path(unit_period + "indicators/", include("reports.urls_indicators")),
    # The report document: narrative editor, PDF/DOCX, signing.
    path(unit_period + "report/", include("reports.urls_document")),
    path("notifications/", include("notifications.urls")),
    # The submitted versions and what changed between them.
    path(unit_period + "report/versions/", include("reports.urls_versions")),
    path("api/", include("reports.urls_api")),
    path("", include("reports.urls_global")),
    path("admin/", admin.site.urls),
]

# No `static(MEDIA_URL, …)` in any mode: stored files (uploads, imports, rendered and signed
# documents) leave the server only through views that apply the scoping rule (common/files.py).

handler404 = "cchc_portal.errors.not_found"
handler500 = "cchc_portal.errors.server_error"
handler403 = "cchc_portal.errors.forbidden"
handler400 = "cchc_portal.errors.bad_request"
