"""Demo impact passports of the farms and farmers' cooperatives (see `claims`).

DEMO DATA: certificate numbers are invented (the FR-BIO-xx prefixes are the real codes
of the certification bodies named, the numbers after them are not).
"""

from .claims import (
    AGRICULTURAL_COOP_STATUTES,
    ASSOCIATION_STATUTES,
    DISPUTED,
    SIAE_ESUS,
    VALIDATED,
    DemoClaim,
    Passport,
    accounts_url,
    ess_statutes,
    for_products,
    not_applicable,
)

NO_LIVESTOCK = "Pas d'élevage : cultures végétales uniquement"
IN_SEASON = "Récolté en pleine saison, en plein champ (calendrier de l'ADEME)"

FARMS: tuple[Passport, ...] = (
    Passport(
        "cooperative-fruitiere-du-diois",
        since=120,
        claims=(
            *ess_statutes(*AGRICULTURAL_COOP_STATUTES, since=400, state=VALIDATED, checked=380),
            DemoClaim(
                "bio",
                True,
                "Certificat 2026 des vergers et de la station de conditionnement",
                certifier="Ecocert",
                number="FR-BIO-01 / 26-0418",
                since=300,
                until=120,
                state=VALIDATED,
                checked=280,
            ),
            not_applicable("bien-etre-animal", NO_LIVESTOCK),
            DemoClaim("ecart-salaires", "2.6", "Grille des salaires 2025 présentée en AG"),
            DemoClaim("handicap-emploi", "5.5", "Déclaration d'emploi des travailleurs handicapés"),
            DemoClaim("formation", 2, "Plan de développement des compétences 2025-2026"),
            DemoClaim(
                "energie-renouvelable",
                "35",
                "Panneaux photovoltaïques sur la station de tri : 35 % de la consommation",
            ),
            DemoClaim("distance-production", "37", "De Die à Crest, par la route"),
            DemoClaim("intermediaires", "0", "La coopérative vend directement à Panier Commun"),
            DemoClaim(
                "part-producteur",
                "78",
                "Décomposition du prix 2025 : 78 % reviennent à la coopérative et à ses "
                "arboriculteurs",
            ),
            DemoClaim(
                "mutualisation",
                True,
                "Station de tri et de conditionnement partagée par 32 arboriculteurs",
            ),
            # Declared a year ago: due for the freshness reminder within the month.
            DemoClaim("transparence-comptes", 1, "Comptes présentés en AG, mars 2025", since=350),
            DemoClaim(
                "bio",
                False,
                "Parcelle en conversion, récolte 2026",
                product="Poires Williams (1 kg)",
                since=75,
            ),
            *for_products(
                "saisonnalite",
                True,
                IN_SEASON,
                "Pommes Golden du Diois (1 kg)",
                "Poires Williams (1 kg)",
                "Abricots Bergeron (1 kg)",
            ),
            DemoClaim(
                "vrac-consigne",
                True,
                "Bouteille en verre consignée, lavée aux Pressoirs de l'Hermitage",
                product="Jus de pomme (1 L)",
            ),
        ),
    ),
    Passport(
        "jardins-de-la-gervanne",
        since=200,
        claims=(
            *ess_statutes(*ASSOCIATION_STATUTES, state=VALIDATED, checked=150),
            DemoClaim(
                "emplois-insertion",
                True,
                "Atelier et chantier d'insertion conventionné par la DDETS de la Drôme, "
                "convention 2025-2027",
                state=VALIDATED,
                checked=150,
            ),
            DemoClaim("agrement-esus", True, SIAE_ESUS),
            DemoClaim(
                "bio",
                True,
                "Certificat 2026 : maraîchage de plein champ et sous abri froid",
                certifier="Certipaq",
                number="FR-BIO-09 / 26-0731",
                since=240,
                until=160,
            ),
            not_applicable("bien-etre-animal", NO_LIVESTOCK),
            DemoClaim(
                "prix-solidaires",
                True,
                "Paniers à moitié prix pour les foyers orientés par le CCAS d'Aouste-sur-Sye",
            ),
            DemoClaim(
                "formation",
                3,
                "Parcours de formation pour chaque salarié en insertion ; plan 2026",
            ),
            DemoClaim("egalite-femmes-hommes", 2, "Bureau paritaire ; grille unique des salaires"),
            DemoClaim("distance-production", "4", "D'Aouste-sur-Sye à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe depuis le jardin"),
            DemoClaim("part-producteur", "88", "Prix de vente fixé par le jardin, logistique 12 %"),
            *for_products(
                "saisonnalite",
                True,
                IN_SEASON,
                "Panier de légumes de saison (5 kg)",
                "Carottes (1 kg)",
                "Courge butternut (pièce d'environ 1,2 kg)",
                "Pommes de terre (2,5 kg)",
            ),
            DemoClaim(
                "saisonnalite",
                True,
                "Salade d'hiver cultivée sous abri froid, non chauffé",
                product="Salade batavia",
            ),
            DemoClaim(
                "semences-paysannes",
                True,
                "Variété population Waltham, graines récoltées au jardin",
                product="Courge butternut (pièce d'environ 1,2 kg)",
            ),
        ),
    ),
    Passport(
        "rucher-des-trois-becs",
        since=160,
        claims=(
            *ess_statutes(
                "Statuts de la SARL agricole, article 2 : principes de l'ESS inscrits en 2023 ; "
                "extrait Kbis",
                "Statuts, article 12 : une voix par associé, quel que soit le capital",
                "Statuts, article 28 : 20 % des bénéfices au fonds de développement, 50 % en "
                "réserves",
            ),
            DemoClaim(
                "bio",
                True,
                "Apiculture biologique : ruchers sur zones sauvages et cultures bio, cire bio",
                certifier="Ecocert",
                number="FR-BIO-01 / 26-1287",
                since=200,
                until=200,
            ),
            DemoClaim(
                "bien-etre-animal",
                2,
                "Aucun nourrissement au sucre pendant les miellées ; reines non clippées",
            ),
            DemoClaim("formation", 1, "Plan de formation écrit, discuté entre associés"),
            DemoClaim("distance-production", "18", "De Saillans à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "92", "Décomposition du prix du miel de lavande"),
            DemoClaim("mutualisation", True, "Miellerie partagée avec trois apiculteurs du Diois"),
            DemoClaim("transparence-comptes", 1, "Comptes présentés aux associés"),
            DemoClaim(
                "bio",
                False,
                "Farine non certifiée : seul le miel est bio",
                product="Pain d'épices au miel (300 g)",
            ),
        ),
    ),
    Passport(
        "chevrerie-de-la-lance",
        since=240,
        claims=(
            *ess_statutes(
                "Statuts du GAEC, article 2 : principes de l'ESS ; adhésion à la CRESS "
                "Auvergne-Rhône-Alpes",
                "Statuts, article 10 : les trois associés décident ensemble, une voix chacun",
                "Statuts, article 25 : bénéfices réinvestis dans la fromagerie",
            ),
            DemoClaim(
                "nature-progres",
                True,
                "Mention obtenue après la visite d'un consommateur et d'un éleveur pair",
                certifier="Nature & Progrès Drôme",
                number="NP-26-0042",
                state=VALIDATED,
                checked=60,
            ),
            DemoClaim(
                "bien-etre-animal",
                3,
                "Pâturage quotidien d'avril à novembre, chevrettes sous la mère, abattoir de "
                "proximité",
                state=VALIDATED,
                checked=60,
            ),
            DemoClaim("ecart-salaires", "1", "Rémunération égale des trois associés"),
            DemoClaim("egalite-femmes-hommes", 2, "Deux associées, un associé ; même rémunération"),
            DemoClaim("energie-renouvelable", "30", "Chauffe-eau solaire de la fromagerie"),
            DemoClaim("distance-production", "29", "De Dieulefit à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "90", "Décomposition du prix du picodon"),
            DemoClaim(
                "vrac-consigne",
                True,
                "Pots en verre consignés, rapportés au lieu de retrait",
                product="Yaourts de chèvre nature (4 pots de 125 g)",
            ),
        ),
    ),
    Passport(
        "laiterie-des-monts-du-matin",
        since=180,
        claims=(
            *ess_statutes(*AGRICULTURAL_COOP_STATUTES),
            DemoClaim(
                "bien-etre-animal",
                3,
                "Pâturage 200 jours par an, pas d'écornage sans anesthésie",
                # A member's farm visit found cows tied up in their stalls in winter.
                state=DISPUTED,
                checked=12,
            ),
            DemoClaim(
                "commerce-equitable",
                True,
                "Contrat de trois ans, prix du lait fondé sur les coûts de production",
                certifier="Agri-Éthique France",
                number="AE-2026-0412",
            ),
            DemoClaim("ecart-salaires", "3.1", "Grille des salaires 2025"),
            DemoClaim("handicap-emploi", "4.5", "Déclaration d'emploi des travailleurs handicapés"),
            DemoClaim("formation", 2, "Une formation par salarié sur deux ans"),
            DemoClaim("egalite-femmes-hommes", 1, "Index de l'égalité professionnelle 2025"),
            DemoClaim(
                "energie-renouvelable", "40", "Chaudière à bois déchiqueté pour la pasteurisation"
            ),
            DemoClaim("distance-production", "47", "De Romans-sur-Isère à Crest, par la route"),
            DemoClaim("intermediaires", "1", "Livraison par une plateforme logistique paysanne"),
            DemoClaim("part-producteur", "68", "Prix payé aux fermes rapporté au prix de vente"),
            DemoClaim("mutualisation", True, "Laiterie commune de quatorze fermes"),
            DemoClaim(
                "transparence-comptes",
                2,
                "Comptes 2025 publiés en ligne",
                url=accounts_url("laiterie-des-monts-du-matin"),
            ),
            DemoClaim(
                "vrac-consigne",
                True,
                "Bouteille en verre consignée",
                product="Lait entier pasteurisé (1 L)",
            ),
        ),
    ),
    Passport(
        "moulin-cooperatif-des-baronnies",
        since=210,
        claims=(
            *ess_statutes(*AGRICULTURAL_COOP_STATUTES),
            not_applicable("bien-etre-animal", "Oléiculture : pas d'élevage"),
            DemoClaim("ecart-salaires", "2.4", "Grille des salaires 2025"),
            DemoClaim("formation", 1, "Plan de formation écrit"),
            DemoClaim(
                "energie-renouvelable", "25", "Grignons d'olive brûlés dans la chaudière du moulin"
            ),
            DemoClaim(
                "semences-paysannes",
                True,
                "Oliviers de variété tanche greffés à partir des vieux vergers de Nyons",
            ),
            DemoClaim("distance-production", "54", "De Nyons à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Le moulin vend directement"),
            DemoClaim("part-producteur", "75", "Prix de l'huile rapporté au prix payé aux apports"),
            DemoClaim("mutualisation", True, "Moulin à huile partagé par les oléiculteurs"),
            # Not renewed after a year: shows "À revérifier".
            DemoClaim("transparence-comptes", 2, "Comptes 2024 publiés", since=400),
        ),
    ),
    Passport(
        "ferme-collective-du-haut-roubion",
        since=45,
        claims=(
            # An applicant: its legal form does not meet the charter yet.
            DemoClaim(
                "forme-ess",
                False,
                "SARL agricole ; passage en SCIC voté, statuts en cours de rédaction (2027)",
            ),
            DemoClaim(
                "gouvernance-democratique",
                True,
                "Statuts de la SARL, article 13 : une voix par associé",
            ),
            DemoClaim(
                "lucrativite-limitee",
                True,
                "Aucun dividende versé depuis l'installation (procès-verbal d'AG 2025)",
            ),
            DemoClaim(
                "bio",
                False,
                "Conversion engagée en 2025 avec Certipaq, certification attendue en 2027",
            ),
            DemoClaim(
                "bien-etre-animal",
                2,
                "Plein air toute l'année, ni caudectomie ni castration à vif",
                since=350,  # due for the freshness reminder
            ),
            DemoClaim("formation", 1, "Plan de formation écrit"),
            DemoClaim("egalite-femmes-hommes", 2, "Deux associées, deux associés"),
            DemoClaim("distance-production", "24", "De Bourdeaux à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe, livrée par la ferme"),
            DemoClaim("part-producteur", "95", "Vente directe"),
            DemoClaim("mutualisation", True, "CUMA de la vallée du Roubion ; atelier de découpe"),
            DemoClaim(
                "vrac-consigne",
                True,
                "Boîtes à œufs rapportées et réemployées",
                product="Œufs de plein air (boîte de 6)",
            ),
        ),
    ),
)
