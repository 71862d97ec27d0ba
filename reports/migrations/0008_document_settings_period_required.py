import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("reports", "0007_document_settings_per_period_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="documentsettings",
            name="period",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="orgs.period"
            ),
        ),
        migrations.AddConstraint(
            model_name="documentsettings",
            constraint=models.UniqueConstraint(
                fields=("unit", "period"), name="document_settings_unit_period_unique"
            ),
        ),
    ]
