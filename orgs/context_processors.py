from typing import Any

from django.http import HttpRequest

from .models import Period, Unit


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The unit/period switcher's choices, available to every page."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "all_periods": Period.objects.order_by("-year", "code"),
        "switcher_units": Unit.objects.visible_to(request.user)
        .only("code", "name", "level", "valid_from", "valid_to")
        .order_by("path"),
    }
