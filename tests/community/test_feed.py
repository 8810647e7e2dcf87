"""The community feed: posts, edits and deletions of one's own, pagination, links, images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.feed import models as models_feed
from community.feed import services
from community.models import Comment, Post, Reaction
from tests.factories import ProducerFactory, UserFactory, create_group_order, create_product

pytestmark = pytest.mark.django_db

FEED = "/communaute/"


def _png(name="photo.png", size=(20, 20), fmt="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def member(client):
    user = UserFactory(display_name="Léa des Tilleuls")
    client.force_login(user)
    return user


def _post(author, body="Bonjour la coopérative", **kwargs) -> Post:
    return services.post_create(author=author, body=body, **kwargs)


def test_the_feed_is_public_and_shows_posts(client):
    author = UserFactory(display_name="Karim")
    _post(author, "Qui connaît une **farine** locale ?")
    response = client.get(FEED)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Karim" in html
    assert "<strong>farine</strong>" in html
    assert 'data-feed-url="/ws/communaute/fil/"' in html
    assert 'name="body"' not in html  # no form for visitors


def test_a_verified_member_posts_from_the_feed(client, member):
    response = client.post(
        reverse("community:post-create"), {"body": "Premier message *important*"}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author == member and post.kind == "text"
    page = client.get(FEED).content.decode()
    assert "<em>important</em>" in page


def test_an_empty_post_is_refused(client, member):
    response = client.post(reverse("community:post-create"), {"body": "  "})
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_posts_link_to_a_producer_a_product_and_a_group_order(client, member):
    producer = ProducerFactory(name="Coopérative du Diois")
    product = create_product(title="Clairette", producer=producer)
    group_order = create_group_order(members=[member], title="Commande de décembre")
    response = client.post(
        reverse("community:post-create"),
        {
            "body": "Allez-y !",
            "producer": producer.pk,
            "product": product.pk,
            "group_order": group_order.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    assert (post.producer, post.product, post.group_order) == (producer, product, group_order)
    html = client.get(post.get_absolute_url()).content.decode()
    assert producer.get_absolute_url() in html
    assert product.get_absolute_url() in html
    assert group_order.get_absolute_url() in html


def test_only_group_orders_of_ones_groups_may_be_linked(client, member):
    foreign = create_group_order(title="Pas la mienne")
    response = client.post(
        reverse("community:post-create"), {"body": "x", "group_order": foreign.pk}
    )
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_an_image_is_accepted(client, member):
    response = client.post(
        reverse("community:post-create"), {"body": "Les pommes", "image": _png()}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.image.name.startswith("communaute/")
    assert post.image.url in client.get(FEED).content.decode()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image", content_type="image/png"),
        SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html"),
        SimpleUploadedFile(
            "image.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            content_type="image/svg+xml",
        ),
    ],
    ids=["not-an-image", "html", "svg"],
)
def test_non_images_are_refused(client, member, upload):
    response = client.post(reverse("community:post-create"), {"body": "x", "image": upload})
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_an_image_with_a_wrong_extension_or_too_big_is_refused(client, member, monkeypatch):
    response = client.post(
        reverse("community:post-create"), {"body": "x", "image": _png("photo.bmp", fmt="BMP")}
    )
    assert response.status_code == 200
    monkeypatch.setattr(models_feed, "POST_IMAGE_MAX_BYTES", 50)
    big = _png()
    response = client.post(reverse("community:post-create"), {"body": "x", "image": big})
    assert response.status_code == 200
    assert "5 Mo" in response.content.decode() or "5 MB" in response.content.decode()
    assert not Post.objects.exists()


def test_an_author_edits_and_deletes_their_post(client, member):
    post = _post(member, "Avant")
    response = client.post(reverse("community:post-edit", args=[post.pk]), {"body": "Après"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Après" and post.edited_at is not None
    assert client.get(reverse("community:post-delete", args=[post.pk])).status_code == 200
    assert client.post(reverse("community:post-delete", args=[post.pk])).status_code == 302
    assert not Post.objects.exists()


def test_others_may_not_edit_or_delete_a_post(client, member):
    post = _post(UserFactory(), "Le mien")
    for name in ("community:post-edit", "community:post-delete"):
        url = reverse(name, args=[post.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "piraté"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Le mien"


def test_comments_edit_and_delete_own_only(client, member):
    post = _post(UserFactory())
    response = client.post(reverse("community:comment-create", args=[post.pk]), {"body": "Oui"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == member
    url = reverse("community:comment-edit", args=[comment.pk])
    assert client.post(url, {"body": "Oui !"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Oui !"

    other = Comment.objects.create(post=post, author=UserFactory(), body="À moi")
    assert (
        client.post(reverse("community:comment-edit", args=[other.pk]), {"body": "x"}).status_code
        == 403
    )
    assert client.post(reverse("community:comment-delete", args=[other.pk])).status_code == 403
    assert client.post(reverse("community:comment-delete", args=[comment.pk])).status_code == 302
    assert list(Comment.objects.all()) == [other]


def test_reactions_toggle_and_are_counted(client, member):
    post = _post(UserFactory())
    url = reverse("community:react", args=[post.pk])
    response = client.post(url, {"kind": "merci"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"added": True, "count": 1}
    client.post(url, {"kind": "utile"})
    assert Reaction.objects.filter(post=post, user=member).count() == 2
    response = client.post(url, {"kind": "merci"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"added": False, "count": 0}
    assert client.post(url, {"kind": "colère"}).status_code == 400


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(reverse("community:post-create"), {"body": "x"})
    assert response.status_code == 302 and "/comptes/" in response["Location"]


def test_pagination_20_per_page_with_constant_queries(
    client, member, django_assert_max_num_queries
):
    authors = [UserFactory() for _ in range(3)]
    for index in range(45):
        post = Post.objects.create(author=authors[index % 3], body=f"Message {index}")
        Reaction.objects.create(post=post, user=member, kind="merci")
        Comment.objects.create(post=post, author=authors[0], body="commentaire")
    first = client.get(FEED).content.decode()
    assert "Message 44" in first and "Message 25" in first and "Message 24" not in first
    third = client.get(FEED, {"page": 3}).content.decode()
    assert "Message 4" in third and "Message 5" not in third
    assert "data-feed-url" not in third  # live updates only on the first page
    with django_assert_max_num_queries(20):
        client.get(FEED)


def test_a_product_page_link_prefills_the_product(client, member):
    product = create_product(title="Huile de noix")
    page = client.get(FEED, {"produit": product.pk}).content.decode()
    assert "Huile de noix" in page and f'value="{product.pk}"' in page


def test_the_demo_feed_loads_twice_without_duplicates():
    from community import demo
    from community.feed import demo as demo_feed

    ProducerFactory(name="Coopérative fruitière du Diois", slug=demo.DEMO_PRODUCER_SLUG)
    for email in (demo.CONSUMER.email, demo.COORDINATOR.email, demo.FACILITATOR.email):
        demo.ensure_member(email, "Démo", "Membre")
    for email in demo.MEMBER_EMAILS:
        demo.ensure_member(email, "Démo", "Membre")
    posts = len(demo_feed.POSTS)
    assert posts >= 5
    assert demo_feed.load_feed_demo() == posts
    assert demo_feed.load_feed_demo() == 0
    assert Post.objects.count() == posts and Comment.objects.count() == 1
    assert Reaction.objects.count() == 3 * posts
