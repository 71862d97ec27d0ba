"""Settings for the test suite: production settings, served over plain HTTP to the test client
and the live server, with a fast password hasher."""

import os

# The suite runs with DEBUG off (production settings), which needs a SECRET_KEY of its own.
os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret-7f3c1e9a2b5d4c8e")

from .settings import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Logins: the suite logs in many times from one address; only the throttling tests lower this.
AXES_FAILURE_LIMIT = 1000
