"""The demo's education content: articles and a guide written for Panier Commun.

Facts are those of public texts (loi n° 2014-856 du 31 juillet 2014 relative à l'ESS,
the Ministry of Agriculture's 2009 definition of circuits courts, the organic
regulation (EU) 2018/848, the charters of Nature & Progrès) and no figure is given as
a measured fact unless it is one. Product embeds name demo products by UPC
(`shop/demo_data`); `cms.demo` resolves them and leaves out any that is missing.
"""

from typing import Any


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": text}


def paragraph(html: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": html}


def quote(text: str, author: str) -> dict[str, Any]:
    return {"type": "quote", "value": {"text": text, "author": author}}


def callout(title: str, html: str, kind: str = "info") -> dict[str, Any]:
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def faq(title: str, *items: tuple[str, str]) -> dict[str, Any]:
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": a} for q, a in items],
        },
    }


def product(upc: str, note: str = "") -> dict[str, Any]:
    """A product embed; `upc` is replaced by the product's id when the page is loaded."""
    return {"type": "product_embed", "value": {"product": {"upc": upc}, "note": note}}


def comparison(title: str, *upcs: str) -> dict[str, Any]:
    return {
        "type": "comparison",
        "value": {"title": title, "products": [{"upc": upc} for upc in upcs]},
    }


def group_order_cta(title: str, text: str) -> dict[str, Any]:
    return {"type": "group_order_cta", "value": {"title": title, "text": text, "group": None}}


def step(title: str, html: str) -> dict[str, Any]:
    return {"type": "step", "value": {"title": title, "text": html}}


