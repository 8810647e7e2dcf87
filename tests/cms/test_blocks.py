"""StreamField blocks: live product embeds, comparison, group orders, FAQ, previews."""

from decimal import Decimal

import pytest
from django.template import Context
from oscar.core.loading import get_model

from cms.blocks import (
    ArticleStreamBlock,
    CalloutBlock,
    ComparisonBlock,
    FAQBlock,
    GroupOrderCallToActionBlock,
    ProductEmbedBlock,
)
from tests.factories import create_group_order, create_product

from .helpers import add_article, product_embed

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")


def test_product_embed_shows_the_live_price_and_impact_block(client, index):
    product = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    article = add_article(index, body=[product_embed(product, note="Récolté en juillet.")])

    html = client.get(article.url).content.decode()
    assert "Miel de lavande" in html
    assert "Récolté en juillet." in html
    assert "10,55" in html  # 10.00 HT + 5.5 % VAT
    assert "impact-block" in html
    assert product.stockrecords.get().partner.name in html

    StockRecord.objects.filter(product=product).update(price=Decimal("12.00"))
    product.stockrecords.get().save()  # a dashboard edit: post_save refreshes cached bodies
    html = client.get(article.url).content.decode()
    assert "12,66" in html  # 12.00 HT + 5.5 %
    assert "10,55" not in html


def test_deleted_product_leaves_a_notice_not_an_error(client, index):
    product = create_product(title="Confiture d'abricots")
    article = add_article(index, body=[product_embed(product)])
    assert client.get(article.url).status_code == 200
    product.delete()
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "product-embed-unavailable" in html
    assert "n'est plus disponible" in html
    assert "Confiture" not in html


def test_product_withdrawn_from_sale_is_shown_as_unavailable(client, index):
    product = create_product(title="Nougat noir")
    article = add_article(index, body=[product_embed(product)])
    product.is_public = False
    product.save()
    html = client.get(article.url).content.decode()
    assert "product-embed-unavailable" in html
    assert "Nougat noir" not in html


def test_comparison_block_scores_each_dimension(client, index):
    from shop.impact.models import Dimension

    first = create_product(title="Lentilles vertes", price_excl_tax=Decimal("2.00"))
    second = create_product(title="Pois chiches", price_excl_tax=Decimal("4.00"))
    body = [
        {
            "type": "comparison",
            "value": {"title": "Légumineuses", "products": [first.pk, second.pk]},
        }
    ]
    html = client.get(add_article(index, body=body).url).content.decode()
    assert "Légumineuses" in html
    assert "Lentilles vertes" in html and "Pois chiches" in html
    assert "2,11" in html and "4,22" in html
    for dimension in Dimension.objects.filter(criteria__is_active=True).distinct():
        assert dimension.name in html


def test_comparison_survives_a_deleted_product(client, index):
    first, second = create_product(title="A"), create_product(title="B")
    body = [{"type": "comparison", "value": {"title": "", "products": [first.pk, second.pk]}}]
    article = add_article(index, body=body)
    second.delete()
    response = client.get(article.url)
    assert response.status_code == 200
    assert "no longer available" in response.content.decode() or "plus disponible" in (
        response.content.decode()
    )


def test_group_order_call_to_action_lists_open_orders(client, index):
    order = create_group_order(title="Commande de décembre")
    closed = create_group_order(title="Commande passée", state="closed", group_slug="autre")
    body = [{"type": "group_order_cta", "value": {"title": "Commandez", "text": "", "group": None}}]
    html = client.get(add_article(index, body=body).url).content.decode()
    assert order.get_absolute_url() in html
    assert closed.get_absolute_url() not in html
    only_group = [
        {"type": "group_order_cta", "value": {"title": "", "text": "", "group": closed.group_id}}
    ]
    html = client.get(add_article(index, slug="b", body=only_group).url).content.decode()
    assert order.get_absolute_url() not in html


def test_faq_renders_details_elements():
    html = FAQBlock().render(
        FAQBlock().to_python(
            {"title": "FAQ", "items": [{"question": "Pourquoi ?", "answer": "<p>Parce que.</p>"}]}
        )
    )
    assert "<details" in html and "<summary>Pourquoi ?</summary>" in html


def test_every_block_is_documented_and_previewable(rf):
    create_product(title="Exemple")
    for name, block in ArticleStreamBlock().child_blocks.items():
        assert block.get_description(), name
        assert block.is_previewable, name
        value = block.get_preview_value()
        request = rf.get("/")
        html = block.render(value, context=Context({"request": request}).flatten())
        assert html is not None, name


def test_blocks_render_alone_without_page_context():
    product = create_product(title="Huile d'olive")
    block = ProductEmbedBlock()
    html = block.render(block.to_python({"product": product.pk, "note": ""}))
    assert "Huile d&#x27;olive" in html or "Huile d'olive" in html
    html = block.render(block.to_python({"product": 999999, "note": ""}))
    assert "product-embed-unavailable" in html
    assert "alert" in CalloutBlock().render(
        CalloutBlock().to_python({"kind": "info", "title": "", "text": "<p>x</p>"})
    )
    assert ComparisonBlock().render(ComparisonBlock().to_python({"title": "", "products": []}))
    assert GroupOrderCallToActionBlock().render(
        GroupOrderCallToActionBlock().to_python({"title": "", "text": "", "group": None})
    )
