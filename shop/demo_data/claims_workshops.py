"""Demo impact passports of the workshops: bakers, millers, processors, makers (see
`claims`).

DEMO DATA: certificate and approval numbers are invented (the FR-BIO-xx prefixes are
the real codes of the certification bodies named, the numbers after them are not).
"""

from .claims import (
    ASSOCIATION_STATUTES,
    DISPUTED,
    ENERCOOP,
    ESUS_COMPANY_STATUTES,
    SCIC_PROFITS,
    SCOP_STATUTES,
    SIAE_ESUS,
    VALIDATED,
    DemoClaim,
    Passport,
    accounts_url,
    ess_statutes,
    not_applicable,
)

WORKSHOPS: tuple[Passport, ...] = (
    Passport(
        "fournil-cooperatif-de-crest",
        since=90,
        claims=(
            *ess_statutes(*SCOP_STATUTES),
            DemoClaim(
                "bio",
                True,
                "Certificat 2026 du fournil : pains et biscuits",
                certifier="Ecocert",
                number="FR-BIO-01 / 26-0966",
                since=150,
                until=250,
            ),
            DemoClaim("ecart-salaires", "1.3", "Grille des salaires votée par les associés"),
            DemoClaim(
                "energie-renouvelable", "100", f"Four à bois (chutes de scierie) ; {ENERCOOP}"
            ),
            DemoClaim("formation", 3, "Chaque associé formé à la gestion avec l'URSCOP"),
            DemoClaim("egalite-femmes-hommes", 1, "Égalité des salaires à poste égal vérifiée"),
            DemoClaim("distance-production", "1", "Le fournil est à 600 m du lieu de retrait"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "90", "Décomposition du prix du pain de campagne"),
            DemoClaim(
                "vrac-consigne", True, "Pains sans emballage, sacs à pain en tissu consignés"
            ),
            DemoClaim(
                "transparence-comptes",
                3,
                "Comptes, rapport d'activité et prix du pain détaillé, en ligne",
                url=accounts_url("fournil-cooperatif-de-crest"),
                state=VALIDATED,
                checked=40,
            ),
            DemoClaim(
                "bio",
                False,
                "Beurre et œufs non bio : la pogne n'est pas certifiée",
                product="Pogne de Romans (500 g)",
            ),
            DemoClaim(
                "vrac-consigne",
                False,
                "Sachet kraft doublé, non consigné",
                product="Sablés au petit épeautre (200 g)",
            ),
        ),
    ),
    Passport(
        "graines-de-drome",
        since=110,
        claims=(
            *ess_statutes(
                "Statuts de SCIC SAS déposés au greffe de Romans-sur-Isère, article 4 (intérêt "
                "collectif)",
                "Statuts, article 15 : quatre collèges (paysans, salariés, consommateurs, "
                "collectivités), une personne, une voix",
                SCIC_PROFITS,
                state=VALIDATED,
                checked=90,
            ),
            DemoClaim(
                "bio",
                True,
                "Certificat 2026 : moulin, atelier de tri et pastier",
                certifier="Bureau Veritas",
                number="FR-BIO-10 / 26-0583",
                since=180,
                until=190,
            ),
            DemoClaim(
                "semences-paysannes",
                True,
                "Blés anciens et engrain ressemés chaque année par les paysans associés",
            ),
            DemoClaim("ecart-salaires", "1.8", "Grille des salaires 2025"),
            DemoClaim("formation", 2, "Une formation par personne sur deux ans"),
            DemoClaim(
                "prix-solidaires",
                True,
                "Farines et légumineuses à prix coûtant pour l'épicerie sociale de Crest",
            ),
            # Declared more than a year ago and not renewed: shows "À revérifier".
            DemoClaim(
                "energie-renouvelable", "30", "Panneaux photovoltaïques sur le moulin", since=390
            ),
            DemoClaim("distance-production", "5", "D'Eurre à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "82", "Décomposition du prix des lentilles vertes"),
            DemoClaim("mutualisation", True, "Moulin et atelier de tri partagés par les paysans"),
            DemoClaim(
                "transparence-comptes",
                3,
                "Comptes et rapport d'activité en ligne",
                url=accounts_url("graines-de-drome"),
                state=VALIDATED,
                checked=90,
            ),
            DemoClaim(
                "semences-paysannes",
                False,
                "Blé dur d'une variété du catalogue officiel, semences certifiées",
                product="Pâtes complètes au blé dur (500 g)",
            ),
        ),
    ),
    Passport(
        "ateliers-du-royans",
        since=150,
        claims=(
            *ess_statutes(
                "Fondation reconnue d'utilité publique : décret et statuts, article 1",
                "Statuts, article 6 : collège des travailleurs et des familles au conseil "
                "d'administration",
                "Sans associés : excédents affectés aux établissements (statuts, article 14)",
                state=VALIDATED,
                checked=100,
            ),
            DemoClaim(
                "emplois-insertion",
                True,
                "ESAT : accompagnement de chaque travailleur, mises à disposition en entreprise",
            ),
            DemoClaim(
                "handicap-emploi",
                "83",
                "40 travailleurs en situation de handicap sur 48 (rapport d'activité 2025)",
                state=VALIDATED,
                checked=100,
            ),
            DemoClaim(
                "agrement-esus",
                True,
                "Agrément ESUS de plein droit : ESAT (article L. 3332-17-1, II du code du travail)",
            ),
            DemoClaim("formation", 2, "Reconnaissance des acquis de l'expérience pour tous"),
            DemoClaim("ecart-salaires", "3.8", "Grille des salaires 2025"),
            not_applicable("bien-etre-animal", "Transformation de fruits et de légumes"),
            DemoClaim("energie-renouvelable", "45", "Chaudière à plaquettes forestières"),
            DemoClaim("distance-production", "51", "De Saint-Jean-en-Royans à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "80", "Décomposition du prix des ravioles"),
            DemoClaim(
                "saisonnalite",
                True,
                "Noix récoltées en octobre, séchées naturellement",
                product="Noix de Grenoble AOP (500 g)",
            ),
            DemoClaim(
                "saisonnalite",
                True,
                "Tomates de plein champ mises en bocal en août",
                product="Coulis de tomates (70 cl)",
            ),
        ),
    ),
    Passport(
        "savonnerie-du-val-de-drome",
        since=130,
        claims=(
            *ess_statutes(*SCOP_STATUTES),
            DemoClaim("vrac-consigne", True, "Savons nus, vendus sans emballage"),
            DemoClaim("ecart-salaires", "1.2", "Cinq associées, grille unique"),
            DemoClaim("formation", 2, "Une formation par personne sur deux ans"),
            DemoClaim("egalite-femmes-hommes", 1, "Égalité des salaires vérifiée"),
            DemoClaim("energie-renouvelable", "100", ENERCOOP, since=345),  # reminder due
            DemoClaim("distance-production", "21", "De Loriol-sur-Drôme à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "88", "Décomposition du prix du savon"),
            DemoClaim("mutualisation", True, "Achats d'huiles groupés avec deux savonneries"),
            DemoClaim(
                "transparence-comptes",
                2,
                "Comptes en ligne",
                url=accounts_url("savonnerie-du-val-de-drome"),
            ),
            DemoClaim(
                "vrac-consigne",
                False,
                "Étui en carton jetable",
                product="Baume à lèvres à la cire d'abeille (10 g)",
            ),
            DemoClaim(
                "vrac-consigne",
                True,
                "Flacon en verre consigné",
                product="Eau florale de lavande (200 ml)",
            ),
        ),
    ),
    Passport(
        "ressourcerie-du-confluent",
        since=100,
        claims=(
            *ess_statutes(*ASSOCIATION_STATUTES, state=VALIDATED, checked=80),
            DemoClaim(
                "emplois-insertion",
                True,
                "Atelier et chantier d'insertion conventionné : huit postes à l'atelier couture",
                state=VALIDATED,
                checked=80,
            ),
            DemoClaim("agrement-esus", True, SIAE_ESUS),
            DemoClaim("prix-solidaires", True, "Moitié prix sur présentation de la carte du CCAS"),
            DemoClaim("formation", 3, "Parcours de formation pour chaque salarié en insertion"),
            DemoClaim("ecart-salaires", "1.4", "Grille des salaires 2025"),
            DemoClaim("vrac-consigne", True, "Objets réemployés, vendus sans emballage"),
            not_applicable("bien-etre-animal", "Réemploi textile : pas d'élevage"),
            DemoClaim("distance-production", "19", "De Livron-sur-Drôme à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "90", "Décomposition du prix des sacs à vrac"),
            DemoClaim("mutualisation", True, "Camion de collecte partagé avec deux recycleries"),
        ),
    ),
    Passport(
        "droguerie-solidaire-de-valence",
        since=260,
        claims=(
            *ess_statutes(*ESUS_COMPANY_STATUTES),
            DemoClaim(
                "agrement-esus",
                True,
                "Arrêté préfectoral d'agrément pour cinq ans",
                certifier="Préfecture de la Drôme (DDETS)",
                number="ESUS-26-2024-017",
                since=700,
                until=1126,
            ),
            DemoClaim("emplois-insertion", True, "Entreprise d'insertion : trois postes"),
            DemoClaim("vrac-consigne", True, "Vrac au lieu de retrait, bidons consignés"),
            # Validated, then not renewed after a year: shows "À revérifier".
            DemoClaim(
                "energie-renouvelable", "100", ENERCOOP, since=395, state=VALIDATED, checked=360
            ),
            DemoClaim("ecart-salaires", "2.2", "Grille des salaires 2025"),
            DemoClaim("formation", 2, "Une formation par personne sur deux ans"),
            DemoClaim("prix-solidaires", True, "Remise de 30 % à l'épicerie solidaire de Valence"),
            DemoClaim(
                "transparence-comptes",
                2,
                "Comptes en ligne",
                url=accounts_url("droguerie-solidaire-de-valence"),
            ),
            DemoClaim("distance-production", "31", "De Valence à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "86", "Décomposition du prix de la lessive"),
            DemoClaim(
                "vrac-consigne",
                False,
                "Sachet kraft, non consigné",
                product="Cristaux de soude (1 kg)",
            ),
        ),
    ),
    Passport(
        "poterie-partagee-de-dieulefit",
        since=120,
        # The whole passport was checked during one participatory visit.
        state=VALIDATED,
        checked=35,
        claims=(
            *ess_statutes(*SCOP_STATUTES),
            DemoClaim("ecart-salaires", "1.4", "Grille des salaires votée par les associés"),
            DemoClaim("formation", 2, "Une formation par personne sur deux ans"),
            DemoClaim("egalite-femmes-hommes", 2, "Gérance mixte ; égalité des salaires"),
            DemoClaim("energie-renouvelable", "100", f"Fours électriques ; {ENERCOOP}"),
            DemoClaim(
                "mutualisation", True, "Fours, tours et boutique partagés par sept céramistes"
            ),
            not_applicable("bien-etre-animal", "Céramique : pas d'élevage"),
            DemoClaim("distance-production", "29", "De Dieulefit à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "85", "Décomposition du prix du bol"),
            DemoClaim(
                "transparence-comptes",
                3,
                "Comptes, rapport d'activité et prix détaillés en ligne",
                url=accounts_url("poterie-partagee-de-dieulefit"),
            ),
        ),
    ),
    Passport(
        "pressoirs-de-l-hermitage",
        since=200,
        claims=(
            *ess_statutes(
                "Statuts de SCIC SAS, article 4 ; la commune de Tain-l'Hermitage est associée",
                "Statuts, article 16 : trois collèges (arboriculteurs, salariés, commune)",
                SCIC_PROFITS,
            ),
            DemoClaim(
                "vrac-consigne",
                True,
                "Bouteilles consignées, lavées sur place ; 78 % de retour en 2025",
                state=VALIDATED,
                checked=150,
            ),
            DemoClaim("ecart-salaires", "1.6", "Grille des salaires 2025"),
            DemoClaim("formation", 1, "Plan de formation écrit"),
            DemoClaim("egalite-femmes-hommes", 2, "Conseil d'administration paritaire"),
            DemoClaim("energie-renouvelable", "60", "Panneaux photovoltaïques sur l'atelier"),
            DemoClaim("distance-production", "52", "De Tain-l'Hermitage à Crest, par la route"),
            DemoClaim("intermediaires", "0", "Vente directe"),
            DemoClaim("part-producteur", "70", "Décomposition du prix du nectar d'abricot"),
            DemoClaim("mutualisation", True, "Presse et laveuse de bouteilles partagées"),
            DemoClaim(
                "transparence-comptes",
                2,
                "Comptes en ligne",
                url=accounts_url("pressoirs-de-l-hermitage"),
            ),
        ),
    ),
    Passport(
        "nougaterie-cooperative-de-montelimar",
        since=60,
        claims=(
            *ess_statutes(*ESUS_COMPANY_STATUTES),
            DemoClaim(
                "agrement-esus",
                True,
                "Arrêté préfectoral d'agrément pour deux ans (entreprise de moins de trois ans)",
                certifier="Préfecture de la Drôme (DDETS)",
                number="ESUS-26-2025-031",
                since=400,
                until=330,
            ),
            DemoClaim(
                "emplois-insertion",
                True,
                "Deux apprentis confiseurs formés chaque année",
                # A member objected: apprenticeship is not insertion par l'activité économique.
                state=DISPUTED,
                checked=20,
            ),
            DemoClaim(
                "formation", 3, "Apprentissage ; tuteur formé ; associés formés à la gestion"
            ),
            DemoClaim("ecart-salaires", "1.5", "Grille des salaires 2025"),
            DemoClaim("distance-production", "37", "De Montélimar à Crest, par la route"),
            DemoClaim("intermediaires", "1", "Livraison par un grossiste en confiserie"),
            DemoClaim("part-producteur", "64", "Décomposition du prix du nougat blanc"),
            DemoClaim("transparence-comptes", 1, "Comptes présentés aux associés"),
        ),
    ),
)
