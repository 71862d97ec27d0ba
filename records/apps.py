from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The CRUD kit of the record sections (no models of its own)."""

    name = "records"
    verbose_name = "Records"
