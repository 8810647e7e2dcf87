"""Who writes and who publishes in the education section.

- "Éducateurs" (educators) reach the Wagtail admin, add and edit pages under each
  education index only, and use images. They have no publish permission: their
  "Submit for moderation" starts the "Relecture éducation" workflow.
- "Rédaction" (editorial board) adds, edits and publishes in the education section and
  approves the workflow's single task.

`ensure_education_permissions` is written against an app registry so that the data
migration (historical models) and the runtime (a new education index, the demo) share
it; it is idempotent (get_or_create everywhere). The groups and the workflow exist in
every environment from migration cms 0004; a new EducationIndexPage gets its page
permissions and workflow when it is created (`cms/signals.py`).
"""

EDUCATORS_GROUP = "Éducateurs"
EDITORS_GROUP = "Rédaction"
WORKFLOW_NAME = "Relecture éducation"
TASK_NAME = "Validation par la Rédaction"

EDUCATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
IMAGE_PERMISSIONS = ("add_image", "choose_image")


def _permission(apps, app_label: str, model: str, codename: str, name: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def ensure_groups_and_workflow(apps):
    """The two groups and the workflow with its approval task; returns (educators,
    editors, workflow)."""
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    educators, _ = Group.objects.get_or_create(name=EDUCATORS_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for group in (educators, editors):
        group.permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for codename in IMAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailimages", "image", codename, codename)
            for group in (educators, editors):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    return educators, editors, workflow


def ensure_education_permissions(apps, page_id: int) -> None:
    """Page permissions of both groups on one education index, and its workflow."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    educators, editors, workflow = ensure_groups_and_workflow(apps)
    for group, codenames in (
        (educators, EDUCATOR_PAGE_PERMISSIONS),
        (editors, EDITOR_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            permission = _permission(apps, "wagtailcore", "page", codename, codename)
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )
    if not WorkflowPage.objects.filter(page_id=page_id).exists():
        WorkflowPage.objects.create(page_id=page_id, workflow=workflow)


def setup_education_section(page) -> None:
    """Runtime entry point (signals, demo)."""
    from django.apps import apps

    ensure_education_permissions(apps, page.pk)
