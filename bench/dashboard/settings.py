"""The product's settings with the bench URLconf (the naive view at /bench/naive/…) and the test
suite's fast password hasher: 20 users sign in at the start of every phase, and PBKDF2's
deliberate slowness would spend half a minute of the 2 cores on what is not measured."""

from cchc_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.dashboard.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
