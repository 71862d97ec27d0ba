from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo CCHC")

    def ready(self) -> None:
        # Register reports' validation finders; findings come in the order of registration
        # (the narrative's hand-typed figures, then approximate entered figures).
        from .narrative import figures  # noqa: F401

        # isort: split
        from . import checks  # noqa: F401
