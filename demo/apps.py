from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set (the seed report's commune and its district); top of the layers:
    it writes records of every app, and nothing imports it."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
