from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        # The kernel never imports this app: it sends `report_transitioned`, we listen.
        from reports.signals import report_transitioned

        from .receivers import on_report_transitioned

        report_transitioned.connect(on_report_transitioned, dispatch_uid="notifications.report")
