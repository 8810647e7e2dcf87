"""Demo product classes (with their VAT rates), categories and the shape of a product."""

from decimal import Decimal
from typing import NamedTuple

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


class DemoProduct(NamedTuple):
    producer: str  # producer slug
    title: str
    price: str  # excluding tax (HT), euros
    stock: int
    description: str