ARTICLES: tuple[dict[str, Any], ...] = (
    {
        "slug": "economie-sociale-et-solidaire",
        "title": "Qu'est-ce que l'économie sociale et solidaire ?",
        "intro": (
            "Associations, coopératives, mutuelles, fondations, entreprises solidaires : "
            "l'économie sociale et solidaire rassemble des structures qui entreprennent "
            "autrement. Ce qui les réunit, et comment les reconnaître."
        ),
        "body": [
            heading("Une autre façon d'entreprendre"),
            paragraph(
                "<p>L'économie sociale et solidaire (ESS) regroupe des organisations qui "
                "produisent des biens et des services comme les autres entreprises, mais "
                "qui poursuivent un but autre que le seul partage des bénéfices. Depuis la "
                "<b>loi du 31 juillet 2014</b> relative à l'ESS, la France en donne une "
                "définition précise : une gouvernance démocratique, des bénéfices "
                "majoritairement consacrés au maintien ou au développement de l'activité, "
                "et des réserves obligatoires qui ne peuvent pas être partagées entre les "
                "associés.</p>"
            ),
            paragraph(
                "<p>Concrètement, dans une coopérative, chaque associé dispose d'une voix, "
                "quel que soit le capital qu'il a apporté : c'est le principe « une "
                "personne, une voix ». Et l'argent gagné reste pour l'essentiel dans "
                "l'entreprise, pour investir, embaucher ou traverser les années "
                "difficiles.</p>"
            ),
            heading("Les grandes familles"),
            paragraph(
                "<ul>"
                "<li><b>Les associations</b>, qui portent des chantiers d'insertion, des "
                "ressourceries, des épiceries solidaires ou des jardins partagés.</li>"
                "<li><b>Les coopératives</b> : la SCOP, dont les salariés sont les associés "
                "majoritaires ; la SCIC, société coopérative d'intérêt collectif, qui "
                "associe salariés, usagers, producteurs, bénévoles et collectivités ; la "
                "coopérative agricole, qui met en commun outils et commercialisation ; la "
                "coopérative de consommateurs.</li>"
                "<li><b>Les mutuelles</b> d'assurance et de santé, qui appartiennent à "
                "leurs sociétaires.</li>"
                "<li><b>Les fondations</b>, qui consacrent un patrimoine à une cause "
                "d'intérêt général et gèrent parfois des établissements, comme les ESAT "
                "où travaillent des personnes en situation de handicap.</li>"
                "<li><b>Les sociétés commerciales de l'ESS</b>, qui inscrivent ces "
                "principes dans leurs statuts. Certaines obtiennent l'agrément "
                "<b>ESUS</b> (entreprise solidaire d'utilité sociale) quand leur utilité "
                "sociale est au cœur de leur activité et que leurs écarts de salaires "
                "sont encadrés.</li>"
                "</ul>"
            ),
            heading("Un poids réel dans l'économie"),
            paragraph(
                "<p>L'ESS représente environ un emploi salarié privé sur sept en France. "
                "Elle est très présente dans l'action sociale, l'insertion, la santé, "
                "l'éducation et la culture, mais aussi dans l'agriculture et "
                "l'alimentation, où les coopératives et les circuits de proximité sont "
                "anciens.</p>"
            ),
            quote(
                "Nous achetons ensemble pour que chaque euro dépensé soutienne un emploi, "
                "un territoire et une manière de produire que nous avons choisis.",
                "Charte de Panier Commun",
            ),
            heading("Comment la reconnaître sur Panier Commun ?"),
            paragraph(
                "<p>Chaque fiche producteur indique sa forme juridique (association, "
                "SCOP, SCIC, coopérative agricole, entreprise agréée ESUS, fondation, "
                "exploitation agricole…) et son statut vis-à-vis de la charte de la "
                "plateforme. Une exploitation agricole n'appartient pas en elle-même à "
                "l'ESS : elle rejoint Panier Commun parce qu'elle s'engage sur la charte "
                "et que ses pratiques sont vérifiées par la communauté.</p>"
            ),
            heading("Ce que dit la loi de 2014"),
            paragraph(
                "<p>La loi n° 2014-856 du 31 juillet 2014 a fait entrer dans l'ESS, à côté "
                "des associations, coopératives, mutuelles et fondations, les sociétés "
                "commerciales qui en respectent les conditions. En plus des conditions "
                "communes à toute l'ESS, leurs statuts doivent prévoir la recherche d'une "
                "utilité sociale et des principes de gestion précis : une part des "
                "bénéfices versée à un fonds de développement, la majorité des bénéfices "
                "laissée dans l'entreprise, et des réserves obligatoires qui ne peuvent "
                "pas être partagées.</p>"
            ),
            paragraph(
                "<p>La même loi a refondu l'agrément <b>ESUS</b>. Il est délivré par "
                "l'administration (la direction départementale chargée de l'emploi) pour "
                "cinq ans, ou deux ans pour une entreprise de moins de trois ans. Il "
                "ouvre l'accès à l'épargne salariale solidaire, en échange d'engagements "
                "vérifiables, en particulier sur la politique de rémunération.</p>"
            ),
            callout(
                "À retenir",
                "<p>Le statut ne suffit pas à faire la preuve des pratiques : une "
                "association peut mal traiter ses salariés, une SARL peut être exemplaire. "
                "C'est pourquoi la charte de Panier Commun regarde à la fois la forme "
                "juridique <b>et</b> les pratiques déclarées, puis vérifiées.</p>",
                kind="tip",
            ),
            heading("Des exemples dans la coopérative"),
            paragraph(
                "<p>Les produits ci-dessous viennent de structures de l'ESS de la Drôme. Le "
                "bloc d'impact affiché sous chacun résume la forme juridique du "
                "producteur, ses certifications et l'état de vérification de ce qu'il "
                "déclare ; le prix est celui du jour, toutes taxes comprises.</p>"
            ),
            product(
                "PC-huile-d-olive-de-nyons-aop-50-cl",
                "Une huile d'appellation d'origine protégée, pressée localement.",
            ),
            product(
                "PC-savon-noir-a-l-huile-de-lin-1-l",
                "Un produit d'entretien fabriqué par une structure de l'ESS.",
            ),
            faq(
                "Questions fréquentes",
                (
                    "Une exploitation agricole fait-elle partie de l'ESS ?",
                    "<p>Pas automatiquement : une exploitation individuelle est une "
                    "entreprise classique. Les coopératives agricoles (CUMA, "
                    "coopératives de collecte ou de transformation) en font partie. Sur "
                    "Panier Commun, une ferme peut rejoindre la charte par ses "
                    "pratiques.</p>",
                ),
                (
                    "Qu'est-ce qu'une SCIC ?",
                    "<p>Une société coopérative d'intérêt collectif réunit au moins trois "
                    "catégories d'associés, dont obligatoirement les salariés (ou les "
                    "producteurs) et les bénéficiaires. Chaque associé dispose d'une "
                    "voix, même si les statuts peuvent regrouper les votes par "
                    "collèges.</p>",
                ),
            ),
        ],
    },
    {
        "slug": "pourquoi-acheter-en-circuit-court",
        "title": "Pourquoi acheter en circuit court ?",
        "intro": (
            "Un circuit court, c'est au plus un intermédiaire entre le producteur et vous. "
            "Ce que cela change pour les paysans, pour votre assiette et pour le "
            "territoire, et ce que cela ne garantit pas."
        ),
        "body": [
            heading("Une définition simple"),
            paragraph(
                "<p>Le ministère de l'Agriculture définit depuis 2009 le circuit court "
                "comme un mode de commercialisation des produits agricoles qui s'exerce "
                "soit par la vente directe du producteur au consommateur, soit par la "
                "vente indirecte à condition qu'il n'y ait <b>qu'un seul "
                "intermédiaire</b>. Vente à la ferme, marché, AMAP, magasin de "
                "producteurs, groupement d'achat : les formes sont nombreuses.</p>"
            ),
            heading("Ce que vous y gagnez"),
            paragraph(
                "<ul>"
                "<li><b>Une juste rémunération</b> : avec moins d'intermédiaires, une plus "
                "grande part du prix revient à celles et ceux qui produisent. Sur Panier "
                "Commun, cette part est affichée quand le producteur la déclare.</li>"
                "<li><b>De la fraîcheur et de la saison</b> : des fruits cueillis mûrs, des "
                "légumes récoltés la veille, des variétés choisies pour le goût plutôt que "
                "pour leur résistance au transport.</li>"
                "<li><b>De la transparence</b> : vous savez qui produit, où et comment, et "
                "vous pouvez poser vos questions, voire visiter la ferme.</li>"
                "<li><b>Des emplois sur le territoire</b> : transformation, logistique, "
                "vente… l'argent dépensé circule localement.</li>"
                "</ul>"
            ),
            heading("Ce qu'un circuit court ne garantit pas"),
            paragraph(
                "<p>Court ne veut pas dire automatiquement écologique. Un producteur qui "
                "parcourt cinquante kilomètres en camionnette pour livrer quelques cagettes "
                "peut émettre plus de gaz à effet de serre par kilo transporté qu'un "
                "camion bien rempli venu de plus loin. Le mode de production (saison, "
                "serre chauffée ou non, engrais, alimentation des animaux) pèse en général "
                "bien plus lourd que le transport dans l'impact d'un aliment. Et la "
                "longueur d'un circuit ne dit rien, à elle seule, des conditions de "
                "travail.</p>"
            ),
            paragraph(
                "<p>C'est pourquoi Panier Commun combine trois leviers : <b>regrouper les "
                "commandes</b> pour remplir les véhicules et limiter les trajets, "
                "<b>montrer les pratiques</b> de chaque producteur, pas seulement sa "
                "distance, et les faire <b>vérifier par la communauté</b> plutôt que de "
                "s'en tenir aux déclarations.</p>"
            ),
            quote(
                "Acheter local, c'est bien ; savoir comment c'est produit, c'est mieux ; "
                "s'organiser pour le faire ensemble, c'est encore mieux.",
                "Charte de Panier Commun",
            ),
            heading("Par où commencer ?"),
            paragraph(
                "<ol>"
                "<li>Repérez les producteurs proches de chez vous dans l'annuaire.</li>"
                "<li>Commencez par ce que vous achetez chaque semaine : pain, œufs, fruits "
                "et légumes de saison.</li>"
                "<li>Rejoignez un groupement d'achat pour les produits qui se conservent : "
                "farines, légumineuses, huile, produits d'entretien.</li>"
                "</ol>"
            ),
            heading("Vente directe, vente indirecte : des formes variées"),
            paragraph(
                "<p>La définition n'impose pas de distance. Un circuit court peut relier "
                "une ferme voisine à votre cuisine comme un producteur situé à deux cents "
                "kilomètres, du moment qu'il y a au plus un intermédiaire. On parle de "
                "« circuit de proximité » ou de « vente locale » quand la distance compte "
                "aussi. Sur Panier Commun, le bloc d'impact affiche la distance entre le "
                "producteur et le code postal que vous avez choisi : les deux "
                "informations se complètent.</p>"
            ),
            paragraph(
                "<p>Dans un magasin de producteurs, les agriculteurs vendent eux-mêmes, "
                "souvent à tour de rôle : c'est de la vente directe. Dans une épicerie "
                "qui achète à la ferme, l'épicerie est l'unique intermédiaire : c'est "
                "encore un circuit court. Un grossiste puis un détaillant, en revanche, "
                "font deux intermédiaires.</p>"
            ),
            product(
                "PC-pommes-golden-du-diois-1-kg",
                "Des pommes vendues par une coopérative fruitière, sans autre intermédiaire.",
            ),
            product(
                "PC-oeufs-de-plein-air-boite-de-6",
                "Des œufs livrés au point de retrait par l'éleveur lui-même.",
            ),
            callout(
                "Bon à savoir",
                "<p>Pour réduire l'impact du transport, le plus efficace est souvent de "
                "<b>regrouper</b> : une livraison pour trente foyers plutôt que trente "
                "allers-retours en voiture vers la ferme.</p>",
            ),
            paragraph(
                "<p>Enfin, le circuit court n'est pas réservé aux produits frais. Les "
                "farines, les huiles, les savons ou la vaisselle en grès des ateliers de "
                "la région passent eux aussi directement de l'atelier au consommateur. "
                "Pour ces produits qui se conservent, une commande groupée mensuelle "
                "suffit souvent, et permet à l'artisan de mieux prévoir sa "
                "production.</p>"
            ),
            group_order_cta(
                "Essayez la commande groupée",
                "Les commandes ouvertes des groupements d'achat, triées par date de clôture.",
            ),
        ],
    },
    {
        "slug": "groupement-d-achat-mode-d-emploi",
        "title": "Le groupement d'achat, mode d'emploi",
        "intro": (
            "Commander ensemble pour acheter par cartons, mieux rémunérer les producteurs "
            "et payer moins cher : voici comment fonctionne une commande groupée sur "
            "Panier Commun."
        ),
        "body": [
            heading("Le principe"),
            paragraph(
                "<p>Un groupement d'achat réunit des foyers d'un même quartier ou d'une "
                "même commune qui passent commande ensemble. Les producteurs livrent une "
                "seule fois, en gros conditionnement, à un lieu de retrait convenu, et les "
                "membres y récupèrent leur part. Moins de trajets, moins d'emballages, et "
                "des prix plus bas, parce que le producteur prépare un seul envoi plutôt "
                "que trente colis.</p>"
            ),
            heading("Les étapes d'une commande groupée"),
            paragraph(
                "<ol>"
                "<li><b>Ouverture</b> : la coordination du groupe ouvre une commande avec "
                "une date limite, une date de retrait et une liste de produits. Pour "
                "chaque produit, le producteur fixe une taille de carton et, parfois, une "
                "quantité minimale.</li>"
                "<li><b>Engagements</b> : chaque membre indique les quantités qu'il "
                "souhaite. Il peut accepter quelques unités de plus pour aider à compléter "
                "un carton.</li>"
                "<li><b>Clôture</b> : à la date limite, chaque produit est arrondi aux "
                "cartons complets et les unités sont réparties entre les membres de façon "
                "équitable et reproductible. Les lignes qui n'atteignent pas le minimum "
                "sont libérées, sans frais.</li>"
                "<li><b>Paiement et retrait</b> : chacun ne paie que ce qu'il reçoit "
                "réellement, puis récupère sa commande au lieu de retrait le jour "
                "prévu.</li>"
                "</ol>"
            ),
            heading("Le rôle de la coordination"),
            paragraph(
                "<p>Coordonner un groupe, c'est accueillir les nouveaux membres, choisir "
                "avec eux les producteurs, ouvrir les commandes et organiser les "
                "distributions. Sur Panier Commun, la coordination reçoit une liste de "
                "retrait par membre, et chaque producteur un bon de commande consolidé : "
                "plus besoin de recopier des tableurs.</p>"
            ),
            quote(
                "Chaque membre donne deux heures par trimestre pour la distribution : "
                "c'est ce qui nous permet de garder des prix justes pour tout le monde.",
                "Groupement d'achat du Val de Drôme",
            ),
            heading("Rejoindre ou créer un groupe"),
            paragraph(
                "<p>Depuis la page des groupes, cherchez un groupement près de chez vous et "
                "demandez à le rejoindre. S'il n'en existe pas, quelques voisins suffisent "
                "pour en créer un : un lieu de retrait, une personne pour coordonner, et "
                "c'est parti.</p>"
            ),
            heading("Pourquoi les prix baissent"),
            paragraph(
                "<p>Préparer une commande coûte du temps au producteur : compter, "
                "emballer, facturer, livrer. Quand trente foyers commandent ensemble, ce "
                "travail est fait une fois pour un carton complet au lieu de trente fois "
                "pour un pot. Le producteur peut alors consentir un prix de gros sans "
                "réduire sa marge, et c'est lui qui le fixe : Panier Commun n'impose "
                "aucune remise. Certains produits ont des paliers de prix qui s'appliquent "
                "quand la quantité totale du groupe atteint un seuil.</p>"
            ),
            paragraph(
                "<p>Les produits qui se conservent se prêtent le mieux à l'exercice : "
                "farines, légumineuses, huile, miel, produits d'entretien. On les commande "
                "une fois par mois ou par trimestre, et le groupe évite les emballages "
                "individuels.</p>"
            ),
            heading("Un groupement, ce n'est pas qu'un tarif"),
            paragraph(
                "<p>Les groupements d'achat sont souvent nés d'associations de quartier, "
                "de parents d'élèves ou d'AMAP qui voulaient aller au-delà du panier de "
                "légumes. Au fil des distributions, les membres se connaissent, "
                "échangent des recettes, se dépannent, et découvrent des producteurs "
                "qu'ils n'auraient pas trouvés seuls. Certains groupes réservent une "
                "partie des places ou appliquent des prix adaptés aux revenus des "
                "foyers, pour que l'alimentation de qualité ne soit pas réservée à "
                "quelques-uns. D'autres invitent les producteurs à la distribution une "
                "fois par saison, pour parler de leurs pratiques et des récoltes à "
                "venir. C'est cette vie collective qui fait durer un groupe, bien plus "
                "que les économies réalisées sur chaque commande.</p>"
            ),
            comparison(
                "Trois produits d'épicerie souvent commandés en groupe",
                "PC-lentilles-vertes-500-g",
                "PC-farine-de-ble-t80-1-kg",
                "PC-miel-toutes-fleurs-de-montagne-500-g",
            ),
            product(
                "PC-lessive-liquide-au-savon-de-marseille-15-l",
                "Un grand format qui a tout son sens en commande groupée.",
            ),
            faq(
                "Questions fréquentes",
                (
                    "Que se passe-t-il si un carton n'est pas complet ?",
                    "<p>Les unités manquantes peuvent être comblées par les membres qui "
                    "ont accepté une tolérance. Sinon, la quantité est arrondie au "
                    "carton complet inférieur, et les engagements non servis sont "
                    "libérés sans être payés.</p>",
                ),
                (
                    "Faut-il être disponible à chaque distribution ?",
                    "<p>Non : un voisin peut récupérer votre commande. Les groupes "
                    "s'organisent pour que la tenue des distributions tourne entre les "
                    "membres.</p>",
                ),
            ),
            group_order_cta("Les commandes en cours", ""),
        ],
    },
    {
        "slug": "labels-et-validation-participative",
        "title": "Labels, SPG et validation participative : à qui faire confiance ?",
        "intro": (
            "Bio, AOP, système participatif de garantie… Comment savoir si ce qu'affiche "
            "un produit est vrai ? Petit guide des garanties, et de la validation par la "
            "communauté."
        ),
        "body": [
            heading("Trois sources de garantie"),
            paragraph(
                "<ul>"
                "<li><b>La déclaration du producteur</b> : il décrit lui-même ses "
                "pratiques. C'est un point de départ utile, mais personne ne l'a encore "
                "vérifiée.</li>"
                "<li><b>La certification par un tiers</b> : un organisme indépendant "
                "contrôle le respect d'un cahier des charges, comme pour le label "
                "Agriculture biologique ou les appellations d'origine protégées (AOP). "
                "C'est solide, mais payant, et parfois hors de portée des petites "
                "structures.</li>"
                "<li><b>La garantie participative</b> : des consommateurs et des "
                "producteurs pairs visitent la ferme ou l'atelier, puis un comité local "
                "décide. C'est le principe des systèmes participatifs de garantie (SPG), "
                "comme celui de la fédération Nature &amp; Progrès.</li>"
                "</ul>"
            ),
            heading("Comment ça marche sur Panier Commun"),
            paragraph(
                "<p>Chaque affirmation d'un producteur (« nos poules sortent tous les "
                "jours », « 80 % du prix revient aux agriculteurs ») est une "
                "<b>allégation</b> rattachée à un critère de la charte, avec ses preuves "
                "et une date de fin de validité. Les membres peuvent la confirmer ou la "
                "contester. Elle devient <b>validée par la communauté</b> quand des "
                "confirmations arrivent d'au moins deux collèges, dont un consommateur et "
                "un producteur pair. À la fin de sa validité, ou si quelqu'un la conteste, "
                "elle repasse « à revérifier ».</p>"
            ),
            paragraph(
                "<p>Les collèges reprennent les parties prenantes de la norme ISO 26000 : "
                "consommateurs, producteurs pairs, salariés, pouvoirs publics, "
                "associations, et structures d'appui ou de recherche. Aucun collège ne "
                "peut, à lui seul, valider une allégation.</p>"
            ),
            heading("Ce que vous pouvez faire"),
            paragraph(
                "<p>Quand vous achetez un produit, regardez son état de validation et sa "
                "fraîcheur. Si vous connaissez un producteur, confirmez ce que vous avez "
                "vu ; si une information vous semble fausse ou dépassée, signalez-la. "
                "C'est ainsi que l'annuaire reste juste.</p>"
            ),
            heading("Quelques repères sur les labels"),
            paragraph(
                "<ul>"
                "<li><b>Agriculture biologique (AB et Eurofeuille)</b> : le règlement "
                "européen (UE) 2018/848 n'autorise qu'une liste restreinte d'intrants, "
                "pour l'essentiel d'origine naturelle, et interdit les OGM ; un organisme "
                "certificateur agréé contrôle chaque producteur, en général une fois par "
                "an.</li>"
                "<li><b>Nature &amp; Progrès</b> : une mention privée plus ancienne que le "
                "label AB, dont la charte va au-delà de l'agronomie (taille des fermes, "
                "dimension sociale). Le contrôle est participatif : visite par un "
                "producteur et un consommateur, avis d'un comité local.</li>"
                "<li><b>Commerce équitable</b> : depuis la loi de 2014, il s'applique aussi "
                "aux filières françaises. Il suppose un engagement commercial "
                "pluriannuel, un prix rémunérateur pour les producteurs, un montant "
                "supplémentaire pour leurs projets collectifs et une gouvernance "
                "démocratique de leur organisation.</li>"
                "<li><b>AOP et IGP</b> : ces signes garantissent une origine et un "
                "savoir-faire, pas un mode de production biologique ni des conditions "
                "sociales.</li>"
                "</ul>"
            ),
            paragraph(
                "<p>Un label répond donc à une question précise. Avant de vous y fier, "
                "demandez-vous laquelle : l'origine, les pratiques agricoles, la juste "
                "rémunération ? Le bloc d'impact de chaque produit indique, critère par "
                "critère, d'où vient l'information.</p>"
            ),
            heading("Et quand il n'y a pas de label ?"),
            paragraph(
                "<p>Beaucoup de petites fermes et d'ateliers ont des pratiques "
                "exigeantes sans être certifiés : la certification a un coût, des "
                "démarches administratives, et ne couvre pas toujours ce qui leur tient "
                "à cœur. L'absence de label n'est donc pas un signal négatif en soi. "
                "Dans ce cas, la validation participative prend le relais : des "
                "membres qui connaissent la ferme confirment ce qu'ils ont vu, un "
                "producteur pair apporte son regard de professionnel, et chaque "
                "allégation garde une date de fin de validité pour être revérifiée. "
                "À l'inverse, un label ne dit rien de ce qu'il ne contrôle pas : un "
                "produit bio peut venir de loin, un produit AOP peut être fabriqué "
                "sans attention particulière aux conditions de travail. Croiser les "
                "sources, c'est le meilleur moyen de se faire une idée juste.</p>"
            ),
            product(
                "PC-picodon-aop-60-g",
                "Une appellation d'origine protégée : l'origine et le savoir-faire sont garantis.",
            ),
            product(
                "PC-miel-de-lavande-500-g",
                "Regardez l'état de validation de chaque allégation dans le bloc d'impact.",
            ),
            callout(
                "Pourquoi ce critère compte",
                "<p>Chaque critère de la charte est expliqué dans la page « Les critères "
                "de la charte », accessible depuis la section Apprendre.</p>",
            ),
        ],
    },
    {
        "slug": "manger-de-saison",
        "title": "Manger de saison : pourquoi et comment",
        "intro": (
            "Des tomates en juillet, des courges en novembre, des pommes tout l'hiver : "
            "suivre les saisons, c'est retrouver le goût, soutenir les producteurs "
            "d'ici et éviter les cultures chauffées. Un petit guide pour s'y retrouver."
        ),
        "body": [
            heading("Ce que « de saison » veut dire"),
            paragraph(
                "<p>Un fruit ou un légume est de saison quand il pousse naturellement, en "
                "pleine terre ou sous un abri non chauffé, à l'époque où on le récolte "
                "dans la région. Une tomate cueillie en août dans la vallée du Rhône est "
                "de saison ; une tomate vendue en février a soit poussé sous une serre "
                "chauffée, soit voyagé depuis l'hémisphère sud ou le sud de "
                "l'Espagne.</p>"
            ),
            paragraph(
                "<p>La saison dépend du lieu : les abricots mûrissent dans la Drôme de "
                "juin à août, un peu plus tard en altitude. Elle dépend aussi de l'année, "
                "car une gelée de printemps peut retarder ou supprimer une récolte. "
                "Manger de saison, c'est donc accepter une part d'imprévu, et faire "
                "confiance aux producteurs qui vous annoncent ce qui est prêt.</p>"
            ),
            heading("Pourquoi c'est important"),
            paragraph(
                "<ul>"
                "<li><b>Le climat</b> : chauffer une serre en hiver consomme beaucoup "
                "d'énergie. Les données de cycle de vie publiées par l'ADEME (base "
                "Agribalyse) indiquent qu'une tomate cultivée sous serre chauffée émet "
                "nettement plus de gaz à effet de serre qu'une tomate de plein champ "
                "récoltée en saison. Le mode de production pèse souvent plus lourd que "
                "le transport.</li>"
                "<li><b>Le goût et la qualité</b> : un fruit cueilli mûr, près de chez "
                "vous, n'a pas besoin d'être choisi pour sa résistance au transport ni "
                "récolté vert.</li>"
                "<li><b>Le revenu des producteurs</b> : en achetant ce qui est prêt au "
                "moment où c'est prêt, vous évitez aux fermes des invendus et vous les "
                "aidez à planifier leurs cultures.</li>"
                "<li><b>Le budget</b> : en pleine saison, l'abondance fait baisser les "
                "prix. C'est le moment de faire des conserves, des coulis ou des "
                "confitures.</li>"
                "</ul>"
            ),
            callout(
                "Attention aux raccourcis",
                "<p>« De saison » ne veut pas dire « local », et « local » ne veut pas "
                "dire « de saison ». Une tomate drômoise sous serre chauffée en mars est "
                "locale sans être de saison. Le bloc d'impact indique, quand le "
                "producteur l'a déclaré, si un produit est cultivé en saison.</p>",
                kind="warning",
            ),
            heading("Repères pour la Drôme et la vallée du Rhône"),
            paragraph(
                "<ul>"
                "<li><b>Printemps</b> : asperges, radis, épinards, premières salades, "
                "fraises à partir de mai ; c'est aussi la saison des fromages de chèvre "
                "frais, quand les chèvres sont au pré.</li>"
                "<li><b>Été</b> : abricots, pêches, cerises, tomates, courgettes, "
                "aubergines, poivrons, melons ; le miel de lavande est récolté en "
                "juillet et août.</li>"
                "<li><b>Automne</b> : pommes et poires, raisin, noix, courges, châtaignes, "
                "champignons.</li>"
                "<li><b>Hiver</b> : poireaux, choux, carottes, céleri, pommes de terre et "
                "courges de garde, pommes conservées en chambre froide, agrumes venus du "
                "sud de l'Europe.</li>"
                "</ul>"
            ),
            paragraph(
                "<p>Les légumineuses, les farines, les huiles et les produits transformés "
                "(confitures, coulis, jus) permettent de profiter toute l'année des "
                "récoltes de l'été : c'est la manière la plus ancienne de manger local en "
                "hiver.</p>"
            ),
            product(
                "PC-panier-de-legumes-de-saison-5-kg",
                "Le panier change chaque semaine selon ce que la ferme récolte.",
            ),
            product(
                "PC-courge-butternut-piece-d-environ-12-kg",
                "Une courge de garde qui se conserve plusieurs mois au frais et au sec.",
            ),
            product(
                "PC-coulis-de-tomates-70-cl",
                "Les tomates de l'été, mises en bouteille pour l'hiver.",
            ),
            heading("Trois habitudes simples"),
            paragraph(
                "<ol>"
                "<li><b>Partir de ce qui est disponible</b> plutôt que d'une recette : "
                "regardez d'abord le panier de la semaine, puis choisissez quoi "
                "cuisiner.</li>"
                "<li><b>Conserver les abondances</b> : congeler, stériliser, sécher. Une "
                "après-midi de coulis en août, c'est des sauces tout l'hiver.</li>"
                "<li><b>Demander aux producteurs</b> : ils savent mieux que n'importe quel "
                "calendrier ce qui sera prêt la semaine prochaine.</li>"
                "</ol>"
            ),
            faq(
                "Questions fréquentes",
                (
                    "Les produits bio sont-ils forcément de saison ?",
                    "<p>Non : un produit bio peut avoir été cultivé sous abri ou venir "
                    "de loin. Le mode de culture et la saison sont deux informations à "
                    "regarder séparément.</p>",
                ),
                (
                    "Et les bananes, le café, le chocolat ?",
                    "<p>Ils ne poussent pas en France métropolitaine. Pour ces produits, "
                    "le commerce équitable garantit au moins un prix et des conditions "
                    "de travail décents aux producteurs.</p>",
                ),
            ),
        ],
    },
)


