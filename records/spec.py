"""The declarative description of one record section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.forms import ModelForm

from .locking import record_scope_register
from .scopes import Scope


@dataclass(frozen=True)
class Column:
    """A list column: a model field (or `a__b` lookup), its label, whether it sorts."""

    name: str
    label: str | None = None  # default: the model field's verbose name
    sortable: bool = True
    kind: str = ""  # "", "vnd", "num", "bool", "date", "datetime"
    link: bool = False  # the cell links to the edit (or view) page
    render: Callable[[Model], str] | None = None  # custom cell text


@dataclass(frozen=True)
class Filter:
    """A list filter on a field with choices (?<name>=<value>)."""

    name: str
    label: str | None = None
    choices: tuple[tuple[str, str], ...] | None = None  # default: the model field's choices


@dataclass(frozen=True)
class Total:
    """One inline total: the indicator `indicator` of the registry, computed for the (unit,
    period) — the official figure, never a formula of its own. A total with no indicator yet
    gets one in the owning app's indicators.py."""

    label: str
    indicator: str
    kind: str = "count"  # count | vnd | percent


@dataclass(frozen=True)
class TotalGroup:
    title: str
    items: tuple[Total, ...]


@dataclass(frozen=True, eq=False)
class Section:
    key: str  # URL slug and URL-name prefix: records_<key>_list, ...
    model: type[Model]
    form: type[ModelForm]
    scope: Scope
    title: str
    columns: tuple[Column, ...]
    search: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-pk",)
    filters: tuple[Filter, ...] = ()
    totals: tuple[TotalGroup, ...] = ()
    export_fields: tuple[str, ...] | None = None  # default: the columns
    select_related: tuple[str, ...] = ()
    help: str = ""
    # Optional hook run inside the saving transaction (e.g. denormalised fields).
    before_save: Callable[[Model], None] | None = None
    after_save: Callable[[Model, Model | None], None] | None = None
    after_delete: Callable[[Model], None] | None = None

    def __post_init__(self) -> None:
        record_scope_register(self.model, self.scope)

    @property
    def url_prefix(self) -> str:
        return f"records_{self.key}"

    def url_name(self, action: str) -> str:
        return f"{self.url_prefix}_{action}"

    @property
    def sortable(self) -> set[str]:
        return {c.name for c in self.columns if c.sortable}

    def base_queryset(self) -> QuerySet:
        qs = self.model._default_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        return qs

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def field_label(self, name: str) -> str:
        """The verbose name of a column's field (of its first part for `person__full_name`)."""
        return str(self.model._meta.get_field(name.split("__")[0]).verbose_name)
