"""The usual colleges of a SCIC, mapped onto the participatory guarantee's colleges
where one matches. Staff rename, weigh or close them (Django admin); the names are data,
in French like the rest of the cooperative's data."""

from decimal import Decimal

from django.db import migrations

# (code, name, description, position, vote weight %, guarantee college category)
COLLEGES = [
    (
        "consommateurs",
        "Consommateurs et consommatrices",
        "Les foyers qui achètent par la coopérative.",
        10,
        Decimal("30"),
        "consumers",
    ),
    (
        "producteurs",
        "Producteurs et productrices",
        "Les structures de l'ESS dont les produits sont vendus par la coopérative.",
        20,
        Decimal("30"),
        "peer_producers",
    ),
    (
        "salaries",
        "Salariés",
        "Les personnes employées par la coopérative.",
        30,
        Decimal("20"),
        "workers",
    ),
    (
        "soutiens",
        "Soutiens",
        "Associations, bénévoles et partenaires qui soutiennent le projet.",
        40,
        Decimal("10"),
        "associations",
    ),
    (
        "collectivites",
        "Collectivités locales",
        "Communes, intercommunalités et autres collectivités associées.",
        50,
        Decimal("10"),
        "public_bodies",
    ),
]


def create_colleges(apps, schema_editor):
    College = apps.get_model("cooperative", "College")
    GuaranteeCollege = apps.get_model("community", "College")
    for code, name, description, position, weight, category in COLLEGES:
        College.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "position": position,
                "vote_weight": weight,
                "guarantee_college": GuaranteeCollege.objects.filter(category=category).first(),
            },
        )


def remove_colleges(apps, schema_editor):
    College = apps.get_model("cooperative", "College")
    College.objects.filter(code__in=[row[0] for row in COLLEGES], members__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cooperative", "0001_initial")]

    operations = [migrations.RunPython(create_colleges, remove_colleges)]
