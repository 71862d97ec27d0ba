# Plan tasks, directives and entered figures (and their history models) moved to the `plans`
# app. State only: their tables keep their names and rows (plans 0001 adopts them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_job_kinds_for_spreadsheet_imports'),
        ('plans', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='HistoricalDirective'),
                migrations.DeleteModel(name='HistoricalEnteredFigure'),
                migrations.DeleteModel(name='HistoricalPlanTask'),
                migrations.DeleteModel(name='Directive'),
                migrations.DeleteModel(name='EnteredFigure'),
                migrations.DeleteModel(name='PlanTask'),
            ],
            database_operations=[],
        ),
    ]
