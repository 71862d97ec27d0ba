"""The return reasons become comments (data), in a migration of its own: written in the same
transaction as 0006's new foreign key, the rows left pending trigger events and PostgreSQL
refused the deferred CREATE INDEX on a database that had returned reports."""

from django.db import migrations


def return_reasons_to_comments(apps, schema_editor):
    """Reasons written when returning a report before comments were anchored: each becomes an
    open comment on the whole report (made on the submission it returned), so that the
    comments box shows it."""
    transition = apps.get_model("reports", "ReportTransition")
    comment = apps.get_model("reports", "ReportComment")
    for t in transition.objects.filter(to_state="returned").exclude(comment="").order_by("at"):
        version = transition.objects.filter(
            report_id=t.report_id, to_state="submitted", at__lte=t.at
        ).count()
        c = comment.objects.create(
            report_id=t.report_id, by_id=t.by_id, text=t.comment, version=version, by_reviewer=True
        )
        comment.objects.filter(pk=c.pk).update(at=t.at)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_comment_anchor_and_addressed"),
    ]

    operations = [
        migrations.RunPython(return_reasons_to_comments, migrations.RunPython.noop),
    ]
