"""The search and filter form of a section's list, with django-filter.

`?q=` searches the section's `search` fields (case-insensitive, any of them); each declared
`Filter` is a choice filter on its field. A value outside the choices is ignored (the form
drops it), as is an empty one."""

from __future__ import annotations

from functools import cache, reduce
from operator import or_

import django_filters
from django.db.models import Q, QuerySet

from .spec import Filter, Section


def filter_choices(section: Section, f: Filter) -> list[tuple[str, str]]:
    """The (value, label) pairs of a filter: its own, else its model field's choices."""
    if f.choices is not None:
        return [(str(k), str(v)) for k, v in f.choices]
    return [(str(k), str(v)) for k, v in section.model_field(f.name).flatchoices]


class RecordFilterSet(django_filters.FilterSet):
    """Base of the sections' filter sets; `search_fields` is set per section."""

    search_fields: tuple[str, ...] = ()

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = (value or "").strip()[:200]
        if not value or not self.search_fields:
            return queryset
        return queryset.filter(
            reduce(or_, (Q(**{f"{field}__icontains": value}) for field in self.search_fields))
        )


@cache
def section_filterset(section: Section) -> type[RecordFilterSet]:
    """A FilterSet class for the section: `q` (search) and one choice filter per `Filter`."""
    attrs: dict[str, object] = {"search_fields": tuple(section.search)}
    if section.search:
        attrs["q"] = django_filters.CharFilter(method="search")
    for f in section.filters:
        # Choices are read lazily (a catalogue's labels follow the active language).
        attrs[f.name] = django_filters.ChoiceFilter(
            field_name=f.name, choices=lambda f=f: filter_choices(section, f)
        )
    attrs["Meta"] = type("Meta", (), {"model": section.model, "fields": []})
    return type(f"{section.model.__name__}FilterSet", (RecordFilterSet,), attrs)
