"""Demo data: the Quảng Ngãi → Bình Sơn tree, the 2023 period, the cast of users, and each
section's records. Every loader is idempotent (running load_demo twice changes nothing)."""
