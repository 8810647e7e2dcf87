"""The default sectors (filières) producers are filed under.

Idempotent: sectors are matched on `slug` with update_or_create (a sector that staff
already created with the same name under another slug is left alone). The reverse removes
only the sectors it knows by slug that no producer uses.
"""

from django.db import migrations

SECTORS = [
    ("maraichage", "Maraîchage"),
    ("arboriculture", "Arboriculture"),
    ("elevage-produits-laitiers", "Élevage et produits laitiers"),
    ("boulangerie-meunerie", "Boulangerie et meunerie"),
    ("apiculture", "Apiculture"),
    ("viticulture-boissons", "Viticulture et boissons"),
    ("epicerie-transformation", "Épicerie et transformation"),
    ("hygiene-cosmetiques", "Hygiène et cosmétiques"),
    ("entretien-menager", "Entretien et ménager"),
    ("textile-artisanat", "Textile et artisanat"),
    ("reemploi-recyclage", "Réemploi et recyclage"),
    ("services", "Services"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("partner", "Sector")
    for slug, name in SECTORS:
        # Names are unique too: a sector staff already created under another slug is
        # kept as it is rather than duplicated (which the database would refuse).
        if Sector.objects.filter(name=name).exclude(slug=slug).exists():
            continue
        Sector.objects.update_or_create(slug=slug, defaults={"name": name})


def remove_sectors(apps, schema_editor):
    Sector = apps.get_model("partner", "Sector")
    Sector.objects.filter(slug__in=[slug for slug, _ in SECTORS], producers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0009_sector_and_producer_details"),
    ]

    operations = [
        migrations.RunPython(create_sectors, remove_sectors),
    ]
