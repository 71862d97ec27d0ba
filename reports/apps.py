from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo CCHC")

    def ready(self) -> None:
        # Register the narrative's validation finder (hand-typed figures); findings come in
        # the order of registration, so it runs before the feature apps' finders.
        from .narrative import figures  # noqa: F401

        # A submission freezes the narrative as printed (stored text or the default).
        from .narrative.selectors import section_texts
        from .versions import register_narrative_source

        register_narrative_source(section_texts)
