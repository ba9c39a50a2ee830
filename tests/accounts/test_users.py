import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Rank, User
from core import roles
from tests.factories import PASSWORD, AdministratorFactory, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrations():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.LEARNERS, roles.INSTRUCTORS, roles.ADMINISTRATORS} <= names


def test_login_is_by_email_and_case_insensitive(client):
    learner = LearnerFactory(email="Attache.Ghana@Missions.example.org")
    assert learner.email == "attache.ghana@missions.example.org"
    response = client.post(
        "/accounts/login/",
        {"username": "ATTACHE.GHANA@missions.example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_wrong_password_is_refused_with_a_message(client):
    LearnerFactory(email="a@missions.example.org")
    response = client.post(
        "/accounts/login/", {"username": "a@missions.example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"correct" in response.content  # "Please enter a correct e-mail address and password"


def test_name_for_certificate_prefers_the_spelling_of_the_language():
    user = LearnerFactory(
        first_name="Layla",
        last_name="Haddad",
        certificate_name="H.E. Ms. Layla Haddad",
        certificate_names={"ar": "ليلى حداد", "zh-hans": "莱拉·哈达德"},
    )
    assert user.name_for_certificate("ar") == "ليلى حداد"
    assert user.name_for_certificate("zh-hans") == "莱拉·哈达德"
    assert user.name_for_certificate("fr") == "H.E. Ms. Layla Haddad"
    assert User(first_name="A", last_name="B").name_for_certificate() == "A B"


def test_profile_has_one_certificate_name_field_per_language_but_english(client, settings):
    learner = LearnerFactory(certificate_names={"fr": "Kwame Mensah"})
    client.force_login(learner)
    page = client.get("/accounts/profile/").content.decode()
    for code, _name in settings.LANGUAGES:
        field = f'name="certificate_name_{code.replace("-", "_")}"'
        assert (field in page) == (code != settings.LANGUAGE_CODE), code
    assert 'value="Kwame Mensah"' in page
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Kwame",
            "last_name": "Mensah",
            "certificate_name": "H.E. Mr. Kwame Mensah",
            "certificate_name_fr": "",  # cleared: the French certificate prints the main name
            "certificate_name_zh_hans": "夸梅·门萨",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert learner.certificate_names_by_language() == {"zh-hans": "夸梅·门萨"}


def test_senior_ranks():
    assert User(rank=Rank.AMBASSADOR).is_senior
    assert not User(rank=Rank.ATTACHE).is_senior


def test_roles_hold_permissions_and_the_code_asks_for_permissions():
    """Roles are groups that hold permissions (issue 10); `core.roles` only names them."""
    assert AdministratorFactory().has_perm("lms.erase_personal_data")
    assert not InstructorFactory().has_perm("lms.erase_personal_data")
    assert not LearnerFactory().has_perm("lms.import_participants")
    assert not hasattr(roles, "is_administrator")


def test_profile_page_saves_the_certificate_name(client):
    learner = LearnerFactory()
    client.force_login(learner)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Kwame",
            "last_name": "Mensah",
            "certificate_name": "H.E. Mr. Kwame Mensah",
            "member_state": "GHA",
            "rank": Rank.AMBASSADOR,
            "preferred_language": "fr",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.certificate_name == "H.E. Mr. Kwame Mensah"
    assert learner.preferred_language == "fr"


def test_a_change_request_with_an_unknown_member_state_is_refused_and_changes_nothing(client):
    learner = LearnerFactory(member_state="GHA")
    client.force_login(learner)
    response = client.post(
        reverse("profile"),
        {"form": "change_request", "member_state": "XXX", "rank": Rank.OTHER, "note": ""},
    )
    assert response.status_code == 200
    assert "member_state" in response.context["change_form"].errors
    learner.refresh_from_db()
    assert learner.member_state == "GHA"
    assert not learner.change_requests.exists()


def test_language_switch_sets_dir_and_remembers_the_choice(client, home_page):
    learner = LearnerFactory(preferred_language="en")
    client.force_login(learner)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    learner.refresh_from_db()
    assert learner.preferred_language == "ar"
    response = client.get("/")
    assert b'lang="ar" dir="rtl"' in response.content


def test_anonymous_visitor_gets_the_browser_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert b'lang="fr" dir="ltr"' in response.content


@pytest.mark.django_db
def test_the_admin_create_and_edit_screens_show_the_users_own_fields(client):
    client.force_login(AdministratorFactory())
    learner = LearnerFactory()
    for url in (
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[learner.pk]),
    ):
        page = client.get(url).content.decode()
        for name in ("certificate_name", "certificate_name_fr", "member_state", "rank"):
            assert f'name="{name}"' in page, (url, name)
        assert 'name="preferred_language"' in page, url
