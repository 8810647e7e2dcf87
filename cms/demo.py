"""Demo pages: the home page's hero, the education section and its articles.

Pages are keyed on their slug and only created when missing: a page that already exists
is left as it is, so edits made in the Wagtail admin survive a second run.
"""

from typing import Any

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.models import ArticlePage, EducationIndexPage, HomePage
from community.demo import EDUCATORS_GROUP

HOME_SLUG = "accueil"
EDUCATION_SLUG = "apprendre"

HERO_TITLE = "Le panier coopératif de l'économie sociale et solidaire"
HERO_TEXT = (
    "<p>Achetez en direct aux producteurs de l'<b>économie sociale et solidaire</b> de la "
    "Drôme, seul ou en groupement d'achat, et vérifiez avec la communauté ce qu'ils "
    "affirment de leurs pratiques.</p>"
)

EDUCATION_INTRO = (
    "<p>Comprendre ce que l'on achète, qui le produit et comment : des articles courts "
    "pour consommer de façon responsable, écrits par les éducatrices et éducateurs de la "
    "coopérative.</p>"
)

#: Educators write in the education section; publishing goes through moderation.
EDUCATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDUCATOR_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": text}


def paragraph(html: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": html}


def quote(text: str, author: str) -> dict[str, Any]:
    return {"type": "quote", "value": {"text": text, "author": author}}


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
        ],
    },
)


def publish(page: Page) -> None:
    page.save_revision().publish()


def load_home() -> HomePage:
    """Fill the home page's hero once (the migration leaves its text empty)."""
    home = HomePage.objects.get(slug=HOME_SLUG)
    if not home.hero_text:
        home.hero_title = home.hero_title or HERO_TITLE
        home.hero_text = HERO_TEXT
        publish(home)
    return home


def load_education_index(home: HomePage) -> EducationIndexPage:
    index = EducationIndexPage.objects.child_of(home).filter(slug=EDUCATION_SLUG).first()
    if index is None:
        index = home.add_child(
            instance=EducationIndexPage(
                title="Apprendre", slug=EDUCATION_SLUG, intro=EDUCATION_INTRO, live=False
            )
        )
        publish(index)
    return index


def load_articles(index: EducationIndexPage) -> list[ArticlePage]:
    articles = []
    for data in ARTICLES:
        article = ArticlePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if article is None:
            article = index.add_child(instance=ArticlePage(**data, live=False))
            publish(article)
        articles.append(article)
    return articles


def grant_educator_permissions(index: EducationIndexPage) -> None:
    """Educators add and edit pages in the education section and use images."""
    group = Group.objects.get(name=EDUCATORS_GROUP)
    for codename in EDUCATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for codename in EDUCATOR_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )


def load_cms_demo() -> dict[str, int]:
    """Load the pages; the educators' group must exist (community.demo). Returns counts."""
    home = load_home()
    index = load_education_index(home)
    articles = load_articles(index)
    grant_educator_permissions(index)
    return {"education pages": 1 + len(articles)}
