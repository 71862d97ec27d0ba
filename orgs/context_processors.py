from .models import Period


def workspace(request):
    """The period switcher's choices, available to every page."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"all_periods": Period.objects.order_by("-year", "code")}