GUIDE: dict[str, Any] = {
    "slug": "rejoindre-un-groupement-d-achat",
    "title": "Rejoindre un groupement d'achat en 5 étapes",
    "intro": (
        "De la recherche d'un groupe près de chez vous au retrait de votre première "
        "commande : les cinq étapes pour commander avec vos voisins sur Panier Commun."
    ),
    "steps": [
        step(
            "Créez votre compte",
            "<p>Inscrivez-vous avec votre adresse e-mail et confirmez-la. Indiquez votre "
            "code postal : il sert à afficher la distance jusqu'aux producteurs et à "
            "trouver les groupes proches.</p>",
        ),
        step(
            "Trouvez un groupe près de chez vous",
            "<p>La page des groupes liste les groupements d'achat, leur lieu de retrait "
            "et leurs règles d'adhésion : ouvert à tous, sur validation de la "
            "coordination, ou sur invitation.</p>",
        ),
        step(
            "Demandez à le rejoindre",
            "<p>Selon les règles du groupe, vous êtes membre tout de suite ou après "
            "l'accord de la coordination. Présentez-vous en quelques mots : les "
            "groupes reposent sur l'entraide entre voisins.</p>",
        ),
        step(
            "Engagez-vous sur une commande ouverte",
            "<p>Choisissez les quantités qui vous conviennent avant la date limite. Vous "
            "pouvez accepter quelques unités de plus pour aider à compléter un carton. "
            "Rien n'est prélevé avant la clôture.</p>",
        ),
        step(
            "Payez ce que vous recevez et récupérez votre commande",
            "<p>À la clôture, les quantités sont arrondies aux cartons complets et "
            "réparties équitablement. Vous payez exactement ce qui vous est attribué, "
            "puis vous récupérez votre panier au lieu de retrait, le jour prévu.</p>",
        ),
    ],
    "body": [
        callout(
            "Pas de groupe près de chez vous ?",
            "<p>Quelques foyers, un lieu de retrait (un local associatif, un garage, un "
            "café) et une personne pour coordonner suffisent pour en créer un.</p>",
            kind="tip",
        ),
        group_order_cta("Commandes ouvertes en ce moment", ""),
    ],
}

