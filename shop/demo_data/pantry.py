"""Demo products, pantry: dry goods and preserves, honey and sweets, drinks."""

from .categories import DemoProduct

PANTRY: dict[str, tuple[DemoProduct, ...]] = {
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
}
