# ruff: noqa: RUF001 (French typographic apostrophes are intended)
"""The default charter (référentiel) of Panier Commun: four dimensions and their criteria.

Idempotent: rows are matched on `code` with update_or_create, so running it again (or
after staff edited a row) puts the reference text back and creates nothing new. The
reverse removes only the criteria it knows by code that carry no claim, then the
dimensions left without criteria; everything else stays.
"""

import datetime
from decimal import Decimal

from django.db import migrations

TARGET = datetime.date(2027, 12, 31)
LONG_TARGET = datetime.date(2028, 12, 31)

DIMENSIONS = [
    {
        "code": "social",
        "name": "Social",
        "position": 1,
        "description": (
            "Comment la structure traite celles et ceux qui travaillent avec elle et ceux "
            "à qui elle vend : écarts de rémunération, formation, emploi des personnes "
            "éloignées du travail ou en situation de handicap, égalité entre les femmes et "
            "les hommes, et accès de tous les foyers, y compris modestes, à une "
            "alimentation et à des produits de qualité."
        ),
    },
    {
        "code": "environnement",
        "name": "Environnemental",
        "position": 2,
        "description": (
            "L’empreinte de la production sur les sols, l’eau, le climat et le vivant : "
            "mode de production certifié (agriculture biologique, Nature & Progrès), "
            "respect des saisons, biodiversité cultivée, bien-être des animaux, énergie "
            "renouvelable, réduction des emballages jetables par le vrac et la consigne."
        ),
    },
    {
        "code": "economie-locale",
        "name": "Économie locale",
        "position": 3,
        "description": (
            "La valeur créée reste-t-elle sur le territoire et chez celles et ceux qui "
            "produisent ? Cette dimension regarde la distance parcourue par les produits, "
            "le nombre d’intermédiaires, la part du prix payé qui revient au producteur, "
            "les engagements de commerce équitable et la mise en commun d’outils et de "
            "moyens entre acteurs d’un même territoire."
        ),
    },
    {
        "code": "gouvernance",
        "name": "Gouvernance",
        "position": 4,
        "description": (
            "Qui décide et à quoi servent les bénéfices. Les trois critères d’inclusion "
            "reprennent la définition de l’économie sociale et solidaire donnée par la loi "
            "du 31 juillet 2014 : un statut de l’ESS, une gouvernance démocratique et une "
            "lucrativité limitée. S’y ajoutent l’agrément ESUS et la transparence des "
            "comptes, sur lesquels chaque structure peut progresser."
        ),
    },
]

# Defaults every criterion starts from; each entry below overrides what differs.
CRITERION_DEFAULTS = {
    "kind": "progress",
    "scope": "both",
    "value_type": "yes_no",
    "unit": "",
    "max_level": 0,
    "target_date": TARGET,
    "direction": "higher",
    "reference_value": None,
    "evidence_required": False,
    "validity_months": 12,
    "is_certification": False,
    "is_filter": False,
    "is_active": True,
}

