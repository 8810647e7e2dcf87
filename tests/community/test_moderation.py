"""Who may write, rate limits, reports and the facilitators' hide/restore with a reason."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse

from community.feed import moderation, services
from community.models import Comment, ModerationAction, Post, Reaction, Report
from shop.ratelimit import RateLimited, rate_limit_hit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FEED = "/communaute/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def facilitator():
    user = UserFactory(display_name="Claire")
    user.groups.add(Group.objects.get_or_create(name=moderation.FACILITATORS_GROUP)[0])
    return user


@pytest.fixture
def post():
    return services.post_create(author=UserFactory(display_name="Auteur"), body="Un message")


# --- verified e-mail ----------------------------------------------------------------


def test_an_unverified_member_cannot_post_comment_react_or_report(client, post):
    user = UserFactory(verified_email=False)
    client.force_login(user)
    assert 'name="body"' not in client.get(FEED).content.decode()
    assert client.post(reverse("community:post-create"), {"body": "x"}).status_code == 403
    url = reverse("community:comment-create", args=[post.pk])
    assert client.post(url, {"body": "x"}).status_code == 403
    url = reverse("community:react", args=[post.pk])
    assert client.post(url, {"kind": "merci"}).status_code == 403
    url = reverse("community:report", args=["publication", post.pk])
    assert client.post(url, {"reason": "spam spam"}).status_code == 403
    assert Post.objects.count() == 1
    assert not Comment.objects.exists() and not Reaction.objects.exists()
    assert not Report.objects.exists()


def test_a_verified_member_sees_the_post_form(client):
    client.force_login(UserFactory())
    assert 'name="body"' in client.get(FEED).content.decode()


# --- rate limits --------------------------------------------------------------------


def test_posting_is_rate_limited_with_a_429_and_a_french_message(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "3/10m/user"}
    client.force_login(UserFactory())
    for index in range(3):
        response = client.post(reverse("community:post-create"), {"body": f"n°{index}"})
        assert response.status_code == 302
    response = client.post(reverse("community:post-create"), {"body": "un de trop"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "un peu vite" in page or "a bit fast" in page
    assert 'name="body"' in page  # the form is shown again with its error
    assert Post.objects.count() == 3


def test_the_default_limit_is_5_posts_per_10_minutes_and_30_reactions_per_minute(settings):
    limits = settings.RATE_LIMITS
    assert limits["post"] == "5/10m/user" and limits["reaction"] == "30/m/user"
    assert limits["comment"] == "20/10m/user" and limits["report"] == "10/h/user"


def test_reactions_are_rate_limited(client, settings, post):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reaction": "4/m/user"}
    client.force_login(UserFactory())
    url = reverse("community:react", args=[post.pk])
    for _ in range(4):
        response = client.post(url, {"kind": "merci"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
    response = client.post(url, {"kind": "merci"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "error" in response.json()
    assert client.post(url, {"kind": "utile"}).status_code == 429  # the HTML page, too


def test_limits_are_per_member(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "1/10m/user"}
    first, second = UserFactory(), UserFactory()
    services.post_create(author=first, body="a")
    with pytest.raises(RateLimited):
        services.post_create(author=first, body="b")
    services.post_create(author=second, body="c")


def test_the_window_resets(settings, monkeypatch):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "1/10m/user"}
    user = UserFactory()
    now = [1_000_000_200.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    rate_limit_hit(user=user, action="post")
    now[0] += 200
    with pytest.raises(RateLimited) as error:
        rate_limit_hit(user=user, action="post")
    assert error.value.retry_after == 400
    now[0] += 400
    rate_limit_hit(user=user, action="post")


# --- reports and the queue ----------------------------------------------------------


def test_a_report_reaches_the_moderation_queue(client, post, facilitator):
    reporter = UserFactory()
    client.force_login(reporter)
    url = reverse("community:report", args=["publication", post.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Propos injurieux"}).status_code == 302
    comment = Comment.objects.create(post=post, author=UserFactory(), body="Commentaire limite")
    url = reverse("community:report", args=["commentaire", comment.pk])
    assert client.post(url, {"reason": "Hors sujet"}).status_code == 302
    assert Report.objects.filter(status="open").count() == 2

    client.force_login(facilitator)
    page = client.get(reverse("community:moderation")).content.decode()
    assert "Propos injurieux" in page and "Hors sujet" in page
    assert "Un message" in page and "Commentaire limite" in page


def test_a_non_facilitator_cannot_see_the_queue_nor_moderate(client, post):
    client.force_login(UserFactory())
    assert client.get(reverse("community:moderation")).status_code == 403
    url = reverse("community:moderate", args=["publication", post.pk, "masquer"])
    assert client.post(url, {"reason": "non"}).status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden
    client.logout()
    assert client.get(reverse("community:moderation")).status_code == 302  # sign in first


def test_the_moderate_permission_also_makes_a_facilitator(client):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="community", codename="moderate")
    )
    client.force_login(user)
    assert client.get(reverse("community:moderation")).status_code == 200


def test_a_facilitator_hides_and_restores_with_a_reason(client, post, facilitator):
    author = post.author
    Report.objects.create(post=post, reporter=UserFactory(), reason="spam")
    client.force_login(facilitator)
    hide = reverse("community:moderate", args=["publication", post.pk, "masquer"])
    assert client.post(hide, {"reason": ""}).status_code == 302  # refused: no reason
    post.refresh_from_db()
    assert not post.is_hidden

    client.post(hide, {"reason": "Publicité"})
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == facilitator and post.hidden_reason == "Publicité"
    report = Report.objects.get()
    assert report.status == "closed" and report.decision == "hidden"
    assert report.handled_by == facilitator

    # Hidden for others (feed and page), shown with the reason to its author.
    client.force_login(UserFactory())
    assert "Un message" not in client.get(FEED).content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    client.logout()
    assert "Un message" not in client.get(FEED).content.decode()
    client.force_login(author)
    page = client.get(FEED).content.decode()
    assert "Un message" in page and "Publicité" in page
    assert "masqué par la modération" in page.lower() or "hidden by the moderation" in page.lower()

    client.force_login(facilitator)
    restore = reverse("community:moderate", args=["publication", post.pk, "retablir"])
    client.post(restore, {"reason": "Erreur de ma part"})
    post.refresh_from_db()
    assert not post.is_hidden
    log = list(ModerationAction.objects.filter(post=post).order_by("created_at", "pk"))
    assert [(a.action, a.actor, a.reason) for a in log] == [
        ("hide", facilitator, "Publicité"),
        ("restore", facilitator, "Erreur de ma part"),
    ]
    client.logout()
    assert "Un message" in client.get(FEED).content.decode()


def test_a_hidden_comment_disappears_for_others(client, post, facilitator):
    comment = Comment.objects.create(post=post, author=UserFactory(), body="Insulte")
    moderation.content_hide(target=comment, actor=facilitator, reason="Irrespectueux")
    assert "Insulte" not in client.get(post.get_absolute_url()).content.decode()
    client.force_login(comment.author)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Insulte" in page and "Irrespectueux" in page


def test_a_facilitator_can_keep_the_content_and_close_the_report(client, post, facilitator):
    report = Report.objects.create(post=post, reporter=UserFactory(), reason="bof")
    client.force_login(facilitator)
    client.post(reverse("community:report-dismiss", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "closed" and report.decision == "kept"


def test_hidden_posts_cannot_be_commented_or_reacted_to(client, post, facilitator):
    moderation.content_hide(target=post, actor=facilitator, reason="Hors charte")
    client.force_login(UserFactory())
    url = reverse("community:comment-create", args=[post.pk])
    assert client.post(url, {"body": "x"}).status_code == 404
    url = reverse("community:react", args=[post.pk])
    assert client.post(url, {"kind": "merci"}).status_code == 404
