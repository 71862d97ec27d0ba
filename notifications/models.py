"""What was sent to a user: in the app (the «Thông báo» page) and, when the user has an e-mail
address, by e-mail (`emailed_at`). `key` makes each notice unique, so that a reminder or the
notice of one transition is sent once however often the sender runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", _("Báo cáo được gửi")
    RETURNED = "returned", _("Báo cáo bị trả lại")
    ACCEPTED = "accepted", _("Báo cáo được tiếp nhận")
    SIGNED = "signed", _("Báo cáo đã ký số")
    REMIND_7 = "remind_7", _("Nhắc hạn: còn 7 ngày")
    REMIND_1 = "remind_1", _("Nhắc hạn: còn 1 ngày")
    OVERDUE = "overdue", _("Quá hạn nộp báo cáo")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=NotificationKind.choices)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    url = models.CharField(max_length=300, blank=True)
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        "orgs.Period", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.subject}"
