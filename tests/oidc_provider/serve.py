"""Run the test identity provider: `python -m tests.oidc_provider.serve PORT` with
OIDC_TEST_DB (its SQLite file), OIDC_TEST_PEOPLE (JSON list: username, password, email,
amr...) and OIDC_TEST_CLIENT (JSON: client_id, client_secret, redirect_uri) set. A fresh
RSA key signs its ID tokens."""

import json
import os
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
os.environ["OIDC_TEST_RSA_KEY"] = key.private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.NoEncryption(),
).decode()
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

call_command("migrate", verbosity=0)
for person in settings.PEOPLE.values():
    if not User.objects.filter(username=person["username"]).exists():
        User.objects.create_user(person["username"], person["email"], person["password"])
client = json.loads(os.environ["OIDC_TEST_CLIENT"])
Application.objects.update_or_create(
    client_id=client["client_id"],
    defaults={
        "client_secret": client["client_secret"],
        "client_type": Application.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
        "redirect_uris": client["redirect_uri"],
        "algorithm": Application.RS256_ALGORITHM,
        "skip_authorization": True,
        "name": "PATIT LMS",
    },
)
call_command("runserver", f"127.0.0.1:{sys.argv[1]}", use_reloader=False, use_threading=True)
