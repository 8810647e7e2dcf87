"""Pages and StreamField values for the cms tests."""

from cms.models import ArticlePage, EducationIndexPage, HomePage


def home_page() -> HomePage:
    return HomePage.objects.get(slug="accueil")


def education_index(slug: str = "apprendre-test") -> EducationIndexPage:
    index = home_page().add_child(
        instance=EducationIndexPage(title="Apprendre", slug=slug, intro="<p>Intro</p>")
    )
    index.save_revision().publish()
    return index


def add_article(index, *, slug: str = "article", body=(), title: str = "Un article") -> ArticlePage:
    article = index.add_child(
        instance=ArticlePage(title=title, slug=slug, intro="Introduction.", body=list(body))
    )
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def product_embed(product, note: str = "") -> dict:
    return {"type": "product_embed", "value": {"product": product.pk, "note": note}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}
