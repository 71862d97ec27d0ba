# Plan tasks, directives and entered figures (and their django-simple-history models) moved
# here from `reports`. State only: the models keep the tables reports 0001 created (db_table /
# history table_name set to the old names), so an existing database keeps every row. The
# content types are renamed too, so admin log entries and permissions follow the models.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = (
    'directive',
    'enteredfigure',
    'plantask',
    'historicaldirective',
    'historicalenteredfigure',
    'historicalplantask',
)


def _move_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    for model in MODELS:
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def content_types_to_plans(apps, schema_editor):
    _move_content_types(apps, schema_editor, 'reports', 'plans')


def content_types_to_reports(apps, schema_editor):
    _move_content_types(apps, schema_editor, 'plans', 'reports')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('orgs', '0001_initial'),
        ('reports', '0002_job_kinds_for_spreadsheet_imports'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Directive',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('title', models.CharField(max_length=500, verbose_name='nhiệm vụ')),
                        ('reference', models.CharField(blank=True, max_length=200, verbose_name='văn bản giao')),
                        ('assigned_on', models.DateField(verbose_name='ngày giao')),
                        ('due_on', models.DateField(verbose_name='hạn hoàn thành')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'nhiệm vụ cấp trên giao',
                        'verbose_name_plural': 'nhiệm vụ cấp trên giao',
                        'db_table': 'reports_directive',
                        'ordering': ['assigned_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalDirective',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('title', models.CharField(max_length=500, verbose_name='nhiệm vụ')),
                        ('reference', models.CharField(blank=True, max_length=200, verbose_name='văn bản giao')),
                        ('assigned_on', models.DateField(verbose_name='ngày giao')),
                        ('due_on', models.DateField(verbose_name='hạn hoàn thành')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'historical nhiệm vụ cấp trên giao',
                        'verbose_name_plural': 'historical nhiệm vụ cấp trên giao',
                        'db_table': 'reports_historicaldirective',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalEnteredFigure',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('code', models.CharField(max_length=80, verbose_name='mã chỉ tiêu')),
                        ('value', models.BigIntegerField(verbose_name='giá trị')),
                        ('approximate', models.BooleanField(default=False, help_text='Đánh dấu khi số liệu là ước tính, ví dụ «trên 80 lượt».', verbose_name='số ước (trên/khoảng)')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='ghi chú')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'historical số liệu nhập trực tiếp',
                        'verbose_name_plural': 'historical số liệu nhập trực tiếp',
                        'db_table': 'reports_historicalenteredfigure',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalPlanTask',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('title', models.CharField(max_length=500, verbose_name='nhiệm vụ')),
                        ('owner', models.CharField(blank=True, max_length=200, verbose_name='người/bộ phận thực hiện')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='thời hạn')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('period', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'historical nhiệm vụ kế hoạch CCHC',
                        'verbose_name_plural': 'historical nhiệm vụ kế hoạch CCHC',
                        'db_table': 'reports_historicalplantask',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='PlanTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('title', models.CharField(max_length=500, verbose_name='nhiệm vụ')),
                        ('owner', models.CharField(blank=True, max_length=200, verbose_name='người/bộ phận thực hiện')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='thời hạn')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='ngày hoàn thành')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'nhiệm vụ kế hoạch CCHC',
                        'verbose_name_plural': 'nhiệm vụ kế hoạch CCHC',
                        'db_table': 'reports_plantask',
                        'ordering': ['due_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='EnteredFigure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                        ('code', models.CharField(max_length=80, verbose_name='mã chỉ tiêu')),
                        ('value', models.BigIntegerField(verbose_name='giá trị')),
                        ('approximate', models.BooleanField(default=False, help_text='Đánh dấu khi số liệu là ước tính, ví dụ «trên 80 lượt».', verbose_name='số ước (trên/khoảng)')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='ghi chú')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.period', verbose_name='kỳ báo cáo')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit', verbose_name='đơn vị')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
                    ],
                    options={
                        'verbose_name': 'số liệu nhập trực tiếp',
                        'verbose_name_plural': 'số liệu nhập trực tiếp',
                        'db_table': 'reports_enteredfigure',
                        'constraints': [models.UniqueConstraint(fields=('unit', 'period', 'code'), name='figure_unit_period_code_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_plans, content_types_to_reports),
    ]
