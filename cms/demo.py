"""Demo pages: the home page's hero, the education section and its articles, the
"Devenir sociétaire" page, and the legal pages (legal notice, terms of sale, privacy
policy).

Pages are keyed on their slug and only created when missing: a page that already exists
is left as it is, so edits made in the Wagtail admin survive a second run.
"""

from typing import Any

from oscar.core.loading import get_model
from wagtail.models import Page

from cms.demo_content import ARTICLES, EXPLAINER, GUIDE, MEMBERSHIP
from cms.demo_legal import DEMO_VERSION, LEGAL_PAGES
from cms.models import (
    ArticlePage,
    CriterionExplainerIndexPage,
    EducationIndexPage,
    GuidePage,
    HomePage,
    LegalPage,
    MembershipPage,
)
from cms.permissions import setup_education_section

Product = get_model("catalogue", "Product")

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

#: Products the home page puts forward (by UPC), when its editors have chosen none.
FEATURED_UPCS = (
    "PC-miel-de-lavande-500-g",
    "PC-huile-d-olive-de-nyons-aop-50-cl",
    "PC-lentilles-vertes-500-g",
)


def publish(page: Page) -> None:
    page.save_revision().publish()


def resolve_products(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace `{"upc": ...}` references with product ids; drop embeds whose product is
    missing (a trimmed catalogue) and comparisons left with fewer than two products."""
    ids = dict(Product.objects.values_list("upc", "pk"))
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "product_embed":
            pk = ids.get(value["product"]["upc"])
            if pk is None:
                continue
            block = {**block, "value": {**value, "product": pk}}
        elif block["type"] == "comparison":
            pks = [ids[ref["upc"]] for ref in value["products"] if ref["upc"] in ids]
            if len(pks) < 2:
                continue
            block = {**block, "value": {**value, "products": pks}}
        resolved.append(block)
    return resolved


def load_home() -> HomePage:
    """Fill the home page's hero and featured products once (the migration leaves them
    empty); an editor's later changes are kept."""
    home = HomePage.objects.get(slug=HOME_SLUG)
    if not home.hero_text:
        home.hero_title = home.hero_title or HERO_TITLE
        home.hero_text = HERO_TEXT
        if not home.featured:
            ids = dict(Product.objects.filter(upc__in=FEATURED_UPCS).values_list("upc", "pk"))
            home.featured = [
                {"type": "product", "value": ids[upc]} for upc in FEATURED_UPCS if upc in ids
            ]
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
            fields = {**data, "body": resolve_products(data["body"])}
            article = index.add_child(instance=ArticlePage(**fields, live=False))
            publish(article)
        articles.append(article)
    return articles


def load_guide(index: EducationIndexPage) -> GuidePage:
    guide = GuidePage.objects.child_of(index).filter(slug=GUIDE["slug"]).first()
    if guide is None:
        fields = {**GUIDE, "body": resolve_products(GUIDE["body"])}
        guide = index.add_child(instance=GuidePage(**fields, live=False))
        publish(guide)
    return guide


def load_explainer(index: EducationIndexPage) -> CriterionExplainerIndexPage:
    page = CriterionExplainerIndexPage.objects.child_of(index).first()
    if page is None:
        page = index.add_child(instance=CriterionExplainerIndexPage(**EXPLAINER, live=False))
        publish(page)
    return page


def load_legal_pages() -> list[LegalPage]:
    """The legal notice, terms of sale and privacy policy under the home page, at
    /mentions-legales/, /conditions-generales-de-vente/ and /confidentialite/. A kind
    that already has a page (whatever its slug) is left as staff edited it."""
    home = HomePage.objects.get(slug=HOME_SLUG)
    pages = []
    for data in LEGAL_PAGES:
        page = LegalPage.objects.filter(kind=data["kind"]).first()
        if page is None:
            page = home.add_child(instance=LegalPage(**data, version=DEMO_VERSION, live=False))
            publish(page)
            page.refresh_from_db()  # published: live, with its first publication date
        pages.append(page)
    return pages


def load_membership_page(home: HomePage) -> MembershipPage:
    """ "Devenir sociétaire" at /devenir-societaire/, once: a membership page that
    already exists (whatever its slug) is left as staff edited it."""
    page = MembershipPage.objects.first()
    if page is None:
        page = home.add_child(instance=MembershipPage(**MEMBERSHIP, live=False))
        publish(page)
        page.refresh_from_db()
    return page


def load_cms_demo() -> dict[str, int]:
    """Load the pages and make sure the education section has its permissions and
    review workflow (also set up by migration cms 0004 and on creation). Returns counts."""
    home = load_home()
    index = load_education_index(home)
    articles = load_articles(index)
    load_guide(index)
    load_explainer(index)
    load_membership_page(home)
    setup_education_section(index)
    return {"education pages": 3 + len(articles)}
