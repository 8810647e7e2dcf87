"""Demo products, non-food: hygiene and beauty, cleaning, crafts and textile."""

from .categories import DemoProduct

HOUSEHOLD: dict[str, tuple[DemoProduct, ...]] = {
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
