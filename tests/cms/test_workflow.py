"""Educators write in the education section only; "Rédaction" approves before publishing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState

from cms.models import ArticlePage
from cms.permissions import EDITORS_GROUP, EDUCATORS_GROUP, WORKFLOW_NAME
from tests.factories import UserFactory

from .helpers import education_index, home_page

pytestmark = pytest.mark.django_db


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def educator():
    return member_of(EDUCATORS_GROUP)


@pytest.fixture
def editor():
    return member_of(EDITORS_GROUP)


def draft_article(index, author, slug="brouillon") -> ArticlePage:
    article = index.add_child(
        instance=ArticlePage(title="Brouillon", slug=slug, intro="Texte.", live=False, owner=author)
    )
    article.save_revision(user=author)
    return ArticlePage.objects.get(pk=article.pk)


def test_groups_and_workflow_exist_from_the_migration():
    assert Group.objects.filter(name=EDUCATORS_GROUP).exists()
    educators = Group.objects.get(name=EDUCATORS_GROUP)
    assert educators.permissions.filter(codename="access_admin").exists()
    assert Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="access_admin")


def test_educator_adds_and_edits_in_the_education_section_only(index, educator):
    assert educator.has_perm("wagtailadmin.access_admin")
    permissions = index.permissions_for_user(educator)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_publish_subpage()

    article = draft_article(index, educator)
    on_article = article.permissions_for_user(educator)
    assert on_article.can_edit()
    assert not on_article.can_publish()

    for page in (home_page(), Page.objects.get(depth=1)):
        outside = page.permissions_for_user(educator)
        assert not outside.can_edit()
        assert not outside.can_add_subpage()
        assert not outside.can_publish()


def test_editor_publishes_in_the_education_section(index, editor):
    assert index.permissions_for_user(editor).can_publish_subpage()
    assert not home_page().permissions_for_user(editor).can_publish()


def test_education_pages_go_through_the_review_workflow(index, educator, editor):
    article = draft_article(index, educator)
    workflow = article.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    (task,) = [t.specific for t in workflow.tasks]
    assert set(task.groups.values_list("name", flat=True)) == {EDITORS_GROUP}

    workflow.start(article, educator)  # "Submit to Relecture éducation"
    article.refresh_from_db()
    assert not article.live
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state

    # The educator can neither approve nor publish on their own.
    assert "approve" not in {name for name, *_ in task.get_actions(article, educator)}
    assert not article.permissions_for_user(educator).can_publish()

    assert "approve" in {name for name, *_ in task.get_actions(article, editor)}
    task.on_action(task_state, editor, "approve")
    article.refresh_from_db()
    assert article.live
    assert article.current_workflow_state is None
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED


def test_educator_publish_button_submits_for_moderation(client, index, educator):
    """Through the admin: the educator's publish request does not publish the page."""
    article = draft_article(index, educator)
    client.force_login(educator)
    url = f"/cms-admin/pages/{article.pk}/edit/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Brouillon relu",
        "slug": "brouillon",
        "intro": "Texte.",
        "body-count": "0",
    }
    client.post(url, {**data, "action-publish": "action-publish"})
    article.refresh_from_db()
    assert not article.live
    response = client.post(url, {**data, "action-submit": "action-submit"})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state is not None
    assert article.current_workflow_state.workflow.name == WORKFLOW_NAME


def test_educator_cannot_open_the_editor_outside_the_section(client, educator):
    client.force_login(educator)
    response = client.get(f"/cms-admin/pages/{home_page().pk}/edit/")
    assert response.status_code in (302, 403)


def test_a_new_education_index_gets_permissions_and_workflow(educator):
    other = education_index(slug="autre-section")
    assert other.get_workflow().name == WORKFLOW_NAME
    assert other.permissions_for_user(educator).can_add_subpage()
