"""Instructors' page rights per programme (courses/services/page_rights.py): the
Instructors group no longer adds and edits pages on the whole tree; each programme's group
does on its programme (and translations), and holds the instructors of its cycles."""

from django.db import migrations

PAGE_PERMISSIONS = ("add_page", "change_page")


def _page_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        )
    )


def per_programme(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    UserObjectPermission = apps.get_model("guardian", "UserObjectPermission")
    Cycle = apps.get_model("courses", "Cycle")
    permissions = _page_permissions(apps)

    GroupPagePermission.objects.filter(
        group__name="Instructors", page__depth=1, permission__in=permissions
    ).delete()
    taught = UserObjectPermission.objects.filter(
        permission__codename="teach_cycle", content_type__app_label="courses"
    ).select_related("user")
    for row in taught:
        cycle = Cycle.objects.filter(pk=int(row.object_pk)).select_related("programme").first()
        if cycle is None:
            continue
        programme = cycle.programme
        group, _ = Group.objects.get_or_create(name=f"Instructors of programme {programme.pk}")
        for page in Page.objects.filter(translation_key=programme.translation_key):
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
        row.user.groups.add(group)


def on_the_whole_tree(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    instructors = Group.objects.filter(name="Instructors").first()
    root = Page.objects.filter(depth=1).first()
    if instructors is None or root is None:
        return
    for permission in _page_permissions(apps):
        GroupPagePermission.objects.get_or_create(
            group=instructors, page=root, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0010_edge_input_bounds"),
        ("lms", "0008_user_name_order"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
    ]

    operations = [migrations.RunPython(per_programme, on_the_whole_tree)]
