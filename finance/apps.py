from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Tài chính công")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the validation finders)
