"""Error pages in the user's language; no traceback ever reaches a user."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Không tìm thấy"),
        _("Trang hoặc dữ liệu bạn yêu cầu không tồn tại hoặc bạn không có quyền xem."),
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("Không có quyền"),
        _("Tài khoản của bạn không được phép thực hiện thao tác này."),
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("Yêu cầu không hợp lệ"),
        _("Dữ liệu gửi lên không hợp lệ. Vui lòng thử lại."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("Lỗi hệ thống"),
        _(
            "Đã có lỗi xảy ra; dữ liệu của bạn không bị thay đổi. Vui lòng thử lại hoặc báo quản trị viên."
        ),
    )
