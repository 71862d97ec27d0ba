"""The CRUD kit: generic, declarative machinery for the record sections of a (unit, period).

Each app declares its sections (model, form, columns, search, sort, scope, totals) with
`Section(...)` and mounts them with `section_urls(section)`; lists, forms, deletion, history
and exports are the same code for every record type.

    from records import scopes
    from records.spec import Column, Filter, Section, Total, TotalGroup
    from records.urls import section_urls

The kit imports `orgs` and the `reports` kernel (lock checks, indicator registry, recompute),
never a feature app. The package itself imports nothing, so it can be an installed app.
"""
