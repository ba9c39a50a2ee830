"""Instructors' rights on curriculum pages, per programme: a group per programme holds
"add" and "edit" on the programme's page (and its translations), so on its modules and
lessons, and an instructor belongs to it while they teach a cycle of the programme.
Wagtail grants page rights to groups only; publishing stays with administrators (the
moderation workflow).

Each programme also has its own moderation workflow (`programme_workflow`), made when its
page is created and set on the page and its translations: an edit submitted on one of its
pages waits for the programme's moderators (a group per programme, filled by an
administrator) or the Administrators, not for another programme's. Pages outside any
programme keep the site's "Curriculum approval" on the root page."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core import roles
from courses.models import Cycle

PAGE_PERMISSIONS = ("add_page", "change_page")
# A moderator's approval publishes the revision, which Wagtail allows only to a user who
# may publish the page: the programme's moderators hold that on its pages, no others.
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def group_name(programme) -> str:
    return f"Instructors of programme {programme.pk}"


def programme_group(programme) -> Group:
    """The programme's instructors group, with its page rights (created the first time)."""
    group, _ = Group.objects.get_or_create(name=group_name(programme))
    _grant(group, programme, PAGE_PERMISSIONS)
    return group


def _grant(group, programme, codenames) -> None:
    for page in programme.get_translations(inclusive=True):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def moderators_group_name(programme) -> str:
    return f"Moderators of programme {programme.pk}"


def workflow_name(programme) -> str:
    return f"Curriculum approval of programme {programme.pk}"


def programme_workflow(programme) -> Workflow:
    """The programme's moderation workflow: one approval task held by the programme's
    moderators and the Administrators, on the programme's page and every translation of it
    (so on their modules and lessons). Made the first time; a translation made later joins
    the workflow of the page it was translated from."""
    pages = list(programme.get_translations(inclusive=True))
    existing = WorkflowPage.objects.filter(page__in=pages).select_related("workflow").first()
    if existing is not None:
        workflow = existing.workflow
        # The moderators' rights reach a translation made later.
        task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
        for group in (
            task.groups.filter(name__startswith="Moderators of programme ") if task else []
        ):
            _grant(group, programme, MODERATOR_PAGE_PERMISSIONS)
    else:
        moderators, created = Group.objects.get_or_create(name=moderators_group_name(programme))
        _grant(moderators, programme, MODERATOR_PAGE_PERMISSIONS)
        if created:  # they approve in the admin, so they may sign in to it
            moderators.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        administrators, _ = Group.objects.get_or_create(name=roles.ADMINISTRATORS)
        task = GroupApprovalTask.objects.create(name=f"Approval of programme {programme.pk}")
        task.groups.set([administrators, moderators])
        workflow = Workflow.objects.create(name=workflow_name(programme))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


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


def cover_new_programme(sender, instance, created, raw=False, **kwargs) -> None:
    """A programme page just created (post_save, courses/apps.py) gets its moderation
    workflow; a translation (Translate copies it into another locale's tree) joins the
    original's workflow, and the original's instructors group's rights reach it too."""
    if not created or raw:
        return
    programme_workflow(instance)
    originals = type(instance).objects.filter(translation_key=instance.translation_key)
    for original in originals.exclude(pk=instance.pk):
        if Group.objects.filter(name=group_name(original)).exists():
            programme_group(original)
