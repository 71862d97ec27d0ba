"""Generic, declarative CRUD machinery for the record sections of a (unit, period).

Each app declares its sections (model, form, columns, search, sort, scope, totals) with
`Section(...)` and mounts them with `section_urls(section)`; lists, forms, deletion, history
and exports are the same code for every record type.

    from cchc_portal.crud import Column, Filter, Section, Total, TotalGroup, scopes, section_urls
"""

from . import scopes
from .spec import Column, Filter, Section, Total, TotalGroup
from .urls import section_urls

__all__ = ["Column", "Filter", "Section", "Total", "TotalGroup", "scopes", "section_urls"]