EXPLAINER: dict[str, Any] = {
    "slug": "criteres-de-la-charte",
    "title": "Les critères de la charte",
    "intro": (
        "<p>Chaque produit de Panier Commun affiche un bloc d'impact calculé à partir "
        "des critères de la charte. Voici, dimension par dimension, ce que chaque "
        "critère mesure et pourquoi il compte.</p>"
    ),
}


MEMBERSHIP: dict[str, Any] = {
    "slug": "devenir-societaire",
    "title": "Devenir sociétaire",
    "intro": (
        "<p>Panier Commun appartient à celles et ceux qui le font vivre. En souscrivant "
        "une <b>part sociale</b>, vous devenez <b>sociétaire</b> de la coopérative : "
        "copropriétaire, avec une voix en assemblée générale.</p>"
    ),
    "body": [
        heading("Pourquoi devenir sociétaire"),
        paragraph(
            "<ul><li>Vous décidez avec les autres sociétaires : une personne, une voix, "
            "par collège.</li><li>Vous soutenez des producteurs de l'économie sociale et "
            "solidaire de la Drôme.</li><li>Vous bénéficiez des avantages réservés aux "
            "sociétaires, comme un prix sociétaire sur certains produits.</li></ul>"
        ),
        {"type": "cooperative_rules", "value": {"title": "", "button_text": ""}},
        faq(
            "Questions fréquentes",
            (
                "Puis-je récupérer ma part ?",
                "<p>Oui : vous demandez son remboursement depuis votre espace sociétaire, "
                "une fois la durée minimale de détention écoulée, selon les statuts.</p>",
            ),
            (
                "Ma part me rapporte-t-elle de l'argent ?",
                "<p>Non, une part sociale n'est pas un placement : elle est remboursée à "
                "sa valeur nominale.</p>",
            ),
        ),
    ],
}
