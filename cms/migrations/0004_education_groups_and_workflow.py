"""Groups "Éducateurs" and "Rédaction", the "Relecture éducation" workflow, and their
permissions on the education indexes that already exist (see cms/permissions.py)."""

from django.db import migrations

from cms.permissions import ensure_education_permissions, ensure_groups_and_workflow


def forwards(apps, schema_editor):
    ensure_groups_and_workflow(apps)
    EducationIndexPage = apps.get_model("cms", "EducationIndexPage")
    for page_id in EducationIndexPage.objects.values_list("pk", flat=True):
        ensure_education_permissions(apps, page_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_pages_and_blocks"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
