"""Settings of the systems around the site, read from the environment like the rest
(`base.py` imports this module): a learning record store for xAPI statements and an
OpenID Connect identity provider for staff (both off while unset), and the read API's limit."""

import environ

env = environ.Env()

# xAPI: statements about learners' progress go to a learning record store through the
# outbox (xapi/, docs/xapi.md). Off while XAPI_LRS_URL is empty: nothing is written.
XAPI_LRS_URL = env("XAPI_LRS_URL", default="").rstrip("/")
XAPI_LRS_USERNAME = env("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env("XAPI_LRS_PASSWORD", default="")
XAPI_TIMEOUT_SECONDS = env.int("XAPI_TIMEOUT_SECONDS", default=10)  # < OUTBOX_LEASE_SECONDS

# Single sign-on for staff through OpenID Connect (accounts/sso.py, docs/sso.md). Off while
# OIDC_RP_CLIENT_ID is empty: the button is hidden and its URLs answer 404.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")  # checked against the ID token's `iss`
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="UNITAR")
# A sign-in creates an account only for an e-mail of these domains (e.g. unitar.org); an
# account so created has no role until an administrator gives it one.
OIDC_ALLOWED_DOMAINS = env.list("OIDC_ALLOWED_DOMAINS", default=[])
# The identity provider's word that the person used a second factor: one of these `amr`
# values or `acr` values; otherwise staff with a device are asked for their code here.
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa", "otp", "hwk", "swk", "sms"])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"

# The read API (api/, docs/api.md): requests per minute per token, counted on the shared
# cache (every web process sees one count).
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=120)
