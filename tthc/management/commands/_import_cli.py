"""Shared output of the import commands: counts on stdout, every problem on stderr."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tthc.importing import ImportResult


def report(command: BaseCommand, result: ImportResult) -> None:
    for warning in result.warnings:
        command.stderr.write(_("Cảnh báo: %(w)s") % {"w": warning})
    if not result.ok:
        for problem in result.errors:
            command.stderr.write(str(problem))
        raise CommandError(
            _("Tệp có %(n)s lỗi: không nhập dòng nào, dữ liệu không thay đổi.")
            % {"n": max(result.error_count, len(result.errors))}
        )
    command.stdout.write(
        _(
            "Đã nhập %(rows)s dòng: %(created)s mới, %(updated)s cập nhật, %(unchanged)s không "
            "đổi (%(seconds).1f giây)."
        )
        % {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "seconds": result.seconds,
        }
    )


def open_file(path: str):
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise CommandError(
            _("Không mở được tệp «%(path)s»: %(e)s") % {"path": path, "e": exc.strerror}
        ) from None