CRITERIA = [
    # --- Social -------------------------------------------------------------------
    {
        "dimension": "social",
        "position": 1,
        "code": "ecart-salaires",
        "name": "Écart entre la plus haute et la plus basse rémunération",
        "short_label": "Écart de salaires 1 à N",
        "scope": "producer",
        "value_type": "number",
        "direction": "lower",
        "reference_value": Decimal("10"),
        "explanation": (
            "On déclare le rapport N entre la rémunération la plus élevée et la plus basse "
            "de la structure, en équivalent temps plein : « de 1 à N ». Un partage équitable "
            "de la valeur est au cœur de l’ESS ; pour l’agrément ESUS, la plus haute "
            "rémunération ne doit pas dépasser dix fois le SMIC, et beaucoup de SCOP se "
            "fixent un écart bien plus faible. Le score baisse à mesure que l’écart grandit "
            "et devient nul à partir d’un écart de 1 à 10."
        ),
    },
    {
        "dimension": "social",
        "position": 2,
        "code": "emplois-insertion",
        "name": "Emplois d’insertion par l’activité économique",
        "short_label": "Insertion",
        "scope": "producer",
        "is_filter": True,
        "explanation": (
            "La structure est une structure d’insertion par l’activité économique (SIAE) "
            "conventionnée par l’État — atelier et chantier d’insertion, entreprise "
            "d’insertion, association intermédiaire, entreprise de travail temporaire "
            "d’insertion — ou elle emploie des personnes en parcours d’insertion. "
            "L’insertion par l’activité économique (articles L. 5132-1 et suivants du code "
            "du travail) offre un contrat de travail et un accompagnement "
            "socio-professionnel à des personnes très éloignées de l’emploi. Acheter à ces "
            "structures, c’est financer directement ce retour à l’emploi."
        ),
    },
    {
        "dimension": "social",
        "position": 3,
        "code": "formation",
        "name": "Formation des salariés et des associés",
        "short_label": "Formation",
        "scope": "producer",
        "value_type": "level",
        "max_level": 3,
        "explanation": (
            "L’éducation, la formation et l’information des membres sont l’un des sept "
            "principes coopératifs de l’Alliance coopérative internationale. Niveau 0 : "
            "rien au-delà des obligations légales ; niveau 1 : un plan de formation écrit, "
            "discuté avec l’équipe ; niveau 2 : au moins une formation "
            "par personne sur deux ans ; niveau 3 : chacun est aussi formé à la gestion et "
            "à la gouvernance de la structure, pour pouvoir y prendre part."
        ),
    },
    {
        "dimension": "social",
        "position": 4,
        "code": "prix-solidaires",
        "name": "Prix solidaires pour les foyers modestes",
        "short_label": "Prix solidaires",
        "scope": "producer",
        "is_filter": True,
        "explanation": (
            "La structure pratique une tarification solidaire : prix selon le quotient "
            "familial, paniers à prix réduit, acceptation des chèques alimentaires ou "
            "partenariat avec une épicerie sociale. Depuis la loi EGalim de 2018, la lutte "
            "contre la précarité alimentaire est inscrite dans la loi (article L. 266-1 du "
            "code de l’action sociale et des familles) : elle vise l’accès des personnes "
            "en situation de vulnérabilité à une alimentation sûre, diversifiée, de bonne "
            "qualité et en quantité suffisante."
        ),
    },
    {
        "dimension": "social",
        "position": 5,
        "code": "handicap-emploi",
        "name": "Emploi de travailleurs en situation de handicap",
        "short_label": "Emploi handicap",
        "scope": "producer",
        "value_type": "percentage",
        "reference_value": Decimal("6"),
        "explanation": (
            "On déclare la part de l’effectif occupée par des travailleurs en situation de "
            "handicap. Le code du travail impose 6 % aux employeurs d’au moins 20 salariés "
            "(obligation d’emploi, article L. 5212-2) ; ce taux sert ici de référence et "
            "vaut le score maximal, quelle que soit la taille de la structure. Les "
            "entreprises adaptées et les établissements et services d’aide par le travail "
            "(ESAT), dont c’est la mission, le dépassent largement."
        ),
    },
    {
        "dimension": "social",
        "position": 6,
        "code": "egalite-femmes-hommes",
        "name": "Égalité entre les femmes et les hommes",
        "short_label": "Égalité F/H",
        "scope": "producer",
        "value_type": "level",
        "max_level": 3,
        "explanation": (
            "La loi ESS du 31 juillet 2014 demande aux structures de l’ESS de débattre "
            "chaque année, en assemblée, d’un guide de bonnes pratiques qui porte entre "
            "autres sur l’égalité entre les femmes et les hommes. Niveau 1 : égalité des "
            "salaires à poste égal vérifiée ; niveau 2 : en plus, mixité des instances de "
            "décision (conseil d’administration, bureau, gérance) ; niveau 3 : en plus, un "
            "plan d’action suivi (temps partiels, accès aux postes à responsabilité)."
        ),
    },
    # --- Environnemental ------------------------------------------------------------
    {
        "dimension": "environnement",
        "position": 1,
        "code": "bio",
        "name": "Agriculture biologique certifiée",
        "short_label": "Bio",
        "is_certification": True,
        "is_filter": True,
        "evidence_required": True,
        "target_date": LONG_TARGET,
        "explanation": (
            "Le label AB et le logo européen (l’Eurofeuille) garantissent le respect du "
            "règlement (UE) 2018/848 : ni pesticides ni engrais de synthèse, ni OGM, "
            "rotation des cultures et élevage lié au sol. Chaque opérateur est contrôlé au "
            "moins une fois par an par un organisme certificateur agréé par l’INAO, et son "
            "certificat se consulte dans l’annuaire de l’Agence Bio. D’autres mentions "
            "privées, comme Demeter (biodynamie) ou Nature & Progrès, ajoutent leurs "
            "propres exigences à ce socle."
        ),
    },
    {
        "dimension": "environnement",
        "position": 2,
        "code": "nature-progres",
        "name": "Mention Nature & Progrès",
        "short_label": "Nature & Progrès",
        "is_certification": True,
        "is_filter": True,
        "evidence_required": True,
        "target_date": LONG_TARGET,
        "explanation": (
            "Nature & Progrès, association de paysans, d’artisans et de consommateurs née "
            "en 1964, attribue sa mention selon des cahiers des charges souvent plus "
            "exigeants que le bio européen (ferme entièrement en bio, intrants limités). "
            "Elle repose sur un système participatif de garantie : une visite par un "
            "consommateur et un producteur pair, puis une décision collective en comité "
            "local. C’est le modèle dont s’inspire la validation par la communauté de "
            "Panier Commun."
        ),
    },
    {
        "dimension": "environnement",
        "position": 3,
        "code": "vrac-consigne",
        "name": "Vente en vrac ou en emballage consigné",
        "short_label": "Vrac / consigne",
        "is_filter": True,
        "explanation": (
            "Le produit est vendu sans emballage jetable : en vrac, dans un contenant "
            "apporté par l’acheteur ou dans un emballage consigné pour être réemployé. La "
            "loi AGEC du 10 février 2020 (anti-gaspillage pour une économie circulaire) "
            "définit la vente en vrac, permet à chacun d’être servi dans son propre "
            "contenant et fixe des objectifs croissants d’emballages réemployés. Un bocal "
            "lavé et rempli de nouveau évite de fabriquer un nouvel emballage à chaque "
            "achat."
        ),
    },
    {
        "dimension": "environnement",
        "position": 4,
        "code": "saisonnalite",
        "name": "Produit de saison",
        "short_label": "De saison",
        "scope": "product",
        "explanation": (
            "Le fruit ou le légume est récolté en pleine saison, en plein champ ou sous "
            "abri non chauffé, là où il est produit. Hors saison, il faut soit chauffer une "
            "serre, soit faire venir le produit de loin, ce qui multiplie ses émissions de "
            "gaz à effet de serre. Le calendrier des fruits et légumes de saison de l’ADEME "
            "sert de référence pour la validation."
        ),
    },
    {
        "dimension": "environnement",
        "position": 5,
        "code": "bien-etre-animal",
        "name": "Bien-être des animaux d’élevage",
        "short_label": "Bien-être animal",
        "value_type": "level",
        "max_level": 3,
        "explanation": (
            "Depuis 2015, le code civil reconnaît les animaux comme des êtres vivants doués "
            "de sensibilité (article 515-14). Niveau 1 : accès au plein air ; niveau 2 : en "
            "plus, densités réduites et aucune mutilation de confort (épointage, castration "
            "sans anesthésie) ; niveau 3 : en plus, un cahier des charges contrôlé (bio, "
            "Label Rouge fermier, Nature & Progrès) et un abattage de proximité. "
            "L’Étiquette Bien-Être Animal, notée de A à E, peut servir de preuve."
        ),
    },
    {
        "dimension": "environnement",
        "position": 6,
        "code": "energie-renouvelable",
        "name": "Part d’énergie renouvelable consommée",
        "short_label": "Énergie renouvelable",
        "scope": "producer",
        "value_type": "percentage",
        "reference_value": Decimal("100"),
        "target_date": LONG_TARGET,
        "explanation": (
            "On déclare la part de l’énergie consommée par la structure qui provient de "
            "sources renouvelables : panneaux solaires ou chaudière à bois sur place, "
            "contrat d’électricité verte, fournisseur coopératif comme Enercoop. La loi "
            "énergie-climat de 2019 vise 33 % d’énergies renouvelables dans la consommation "
            "finale de la France en 2030 ; une ferme ou un atelier peut souvent aller bien "
            "au-delà. Le score suit le pourcentage déclaré."
        ),
    },
    {
        "dimension": "environnement",
        "position": 7,
        "code": "semences-paysannes",
        "name": "Semences paysannes ou variétés reproductibles",
        "short_label": "Semences paysannes",
        "explanation": (
            "Le produit est issu de variétés paysannes ou population, que l’on peut "
            "ressemer d’une année sur l’autre, plutôt que d’hybrides F1 rachetés chaque "
            "saison. Ces semences entretiennent la biodiversité cultivée et s’adaptent "
            "peu à peu au sol et au climat de la ferme. Le règlement (UE) 2018/848 a créé "
            "le « matériel hétérogène biologique » et la loi du 10 juin 2020 autorise la "
            "vente aux jardiniers amateurs de semences de variétés du domaine public non "
            "inscrites au catalogue officiel."
        ),
    },
    # --- Économie locale ----------------------------------------------------------
    {
        "dimension": "economie-locale",
        "position": 1,
        "code": "distance-production",
        "name": "Distance entre le lieu de production et le lieu de vente",
        "short_label": "Distance",
        "value_type": "number",
        "unit": "km",
        "direction": "lower",
        "reference_value": Decimal("250"),
        "explanation": (
            "On déclare en kilomètres la distance entre le lieu de production, ou de "
            "dernière transformation, et le lieu de vente ou de retrait. Aucun texte ne "
            "définit le « local » ; les projets alimentaires territoriaux (loi d’avenir "
            "pour l’agriculture de 2014) raisonnent à l’échelle d’un bassin de vie. Le "
            "score baisse avec la distance et devient nul à 250 km. La distance ne dit pas "
            "tout de l’empreinte carbone : le mode de production et la saison comptent "
            "souvent davantage, d’où leurs propres critères."
        ),
    },
    {
        "dimension": "economie-locale",
        "position": 2,
        "code": "intermediaires",
        "name": "Nombre d’intermédiaires entre le producteur et Panier Commun",
        "short_label": "Intermédiaires",
        "value_type": "number",
        "direction": "lower",
        "reference_value": Decimal("2"),
        "explanation": (
            "On compte les intermédiaires entre la structure qui produit et Panier Commun. "
            "Le ministère de l’Agriculture définit le circuit court comme une vente directe "
            "du producteur au consommateur, ou une vente indirecte avec au plus un "
            "intermédiaire. Zéro intermédiaire, c’est le circuit direct et le score "
            "maximal ; un intermédiaire, c’est encore un circuit court et la moitié du "
            "score ; à partir de deux, le circuit est long et le score nul. Moins "
            "d’intermédiaires, c’est plus de valeur pour le producteur et une relation plus "
            "lisible."
        ),
    },
    {
        "dimension": "economie-locale",
        "position": 3,
        "code": "part-producteur",
        "name": "Part du prix de vente revenant au producteur",
        "short_label": "Part au producteur",
        "value_type": "percentage",
        "reference_value": Decimal("100"),
        "explanation": (
            "On déclare la part du prix payé par le consommateur qui revient à la structure "
            "qui produit. L’Observatoire de la formation des prix et des marges des produits "
            "alimentaires montre chaque année qu’une petite part seulement de l’euro "
            "alimentaire rémunère l’agriculture ; les lois EGalim de 2018 et 2021 "
            "cherchent à construire les prix à partir des coûts de production. En vente "
            "directe, cette part approche 100 %."
        ),
    },
    {
        "dimension": "economie-locale",
        "position": 4,
        "code": "commerce-equitable",
        "name": "Commerce équitable",
        "short_label": "Équitable",
        "is_certification": True,
        "is_filter": True,
        "evidence_required": True,
        "explanation": (
            "L’article 60 de la loi du 2 août 2005, étendu aux échanges en France par la "
            "loi ESS de 2014, définit le commerce équitable : un prix rémunérateur fondé sur "
            "les coûts de production, un engagement commercial d’au moins trois ans, une "
            "prime pour des projets collectifs et des producteurs organisés de façon "
            "démocratique. Des labels comme Max Havelaar (Fairtrade), Biopartenaire, "
            "Agri-Éthique, Fair for Life ou le Symbole des producteurs paysans en "
            "contrôlent le respect."
        ),
    },
    {
        "dimension": "economie-locale",
        "position": 5,
        "code": "mutualisation",
        "name": "Mutualisation d’outils, de locaux ou d’emplois",
        "short_label": "Mutualisation",
        "scope": "producer",
        "explanation": (
            "La structure partage du matériel, des locaux ou des emplois avec d’autres "
            "acteurs du territoire : coopérative d’utilisation de matériel agricole (CUMA), "
            "atelier de transformation collectif, groupement d’employeurs, pôle territorial "
            "de coopération économique (PTCE, reconnu par la loi ESS de 2014). Mettre en "
            "commun réduit les coûts et les investissements de chacun et crée des "
            "coopérations durables entre acteurs voisins."
        ),
    },
    # --- Gouvernance ----------------------------------------------------------------
    {
        "dimension": "gouvernance",
        "position": 1,
        "code": "forme-ess",
        "name": "Statut de l’ESS",
        "short_label": "ESS",
        "kind": "inclusion",
        "scope": "producer",
        "evidence_required": True,
        "validity_months": 24,
        "target_date": None,
        "explanation": (
            "La loi du 31 juillet 2014 relative à l’économie sociale et solidaire en "
            "définit le périmètre : associations, coopératives (dont SCOP et SCIC), "
            "mutuelles, fondations, et sociétés commerciales qui inscrivent dans leurs "
            "statuts les principes de l’ESS. C’est la condition pour être membre de Panier "
            "Commun. La preuve attendue : les statuts, un extrait Kbis ou l’inscription au "
            "répertoire national des associations."
        ),
    },
    {
        "dimension": "gouvernance",
        "position": 2,
        "code": "gouvernance-democratique",
        "name": "Gouvernance démocratique",
        "short_label": "Une personne, une voix",
        "kind": "inclusion",
        "scope": "producer",
        "evidence_required": True,
        "validity_months": 24,
        "target_date": None,
        "explanation": (
            "La loi ESS de 2014 exige une gouvernance démocratique, où la participation des "
            "associés, des salariés et des parties prenantes ne dépend pas seulement du "
            "capital apporté ; dans les coopératives et les associations, elle prend la "
            "forme « une personne, une voix ». Dans une SCOP, les "
            "salariés détiennent la majorité du capital et des voix ; dans une SCIC, "
            "salariés, bénéficiaires et autres parties prenantes siègent ensemble. Les "
            "statuts en font foi."
        ),
    },
    {
        "dimension": "gouvernance",
        "position": 3,
        "code": "lucrativite-limitee",
        "name": "Lucrativité limitée",
        "short_label": "Bénéfices réinvestis",
        "kind": "inclusion",
        "scope": "producer",
        "evidence_required": True,
        "validity_months": 24,
        "target_date": None,
        "explanation": (
            "Les bénéfices sont majoritairement consacrés au maintien et au développement "
            "de l’activité, et les réserves obligatoires ne peuvent pas être partagées "
            "entre les associés. Pour une société commerciale de l’ESS, la loi du "
            "31 juillet 2014 impose d’en mettre au moins 20 % en réserve dans un « fonds de "
            "développement » et au moins 50 % en report bénéficiaire et en réserves. Ainsi, "
            "la valeur créée sert le projet et non la rémunération du capital."
        ),
    },
    {
        "dimension": "gouvernance",
        "position": 4,
        "code": "agrement-esus",
        "name": "Agrément « entreprise solidaire d’utilité sociale »",
        "short_label": "ESUS",
        "scope": "producer",
        "is_certification": True,
        "evidence_required": True,
        "explanation": (
            "L’agrément ESUS (article L. 3332-17-1 du code du travail) est délivré par "
            "l’État aux structures de l’ESS dont l’utilité sociale est la mission "
            "principale et pèse sur leurs comptes. Il encadre aussi les salaires : la "
            "moyenne des cinq plus hautes rémunérations ne dépasse pas sept fois le SMIC, "
            "et la plus haute pas dix fois. Il ouvre l’accès à l’épargne salariale "
            "solidaire et à une réduction d’impôt pour ceux qui investissent à son capital."
        ),
    },
    {
        "dimension": "gouvernance",
        "position": 5,
        "code": "transparence-comptes",
        "name": "Transparence des comptes et des prix",
        "short_label": "Comptes publiés",
        "scope": "producer",
        "value_type": "level",
        "max_level": 3,
        "explanation": (
            "Niveau 1 : les comptes annuels sont présentés aux membres ou aux associés ; "
            "niveau 2 : ils sont publiés en ligne, pour tous ; niveau 3 : ils sont "
            "accompagnés d’un rapport d’activité et de la décomposition du prix des "
            "principaux produits. La loi ESS de 2014 demande que chaque structure examine "
            "en assemblée ses pratiques au regard d’un guide d’amélioration continue ; "
            "rendre ses comptes lisibles permet aux consommateurs de vérifier que la valeur "
            "est bien partagée."
        ),
    },
]


def create_charter(apps, schema_editor):
    Dimension = apps.get_model("impact", "Dimension")
    Criterion = apps.get_model("impact", "Criterion")
    dimensions = {}
    for data in DIMENSIONS:
        values = dict(data)
        code = values.pop("code")
        dimensions[code], _ = Dimension.objects.update_or_create(code=code, defaults=values)
    for data in CRITERIA:
        values = {**CRITERION_DEFAULTS, **data}
        code = values.pop("code")
        values["dimension"] = dimensions[values["dimension"]]
        Criterion.objects.update_or_create(code=code, defaults=values)


def remove_charter(apps, schema_editor):
    """Remove the default criteria nobody has answered yet, then empty dimensions."""
    Dimension = apps.get_model("impact", "Dimension")
    Criterion = apps.get_model("impact", "Criterion")
    Criterion.objects.filter(
        code__in=[data["code"] for data in CRITERIA], claims__isnull=True
    ).delete()
    Dimension.objects.filter(
        code__in=[data["code"] for data in DIMENSIONS], criteria__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_charter, remove_charter),
    ]
