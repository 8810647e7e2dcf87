"""A corpus of classic XSS payloads, posted as post text, comment and display name, is
harmless on every page that shows member text: the feed, a post, the moderation queue,
the report form and the live HTML pushed over the websocket."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string

from community.feed import markdown, moderation, services
from community.feed.selectors import feed_posts
from community.models import Comment, Post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    '"><script>alert("xss-3")</script>',
    "'><script>alert(4)</script>",
    "<img src=x onerror=alert('xss-5')>",
    '<img src="javascript:alert(6)">',
    "<svg onload=alert(7)>",
    "<svg><script>alert(8)</script></svg>",
    "<body onload=alert(9)>",
    '<iframe src="javascript:alert(10)"></iframe>',
    "[clique](javascript:alert(11))",
    "[clique](JaVaScRiPt:alert(12))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)",
    '<a href="data:text/html,<script>alert(14)</script>">x</a>',
    '<div style="background:url(javascript:alert(15))">x</div>',
    '<p style="width: expression(alert(16))">x</p>',
    "<scr<script>ipt>alert(17)</scr</script>ipt>",
    "<<script>alert(18);//<</script>",
    "&lt;script&gt;alert(19)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(20)&#62;",
    '<a href="&#106;avascript:alert(21)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(22)>",
    "<input autofocus onfocus=alert(23)>",
    "<details open ontoggle=alert(24)>",
    '<object data="javascript:alert(25)"></object>',
    '<embed src="javascript:alert(26)">',
    '<a href="https://ok.example" onclick="alert(27)">ok</a>',
    '[ok](https://ok.example" onmouseover="alert(28))',
    "**<img src=x onerror=alert(29)>**",
    "- <svg/onload=alert(30)>\n- *<script>alert(31)</script>*",
    '<meta http-equiv=refresh content="0;url=javascript:alert(32)">',
    "<form action=javascript:alert(33)><button>x</button></form>",
    "<style>@import 'javascript:alert(34)';</style>",
    '<base href="javascript:alert(35)//">',
    "javascript:alert(36)",
    '<a href="vbscript:msgbox(37)">x</a>',
]
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "meta",
    "base",
    "form",
    "input",
    "details",
    "body",
    "img",
    "link",
}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def assert_harmless(page: str, where: str) -> None:
    """No executable markup came from a payload: scripts are the site's own, no event
    handler attribute, no javascript:/data:/vbscript: URL, no injected dangerous tag."""
    parser = TagCollector()
    parser.feed(page)
    for tag, attrs in parser.tags:
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or not attrs.get("src"), where
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            if name in {"href", "src", "action", "data", "formaction", "content", "style"}:
                compact = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
                for scheme in ("javascript:", "vbscript:", "data:", "expression("):
                    assert scheme not in compact, f"{where}: <{tag} {name}={value!r}>"
    for text in parser.script_text:
        assert "alert" not in text and "msgbox" not in text, where
    assert "<script>alert" not in page.lower(), where
    # Anything a payload could inject that the page itself never uses.
    injected = [tag for tag, _ in parser.tags if tag in DANGEROUS_TAGS - {"img", "form", "input"}]
    assert all(tag in {"script", "meta", "link", "body"} for tag in injected), (where, injected)
    assert not re.search(r"<(svg|iframe|object|embed|math|details|style|base)\b", page, re.I), where


@pytest.fixture
def facilitator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=moderation.FACILITATORS_GROUP)[0])
    return user


@pytest.fixture
def corpus(facilitator, settings):
    """Every payload as a post, a comment and a display name, each reported."""
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "post": "1000/m/user",
        "comment": "1000/m/user",
        "report": "1000/m/user",
    }
    reporter = UserFactory(display_name="<script>alert('reporter')</script>")
    posts = []
    for index, payload in enumerate(PAYLOADS):
        author = UserFactory(display_name=payload[:80])
        post = services.post_create(author=author, body=payload)
        comment = services.comment_create(post=post, author=author, body=payload)
        moderation.report_create(reporter=reporter, post=post, reason=payload)
        moderation.report_create(reporter=reporter, comment=comment, reason=payload)
        posts.append(post)
        if index % 5 == 0:  # some hidden with a hostile reason, shown in the queue
            moderation.content_hide(target=comment, actor=facilitator, reason=payload)
    return posts


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_alone_neutralises_each_payload(payload):
    assert_harmless(str(markdown.render(payload)), payload)


def test_the_feed_pages_are_harmless(client, corpus):
    for page in (1, 2):
        response = client.get("/communaute/", {"page": page})
        assert response.status_code == 200
        assert_harmless(response.content.decode(), f"feed page {page}")


def test_post_pages_are_harmless(client, corpus, facilitator):
    for viewer in (None, UserFactory(), corpus[0].author, facilitator):
        if viewer:
            client.force_login(viewer)
        for post in corpus:
            response = client.get(post.get_absolute_url())
            assert response.status_code == 200
            assert_harmless(response.content.decode(), f"post {post.pk}")


def test_the_moderation_queue_is_harmless(client, corpus, facilitator):
    client.force_login(facilitator)
    response = client.get("/communaute/moderation/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("moderation-report") >= len(PAYLOADS)
    assert_harmless(page, "moderation queue")


def test_report_and_edit_forms_are_harmless(client, corpus):
    client.force_login(UserFactory())
    for post in corpus:
        response = client.get(f"/communaute/signaler/publication/{post.pk}/")
        assert_harmless(response.content.decode(), f"report {post.pk}")
    client.force_login(corpus[0].author)
    response = client.get(f"/communaute/publications/{corpus[0].pk}/modifier/")
    assert_harmless(response.content.decode(), "edit form")
    comment = Comment.objects.filter(post=corpus[0]).first()
    response = client.get(f"/communaute/commentaires/{comment.pk}/modifier/")
    assert_harmless(response.content.decode(), "comment edit form")


def test_the_live_html_is_harmless(corpus):
    for post in feed_posts(user=None).filter(pk__in=[p.pk for p in corpus]):
        assert_harmless(render_to_string("community/_post_live.html", {"post": post}), "live")


def test_safe_markup_still_works():
    rendered = str(markdown.render("**gras** *ital* [lien](https://exemple.fr)\n\n- un\n- deux"))
    assert "<strong>gras</strong>" in rendered and "<em>ital</em>" in rendered
    assert '<a href="https://exemple.fr" rel="nofollow noopener ugc">lien</a>' in rendered
    assert "<ul><li>un</li><li>deux</li></ul>" in rendered
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<a href="data:text/html,x">x</a>',
        '<p style="width: expression(alert(1))">x</p>',
    ],
)
def test_the_checker_catches_raw_payloads(raw):
    with pytest.raises(AssertionError):
        assert_harmless(f"<div>{raw}</div>", "raw")
