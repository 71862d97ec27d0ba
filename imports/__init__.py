"""The spreadsheet-import kit: readers (CSV/XLSX), header matching, cell parsing, the tabular
runner for django-import-export resources, the upload → preview → confirm job flow, the
`ImportBatch` audit row, and the registry of import kinds each app fills from its own
`import_kinds` module (see `imports.registry`). It imports no feature app.
"""
