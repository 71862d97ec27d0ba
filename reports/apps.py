from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo CCHC")

    def ready(self) -> None:
        # Register the narrative's validation finder (hand-typed figures); findings come in
        # the order of registration, so it runs before the feature apps' finders.
        from .narrative import (
            citations,  # noqa: F401  (cited documents missing: errors)
            figures,  # noqa: F401
        )
