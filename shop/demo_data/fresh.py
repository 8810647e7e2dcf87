"""Demo products, fresh food: fruit and vegetables, dairy and eggs, bread, meat."""

from .categories import DemoProduct

FRESH: dict[str, tuple[DemoProduct, ...]] = {
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
}
