"""Wagtail's admin makes no third-party request: a superuser's session through the
dashboard, the page explorer, a page editor and the images reaches the live server only
(no Gravatar avatar, no release check, no "what's new" banner: config/settings/base.py).
The back offices' relaxed policy lets their own inline scripts run (Wagtail, Oscar's
dashboard, Django's admin), with no violation reported."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.csp import Violations
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_wagtail_admin_requests_the_live_server_only(page: Page, page_errors, live_server):
    from wagtail.models import Page as WagtailPage

    editable = WagtailPage.objects.filter(depth__gt=1).first()
    assert editable is not None, "the migrations' home page"
    UserFactory(email="admin.csp@example.org", is_staff=True, is_superuser=True)
    hosts: set[str] = set()
    page.context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    violations = Violations(page, page_errors)

    sign_in(page, "admin.csp@example.org")
    for url in (
        "/cms-admin/",
        "/cms-admin/pages/",
        f"/cms-admin/pages/{editable.pk}/edit/",
        "/cms-admin/images/",
    ):
        violations.visit(url)
        expect(page.locator("body")).to_be_visible()
        page.wait_for_load_state("networkidle")
        violations.assert_none()
    # The editor's scripts ran (Wagtail's Stimulus controllers mounted the form).
    violations.visit(f"/cms-admin/pages/{editable.pk}/edit/")
    expect(page.locator("form[data-edit-form]")).to_be_attached()
    page.wait_for_load_state("networkidle")

    server = urlsplit(live_server.url).netloc
    assert hosts == {server}, f"requests to other hosts: {hosts - {server}}"


def test_oscar_dashboard_and_django_admin_run_under_the_relaxed_policy(
    page: Page, page_errors, live_server
):
    UserFactory(email="staff.csp@example.org", is_staff=True, is_superuser=True)
    hosts: set[str] = set()
    page.context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    violations = Violations(page, page_errors)

    sign_in(page, "staff.csp@example.org")
    for url in ("/boutique/dashboard/", "/boutique/dashboard/catalogue/", "/django-admin/"):
        violations.visit(url)
        page.wait_for_load_state("networkidle")
        violations.assert_none()
    # Oscar's dashboard ran its inline initialisation (templates/oscar/dashboard/base.html).
    violations.visit("/boutique/dashboard/")
    assert page.evaluate("(oscar.dashboard.options || {}).languageCode") == "fr"
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
