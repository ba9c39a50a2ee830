"""One permission vocabulary (issue 10): the people screens, the outbox and the two-factor
rule ask for a Django permission, never for a group. A user in no group who holds the
permission may act; an Administrators member whose group lost it may not; learners and
instructors are refused."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import two_factor
from accounts.models import User
from core import roles
from people import importing, personal_data
from tests.factories import AdministratorFactory, InstructorFactory, LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = (
    b"email,first_name,last_name,member_state,rank\r\n"
    b"new.diplomat@missions.example.org,Ama,Owusu,GHA,attache\r\n"
)

# Where Wagtail sends staff refused by PermissionDenied, and where it sends a learner, who
# has no admin at all.
REFUSED_STAFF = "wagtailadmin_home"


def perm(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def holder_of(*labels: str) -> User:
    """Staff in no group at all, holding exactly `labels` (and the admin's door)."""
    user = UserFactory(member_state="UNS")
    user.groups.clear()
    user.user_permissions.add(perm("wagtailadmin.access_admin"), *(perm(x) for x in labels))
    return User.objects.get(pk=user.pk)  # a fresh object: no permission cache


def administrator_without(label: str) -> User:
    Group.objects.get(name=roles.ADMINISTRATORS).permissions.remove(perm(label))
    return AdministratorFactory()


def assert_refused(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302
    if user.has_perm("wagtailadmin.access_admin"):
        assert response["Location"] == reverse(REFUSED_STAFF)
    else:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_administrators_group_holds_the_new_permissions():
    held = set(
        Group.objects.get(name=roles.ADMINISTRATORS).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert {
        ("lms", "export_personal_data"),
        ("lms", "erase_personal_data"),
        ("lms", "import_participants"),
        ("outbox", "view_outboxmessage"),
    } <= held


def test_exporting_personal_data_follows_the_permission(client):
    person = LearnerFactory()
    url = reverse("personal_data_export", args=[person.pk])
    client.force_login(holder_of("lms.export_personal_data"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_refused(client, administrator_without("lms.export_personal_data"), url)
    assert_refused(client, InstructorFactory(), url)
    assert_refused(client, LearnerFactory(), url)


def test_erasing_personal_data_follows_the_permission(client):
    person = LearnerFactory()
    url = reverse("personal_data", args=[person.pk])
    form = {"reason": "Request of 3 March, ref. 12", "confirm": "1"}
    only_export = holder_of("lms.export_personal_data")
    client.force_login(only_export)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="confirm"' not in page.content  # the erase form is not offered
    assert_refused(client, only_export, url, "post", form)
    assert_refused(client, administrator_without("lms.erase_personal_data"), url, "post", form)
    assert_refused(client, InstructorFactory(), url, "post", form)
    assert not personal_data.is_erased(User.objects.get(pk=person.pk))

    client.force_login(holder_of("lms.erase_personal_data"))
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == url
    assert personal_data.is_erased(User.objects.get(pk=person.pk))


def test_the_erasure_service_asks_for_the_permission():
    person = LearnerFactory()
    with pytest.raises(personal_data.PersonalDataError):
        personal_data.erase_person(
            user=person, by=administrator_without("lms.erase_personal_data"), reason="asked"
        )
    assert not personal_data.is_erased(User.objects.get(pk=person.pk))
    personal_data.erase_person(user=person, by=holder_of("lms.erase_personal_data"), reason="asked")
    assert personal_data.is_erased(User.objects.get(pk=person.pk))


def test_importing_participants_follows_the_permission(client):
    url = reverse("import_participants")
    client.force_login(holder_of("lms.import_participants"))
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("m.csv", CSV, content_type="text/csv")
    assert client.post(url, {"file": upload}).status_code == 200
    assert_refused(client, administrator_without("lms.import_participants"), url)
    assert_refused(client, InstructorFactory(), url)
    assert_refused(client, LearnerFactory(), url)
    with pytest.raises(importing.ImportRefused):
        importing.import_participants(content=CSV, filename="m.csv", by=AdministratorFactory())
    assert not User.objects.filter(email="new.diplomat@missions.example.org").exists()


def test_the_outbox_follows_the_view_permission(client):
    url = reverse("outbox_admin:index")
    client.force_login(holder_of("outbox.view_outboxmessage"))
    assert client.get(url).status_code == 200
    assert_refused(client, administrator_without("outbox.view_outboxmessage"), url)
    assert_refused(client, InstructorFactory(), url)
    assert_refused(client, LearnerFactory(), url)


def test_the_menu_and_the_user_list_offer_only_what_is_held(client):
    client.force_login(holder_of("lms.view_user", "lms.export_personal_data"))
    page = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("import_participants") not in page
    assert "/personal-data/" in page
    client.force_login(administrator_without("lms.import_participants"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("import_participants") not in home


def test_two_factor_is_required_of_whoever_holds_a_sensitive_permission(settings):
    settings.REQUIRE_ADMIN_2FA = True
    assert two_factor.is_required_for(holder_of("lms.erase_personal_data"))
    assert two_factor.is_required_for(AdministratorFactory())
    assert not two_factor.is_required_for(InstructorFactory())
    assert not two_factor.is_required_for(LearnerFactory())
