"""Instructors' rights on curriculum pages, per programme: a group per programme holds
"add" and "edit" on the programme's page (and its translations), so on its modules and
lessons, and an instructor belongs to it while they teach a cycle of the programme.
Wagtail grants page rights to groups only; publishing stays with administrators (the
moderation workflow)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from courses.models import Cycle

PAGE_PERMISSIONS = ("add_page", "change_page")


def group_name(programme) -> str:
    return f"Instructors of programme {programme.pk}"


def programme_group(programme) -> Group:
    """The programme's instructors group, with its page rights (created the first time)."""
    group, _ = Group.objects.get_or_create(name=group_name(programme))
    for page in programme.get_translations(inclusive=True):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group


def grant_programme_pages(*, instructor, programme) -> None:
    instructor.groups.add(programme_group(programme))


def revoke_programme_pages_if_done(*, instructor, programme) -> None:
    """Leave the programme's group once the instructor teaches none of its cycles."""
    from guardian.shortcuts import get_objects_for_user

    teaching = get_objects_for_user(
        instructor,
        "courses.teach_cycle",
        klass=Cycle.objects.filter(programme=programme),
        with_superuser=False,
        accept_global_perms=False,
    )
    if not teaching.exists():
        instructor.groups.remove(*Group.objects.filter(name=group_name(programme)))


def cover_new_translation(sender, instance, created, raw=False, **kwargs) -> None:
    """A programme translated after its group was made (Translate copies it into another
    locale's tree): the group's rights reach the copy too (post_save, courses/apps.py)."""
    if not created or raw:
        return
    originals = type(instance).objects.filter(translation_key=instance.translation_key)
    for original in originals.exclude(pk=instance.pk):
        if Group.objects.filter(name=group_name(original)).exists():
            programme_group(original)
