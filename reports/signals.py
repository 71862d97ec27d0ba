"""Signals the kernel sends; upper layers (e.g. `notifications`) subscribe in their
`AppConfig.ready()`, so the kernel never imports them."""

from django.dispatch import Signal

#: Sent by `reports.services.report_transition` after a transition is stored (committed when the
#: caller is not inside an outer transaction). Arguments: `report` (Report), `transition`
#: (the stored ReportTransition), `name` (the workflow transition's name, e.g. "submit"), `by`.
report_transitioned = Signal()
