"""The declarative description of one record section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Field, Model, QuerySet

from .locking import record_scope_register
from .scopes import Scope

#: A record of a section, an instance of `Section.model`. The kit reads and writes `version`,
#: `updated_by`, `period` and django-simple-history's `_history_user` by name: every section
#: model has them, `Model` does not declare them; hence typed loosely.
type Record = Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .forms import RecordForm


@dataclass(frozen=True)
class Column:
    """A list column: a model field (or `a__b` lookup), its label, whether it sorts."""

    name: str
    label: StrOrPromise | None = None  # default: the model field's verbose name
    sortable: bool = True
    kind: str = ""  # "", "vnd", "num", "bool", "date", "datetime"
    link: bool = False  # the cell links to the edit (or view) page
    render: Callable[[Model], str] | None = None  # custom cell text


@dataclass(frozen=True)
class Filter:
    """A list filter on a field with choices (?<name>=<value>)."""

    name: str
    label: StrOrPromise | None = None
    choices: tuple[tuple[str, StrOrPromise], ...] | None = (
        None  # default: the model field's choices
    )


@dataclass(frozen=True)
class Total:
    """One inline total: the indicator `indicator` of the registry, computed for the (unit,
    period) — the official figure, never a formula of its own. A total with no indicator yet
    gets one in the owning app's indicators.py."""

    label: StrOrPromise
    indicator: str
    kind: str = "count"  # count | vnd | percent


@dataclass(frozen=True)
class TotalGroup:
    title: StrOrPromise
    items: tuple[Total, ...]


@dataclass(frozen=True)
class Grid:
    """Spreadsheet-like entry of a section (records/grid.py): one row per record, one cell per
    field of `fields`, each cell saved on its own through the section's form (same validation,
    history and locks). With `key` and `keys`, the grid always shows one row per key value (the
    entered figures: one row per indicator, stored on first entry); otherwise a blank last row
    adds a record."""

    fields: tuple[str, ...]
    key: str | None = None
    keys: Callable[[], list[tuple[str, StrOrPromise]]] | None = None
    new_rows: bool = True


@dataclass(frozen=True, eq=False)
class Section:
    key: str  # URL slug and URL-name prefix: records_<key>_list, ...
    model: type[Model]
    form: type[RecordForm]
    scope: Scope
    title: StrOrPromise
    columns: tuple[Column, ...]
    search: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-pk",)
    filters: tuple[Filter, ...] = ()
    totals: tuple[TotalGroup, ...] = ()
    export_fields: tuple[str, ...] | None = None  # default: the columns
    select_related: tuple[str, ...] = ()
    help: StrOrPromise = ""
    # Optional hook run inside the saving transaction (e.g. denormalised fields).
    before_save: Callable[[Record], None] | None = None
    after_save: Callable[[Record, Record | None], None] | None = None
    after_delete: Callable[[Record], None] | None = None
    grid: Grid | None = None

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

    def model_field(self, name: str) -> Field:
        """The model field a column, filter or form field names (its first part for
        `person__full_name`): always a concrete field, never a reverse relation."""
        field = self.model._meta.get_field(name.split("__")[0])
        assert isinstance(field, Field), name
        return field

    def field_label(self, name: str) -> str:
        """The verbose name of a column's field (of its first part for `person__full_name`)."""
        return str(self.model_field(name).verbose_name)

    @property
    def history(self) -> Any:
        """django-simple-history's manager of the model's historical rows (`history =
        HistoricalRecords()` on every section model, added at class creation: not in the
        types)."""
        return cast(Any, self.model).history
