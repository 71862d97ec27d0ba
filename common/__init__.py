"""Ground-level helpers shared by every app (plain Python, no models)."""
