"""Document settings become per (unit, period).

Each existing row (one per unit) is kept as it was printed: it goes to every period for which
the unit has a report (a copy per period, the first period keeps the row itself and its
history); a unit without any report gets it for the latest period (by end date). Rows of a unit
that has neither a report nor any period to attach to cannot print anywhere and are dropped.
Settings of periods without a row are drafted when first needed (reports/docsettings.py)."""

from django.db import migrations

FIELDS = (
    "issuing_body",
    "place_name",
    "addressee",
    "basis",
    "recipients",
    "signer_title",
    "signer_name",
    "organisation_name",
)


def forwards(apps, schema_editor):
    DocumentSettings = apps.get_model("reports", "DocumentSettings")
    Report = apps.get_model("reports", "Report")
    Period = apps.get_model("orgs", "Period")
    latest = Period.objects.order_by("-end", "-pk").first()
    for row in DocumentSettings.objects.filter(period__isnull=True).order_by("pk"):
        period_ids = list(
            Report.objects.filter(unit_id=row.unit_id)
            .order_by("period__end", "period_id")
            .values_list("period_id", flat=True)
        )
        if not period_ids and latest is not None:
            period_ids = [latest.pk]
        if not period_ids:
            row.delete()
            continue
        first, *rest = period_ids
        for period_id in rest:
            DocumentSettings.objects.create(
                unit_id=row.unit_id,
                period_id=period_id,
                **{f: getattr(row, f) for f in FIELDS},
            )
        row.period_id = first
        row.save(update_fields=["period"])


def backwards(apps, schema_editor):
    """Back to one row per unit: the one of the latest period."""
    DocumentSettings = apps.get_model("reports", "DocumentSettings")
    seen: set[int] = set()
    for row in DocumentSettings.objects.order_by("unit_id", "-period__end", "-pk"):
        if row.unit_id in seen:
            row.delete()
        else:
            seen.add(row.unit_id)


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_report_versions_and_settings_per_period")]

    operations = [migrations.RunPython(forwards, backwards)]
