"""Permissions read from the shared cache (accounts/auth_backends.py): no query once cached, and
never a stale answer after a grant, a revocation, a group change or a superuser flag."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

NOMINATE = "missions.nominate"


def fresh(user) -> User:
    """The user as the next request loads it (no per-object permission cache)."""
    return User.objects.get(pk=user.pk)


def perm(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def queries_of_has_perm(user, label: str) -> tuple[bool, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = user.has_perm(label)
    return answer, len(queries.captured_queries)


def test_the_second_request_asks_the_cache_not_the_database():
    learner = LearnerFactory()
    assert queries_of_has_perm(fresh(learner), "wagtailadmin.access_admin") == (False, 2)
    assert queries_of_has_perm(fresh(learner), "wagtailadmin.access_admin") == (False, 0)
    administrator = AdministratorFactory()
    fresh(administrator).has_perm("wagtailadmin.access_admin")
    assert queries_of_has_perm(fresh(administrator), "wagtailadmin.access_admin") == (True, 0)


def test_a_grant_to_the_user_shows_on_the_next_request():
    learner = LearnerFactory()
    assert not fresh(learner).has_perm(NOMINATE)
    learner.user_permissions.add(perm(NOMINATE))
    assert fresh(learner).has_perm(NOMINATE)
    learner.user_permissions.remove(perm(NOMINATE))
    assert not fresh(learner).has_perm(NOMINATE)


def test_a_group_change_shows_on_the_next_request():
    learner = LearnerFactory()
    group = Group.objects.create(name="Focal points (test)")
    group.permissions.add(perm(NOMINATE))
    assert not fresh(learner).has_perm(NOMINATE)
    learner.groups.add(group)
    assert fresh(learner).has_perm(NOMINATE)
    group.permissions.clear()
    assert not fresh(learner).has_perm(NOMINATE)
    group.permissions.add(perm(NOMINATE))
    assert fresh(learner).has_perm(NOMINATE)
    group.delete()
    assert not fresh(learner).has_perm(NOMINATE)


def test_a_migration_that_grants_or_revokes_is_seen():
    """Data migrations change permissions through historical models (other classes, same
    tables), and migrate ends with post_migrate, which drops every cached set."""
    from django.core.management.sql import emit_post_migrate_signal

    administrator = AdministratorFactory()
    assert fresh(administrator).has_perm("wagtailadmin.access_admin")
    # What a data migration's RunPython does: rows of the link table, no related manager.
    Group.permissions.through.objects.filter(permission=perm("wagtailadmin.access_admin")).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not fresh(administrator).has_perm("wagtailadmin.access_admin")


def test_the_superuser_flag_and_the_active_flag_count_at_once():
    learner = LearnerFactory()
    assert not fresh(learner).has_perm(NOMINATE)
    User.objects.filter(pk=learner.pk).update(is_superuser=True)  # no signal on purpose
    assert fresh(learner).has_perm(NOMINATE)
    User.objects.filter(pk=learner.pk).update(is_superuser=False, is_active=False)
    assert not fresh(learner).has_perm(NOMINATE)


@pytest.mark.redis
def test_a_change_in_one_process_is_seen_by_another(settings, redis_url):
    """Two gunicorn workers share Redis: the generation bumped by one process's change makes
    the other's cached set stale. (The second 'process' is this one with its local memory of
    the user dropped; what it shares with the first is only Redis.)"""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    caches["default"].clear()
    learner = LearnerFactory()
    assert not fresh(learner).has_perm(NOMINATE)
    assert queries_of_has_perm(fresh(learner), NOMINATE) == (False, 0)
    learner.user_permissions.add(perm(NOMINATE))
    assert queries_of_has_perm(fresh(learner), NOMINATE) == (True, 2)
    caches["default"].clear()


def test_an_instructors_reports_menu_follows_the_assignment_at_once():
    """The admin's Reports item asks on every page whether the user manages a cycle; the
    answer is cached with the permissions and renewed by the object permission's change."""
    from courses import services
    from courses.selectors.enrollment import teaches_any_cycle
    from tests.factories import CycleFactory, InstructorFactory

    instructor = InstructorFactory()
    cycle = CycleFactory()
    assert not teaches_any_cycle(user=fresh(instructor))
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)  # a learner of the cycle manages nothing
    assert not teaches_any_cycle(user=fresh(learner))
    services.assign_instructor(cycle=cycle, instructor=instructor)
    assert teaches_any_cycle(user=fresh(instructor))
    with CaptureQueriesContext(connection) as queries:
        assert teaches_any_cycle(user=fresh(instructor))
    assert len(queries.captured_queries) == 1  # the user only: the answer is cached
    services.unassign_instructor(cycle=cycle, instructor=instructor)
    assert not teaches_any_cycle(user=fresh(instructor))
