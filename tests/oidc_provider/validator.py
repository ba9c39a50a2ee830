from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        person = settings.PEOPLE[request.user.username]
        return {
            "email": person["email"],
            "email_verified": person.get("email_verified", True),
            "given_name": person.get("given_name", ""),
            "family_name": person.get("family_name", ""),
            "amr": person.get("amr", ["pwd"]),
        }
