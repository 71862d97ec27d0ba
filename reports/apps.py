from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo CCHC")

    def ready(self) -> None:
        # Register the narrative's validation finders (hand-typed figures, then citations of
        # documents missing from the register); findings come in the order of registration, so
        # they run before the feature apps' finders.
        from .narrative import figures  # noqa: F401, I001
        from .narrative import citation_checks  # noqa: F401

        # A submission freezes the narrative as printed (stored text or the default).
        from .narrative.selectors import section_texts
        from .rendering import level  # noqa: F401  (a report without a signer name: an error)
        from .rendering.context import document_extras
        from .versions import register_extras_source, register_narrative_source

        register_narrative_source(section_texts)
        # ... and what the document computes beyond the unit's figures (notes, a higher level's
        # area figures and tables).
        register_extras_source(document_extras)
