"""Helpers shared by the test modules (test modules never import each other).

- `waiting`: `wait_until`, the one sleep-and-poll loop (for a real Celery worker);
- `browser`: explicit Selenium waits (the driver has no implicit wait);
- `documents`: the seed commune's records, the report's headings, PDF text;
- `dossiers`: hand-built dossiers for the indicator formulas;
- `signing`: a test CA and a PKCS#12 signer issued by it.

Fixtures stay in the `conftest.py` files; factories in `tests/factories.py`.
"""
