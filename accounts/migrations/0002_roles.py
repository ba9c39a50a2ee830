"""Create the three roles and the curriculum workflow.

Learners have no admin rights. Instructors may add and edit curriculum pages, images and
documents, and submit pages for moderation, but not publish. Administrators publish, and
approve what instructors submit (a Wagtail workflow on the whole page tree).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LEARNERS, INSTRUCTORS, ADMINISTRATORS = "Learners", "Instructors", "Administrators"

INSTRUCTOR_PAGE_PERMS = ["add_page", "change_page"]
ADMINISTRATOR_PAGE_PERMS = [
    "add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page",
]
INSTRUCTOR_COLLECTION_PERMS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
]
ADMINISTRATOR_COLLECTION_PERMS = INSTRUCTOR_COLLECTION_PERMS + [
    ("wagtailimages", "change_image"), ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"), ("wagtaildocs", "delete_document"),
]
ADMINISTRATOR_MODEL_PERMS = [
    ("lms", "add_user"), ("lms", "change_user"), ("lms", "view_user"),
    ("auth", "view_group"),
]


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    learners, _ = Group.objects.get_or_create(name=LEARNERS)
    instructors, _ = Group.objects.get_or_create(name=INSTRUCTORS)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)

    access_admin = perm("wagtailadmin", "access_admin")
    instructors.permissions.add(access_admin)
    administrators.permissions.add(access_admin)
    for app_label, codename in ADMINISTRATOR_MODEL_PERMS:
        administrators.permissions.add(perm(app_label, codename))

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for group, page_perms, collection_perms in (
        (instructors, INSTRUCTOR_PAGE_PERMS, INSTRUCTOR_COLLECTION_PERMS),
        (administrators, ADMINISTRATOR_PAGE_PERMS, ADMINISTRATOR_COLLECTION_PERMS),
    ):
        for codename in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=perm("wagtailcore", codename)
            )
        for app_label, codename in collection_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm(app_label, codename)
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Administrators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Administrators approval", content_type=task_type, active=True
        )
    task.groups.set([administrators])
    workflow, _ = Workflow.objects.get_or_create(name="Curriculum approval", active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
