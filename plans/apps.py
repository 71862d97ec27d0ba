from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch, nhiệm vụ và số liệu nhập trực tiếp")

    def ready(self) -> None:
        # V16 (approximate entered figures) is a finder over this app's records.
        from . import checks  # noqa: F401
