"""Events from other apps appear in the feed, and those apps never import community."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page

from cms.models import ArticlePage, EducationIndexPage
from community.models import Post
from groupbuy import events as groupbuy_events
from groupbuy.models import GroupOrder
from groupbuy.orders import services as groupbuy_services
from shop.impact import services as impact_services
from tests.factories import ClaimFactory, ProducerFactory, UserFactory, create_group_order

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
E = Post.EventType


def events():
    return list(Post.objects.filter(kind=Post.Kind.EVENT))


def _imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(
            node.func, "attr", getattr(node.func, "id", "")
        ) in (
            "import_module",
            "__import__",
        ):
            names.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return names


@pytest.mark.parametrize("app", ["groupbuy", "shop"])
def test_groupbuy_and_shop_never_import_community(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imports_of(path) if name.split(".")[0] == "community"
        )
        for path in (ROOT / app).rglob("*.py")
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert not offenders, f"{app} must not import community: {offenders}"


def test_the_import_check_would_catch_an_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from community.models import Post\nimport community.services\n")
    assert {"community.models", "community.services"} <= _imports_of(sample)


def test_a_producer_admitted_to_the_charter_is_announced(django_capture_on_commit_callbacks):
    producer = ProducerFactory(name="Brasserie des Voirons", charter_status="candidat")
    assert events() == []
    with django_capture_on_commit_callbacks(execute=True):
        producer.charter_status = "membre"
        producer.save()
    (post,) = events()
    assert post.event_type == E.PRODUCER_ADMITTED and post.producer == producer
    # Saving again, or creating a producer already member, announces nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        producer.save()
        ProducerFactory(name="Déjà membre", charter_status="membre")
    assert len(events()) == 1


def test_a_claim_validated_by_the_community_is_announced(
    client, django_capture_on_commit_callbacks
):
    producer = ProducerFactory(name="Ferme du Vieux Chêne")
    claim = ClaimFactory(producer=producer, criterion__name="Salaires équitables")
    with django_capture_on_commit_callbacks(execute=True):
        impact_services.claim_validate(claim=claim)
    (post,) = events()
    assert post.event_type == E.CLAIM_VALIDATED and post.producer == producer
    html = client.get("/communaute/").content.decode()
    assert "Salaires équitables" in html and "Ferme du Vieux Chêne" in html


def test_a_disputed_claim_is_not_announced(django_capture_on_commit_callbacks):
    claim = ClaimFactory(producer=ProducerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        impact_services.claim_dispute(claim=claim)
    assert events() == []


def test_a_group_order_reaching_its_minimum_is_announced_once(
    client, django_capture_on_commit_callbacks
):
    group_order = create_group_order(
        title="Commande d’hiver",
        group_name="Les Paniers du Plateau",
        offers=[{"case_size": 6, "min_units": 12}],
    )
    offer = group_order.offers.get()
    for _ in range(2):  # a signal delivered twice makes one post
        groupbuy_events.group_order_minimum_reached.send(
            sender=GroupOrder, group_order=group_order, offer=offer
        )
    (post,) = events()
    assert post.event_type == E.GROUP_ORDER_MINIMUM
    assert post.group_order == group_order and post.product == offer.product
    html = client.get("/communaute/").content.decode()
    assert (
        "Commande d’hiver" in html
        or "Commande d&rsquo;hiver" in html
        or "Commande d&#x27;hiver" in html
    )
    assert group_order.get_absolute_url() in html


def test_a_confirmed_group_order_is_announced(django_capture_on_commit_callbacks):
    coordinator = UserFactory()
    group_order = create_group_order(coordinator=coordinator, state="closed")
    with django_capture_on_commit_callbacks(execute=True):
        groupbuy_services.group_order_transition(
            group_order=group_order, to_state="confirmed", user=coordinator
        )
    (post,) = events()
    assert post.event_type == E.GROUP_ORDER_CONFIRMED and post.group_order == group_order


def test_other_group_order_changes_are_not_announced(django_capture_on_commit_callbacks):
    group_order = create_group_order(state="draft")
    with django_capture_on_commit_callbacks(execute=True):
        groupbuy_services.group_order_transition(group_order=group_order, to_state="open")
    assert events() == []


def test_an_education_page_published_is_announced_once(client, django_capture_on_commit_callbacks):
    home = Page.objects.get(slug="accueil")
    index = home.add_child(instance=EducationIndexPage(title="Apprendre", slug="apprendre"))
    article = index.add_child(
        instance=ArticlePage(title="Lire une étiquette", slug="etiquette", live=False)
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    (post,) = events()
    assert post.event_type == E.PAGE_PUBLISHED
    assert post.payload["title"] == "Lire une étiquette"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # a correction is not news
        index.save_revision().publish()  # nor is the index page
    assert len(events()) == 1
    html = client.get("/communaute/").content.decode()
    assert f'href="{article.get_url()}"' in html and "Lire une étiquette" in html


def test_a_failing_announcement_never_breaks_the_sender(
    monkeypatch, django_capture_on_commit_callbacks
):
    from community.feed import services as community_services

    def broken(**kwargs):
        raise RuntimeError("feed down")

    monkeypatch.setattr(community_services, "event_post_create", broken)
    claim = ClaimFactory(producer=ProducerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        claim = impact_services.claim_validate(claim=claim)
    assert claim.state == "validated"
    producer = ProducerFactory(name="Candidate", charter_status="candidat")
    with django_capture_on_commit_callbacks(execute=True):
        producer.charter_status = "membre"
        producer.save()
    assert events() == []


def test_an_admission_by_queryset_update_is_announced_through_the_service(
    django_capture_on_commit_callbacks,
):
    """Admissions that update() the row (no save signal) call the service directly;
    announcing twice the same day makes one post."""
    from community.feed import services as community_services

    producer = ProducerFactory(name="Savonnerie solidaire", charter_status="candidat")
    with django_capture_on_commit_callbacks(execute=True):
        type(producer).objects.filter(pk=producer.pk).update(charter_status="membre")
        community_services.producer_admission_announce(producer=producer)
        community_services.producer_admission_announce(producer=producer)
    (post,) = events()
    assert post.event_type == E.PRODUCER_ADMITTED and post.producer == producer
