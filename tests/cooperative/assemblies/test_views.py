"""Members' pages (list, assembly, vote, proxy, documents, results) behind the members-only
gate, and staff's screens (convene, resolutions, documents, publish, live results)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from community.cooperative.assemblies import services
from community.cooperative.assemblies.documents import MAX_BYTES
from community.cooperative.assemblies.models import Assembly, AssemblyDocument, Ballot, Proxy
from community.cooperative.models import Rules
from tests.factories import UserFactory

from .conftest import F, all_, close, convene

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIST = "/cooperative/assemblees/"


def url(assembly, tail: str = "") -> str:
    return f"{LIST}{assembly.pk}/{tail}"


def vote_data(assembly, choice=F, prefix="") -> dict:
    return {f"{prefix}r{r.pk}": choice for r in assembly.resolutions.all()}


# --- members' pages ------------------------------------------------------------------


def test_non_members_are_refused_with_the_reason(client, assembly):
    client.force_login(UserFactory())
    for path in (LIST, url(assembly)):
        response = client.get(path)
        assert response.status_code == 403
        assert "assemblées générales sont réservées aux sociétaires" in response.content.decode()
    assert client.get(LIST).status_code == 403


def test_anonymous_people_sign_in_first(client, assembly):
    assert "/login/" in client.get(LIST)["Location"]


def test_the_list_by_phase_and_its_empty_state(client, members, staff):
    client.force_login(members[0].user)
    page = client.get(LIST).content.decode()
    assert "Aucun vote n'est ouvert en ce moment." in page
    assert "Aucune assemblée ne s'est encore tenue en ligne." in page
    current = convene(staff)
    convene(staff, publish=False)  # a draft is not shown
    past = close(convene(staff))
    Assembly.objects.filter(pk=past.pk).update(title="AG 2025")
    page = client.get(LIST).content.decode()
    assert url(current) in page and "AG 2025" in page and url(past, "resultats/") in page
    assert page.count('href="/cooperative/assemblees/') == 3  # 2 assemblies + results


def test_a_draft_is_not_found(client, members, staff):
    draft = convene(staff, publish=False)
    client.force_login(members[0].user)
    assert client.get(url(draft)).status_code == 404


def test_voting_from_the_page(client, assembly, members):
    client.force_login(members[0].user)
    page = client.get(url(assembly)).content.decode()
    assert "Résolution 1" in page and 'name="r' in page
    assert "ne peut pas être modifié" in page  # said before voting

    response = client.post(url(assembly, "voter/"), vote_data(assembly))
    assert response.status_code == 302
    assert Ballot.objects.filter(voter=members[0]).count() == 2
    page = client.get(url(assembly)).content.decode()
    assert "Votre vote est enregistré" in page and 'name="r' not in page

    again = client.post(url(assembly, "voter/"), vote_data(assembly, "against"))
    assert again.status_code == 400
    assert "un vote ne peut pas être modifié" in again.content.decode()
    assert set(Ballot.objects.values_list("choice", flat=True)) == {F}


def test_a_vote_missing_a_resolution_is_a_400(client, assembly, members):
    client.force_login(members[0].user)
    data = vote_data(assembly)
    data.popitem()
    response = client.post(url(assembly, "voter/"), data)
    assert response.status_code == 400
    assert "Choisissez pour, contre ou abstention." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_vote_outside_the_window_is_a_400(client, assembly, members):
    close(assembly)
    client.force_login(members[0].user)
    response = client.post(url(assembly, "voter/"), vote_data(assembly))
    assert response.status_code == 400
    assert "pendant que le vote est ouvert" in response.content.decode()


def test_giving_a_proxy_then_voting_with_it(client, assembly, members):
    giver, holder = members[0], members[1]
    client.force_login(giver.user)
    response = client.post(url(assembly, "procuration/"), {"holder_number": holder.number})
    assert response.status_code == 302
    proxy = Proxy.objects.get()
    assert "vous avez donné procuration" in client.get(url(assembly)).content.decode().lower()

    refused = client.post(url(assembly, "procuration/"), {"holder_number": holder.number})
    assert refused.status_code == 400 and "révoquez-la d'abord" in html.unescape(
        refused.content.decode()
    )

    client.force_login(holder.user)
    page = client.get(url(assembly)).content.decode()
    assert f"Procuration du sociétaire n° {giver.number}" in page
    data = {"proxy": proxy.pk, **vote_data(assembly, prefix=f"p{proxy.pk}-")}
    assert client.post(url(assembly, "voter/"), data).status_code == 302
    assert Ballot.objects.filter(voter=giver, proxy=proxy).count() == 2

    client.force_login(members[2].user)  # not the holder
    assert client.post(url(assembly, "voter/"), data).status_code == 403


def test_revoking_a_proxy_from_the_page(client, assembly, members):
    proxy = services.proxy_give(
        assembly=assembly, by=members[0].user, holder_number=members[1].number
    )
    client.force_login(members[0].user)
    response = client.post(url(assembly, f"procurations/{proxy.pk}/revoquer/"))
    assert response.status_code == 302
    proxy.refresh_from_db()
    assert proxy.revoked_at is not None


def test_results_only_after_closing(client, assembly, members):
    client.force_login(members[0].user)
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    early = client.get(url(assembly, "resultats/"))
    assert early.status_code == 403
    assert "publiés à la clôture du vote" in early.content.decode()
    close(assembly)
    page = client.get(url(assembly, "resultats/")).content.decode()
    assert "abstentions ne sont pas des suffrages exprimés" in page
    assert "Quorum" in page and "adoptée" in page


# --- documents ----------------------------------------------------------------------


def test_documents_are_pdfs_served_to_members_only(client, assembly, members, staff, settings):
    document = services.document_add(
        assembly=assembly, by=staff, title="Comptes 2026", file=SimpleUploadedFile("c.pdf", PDF)
    )
    assert str(document.file.name).startswith(tuple(settings.PRIVATE_MEDIA_FOLDERS))
    assert client.get(document.file.url).status_code == 404  # never from its raw URL
    client.force_login(members[0].user)
    response = client.get(url(assembly, f"documents/{document.pk}/"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(url(assembly, f"documents/{document.pk}/")).status_code == 403


def test_staff_upload_refuses_a_fake_pdf_and_a_large_one(client, assembly, staff):
    client.force_login(staff)
    path = f"/boutique/dashboard/cooperative/assemblees/{assembly.pk}/documents/"
    fake = SimpleUploadedFile("rapport.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(path, {"title": "Rapport", "file": fake})
    assert response.status_code == 400
    assert "n'est pas un PDF" in html.unescape(response.content.decode())
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * MAX_BYTES)
    response = client.post(path, {"title": "Gros", "file": big})
    assert response.status_code == 400 and "dépasse" in response.content.decode()
    assert not AssemblyDocument.objects.exists()
    ok = client.post(path, {"title": "Rapport", "file": SimpleUploadedFile("r.pdf", PDF)})
    assert ok.status_code == 302 and AssemblyDocument.objects.count() == 1


# --- staff's screens ------------------------------------------------------------------

DASHBOARD = "/boutique/dashboard/cooperative/assemblees/"


def test_staff_only(client, members, assembly):
    client.force_login(members[0].user)
    for path in (DASHBOARD, DASHBOARD + "convoquer/", f"{DASHBOARD}{assembly.pk}/"):
        assert client.get(path).status_code == 403


def test_staff_convene_complete_and_publish(
    client, staff, members, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    assert "Aucune assemblée convoquée" in client.get(DASHBOARD).content.decode()
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "title": "AG ordinaire 2027",
        "kind": "ordinary",
        "held_on": (now + datetime.timedelta(days=20)).strftime(fmt),
        "opens_at": (now + datetime.timedelta(days=10)).strftime(fmt),
        "closes_at": (now + datetime.timedelta(days=5)).strftime(fmt),
        "agenda": "1. Comptes",
    }
    wrong = client.post(DASHBOARD + "convoquer/", data)
    assert (
        wrong.status_code == 400
        and "Le vote doit ouvrir avant de fermer." in wrong.content.decode()
    )
    data["closes_at"] = (now + datetime.timedelta(days=19)).strftime(fmt)
    response = client.post(DASHBOARD + "convoquer/", data)
    assembly = Assembly.objects.get()
    assert response["Location"] == f"{DASHBOARD}{assembly.pk}/"
    assert assembly.published_at is None

    refused = client.post(f"{DASHBOARD}{assembly.pk}/publier/", follow=True)
    assert "Ajoutez au moins une résolution" in refused.content.decode()
    bad = client.post(f"{DASHBOARD}{assembly.pk}/resolutions/", {"title": "", "text": ""})
    assert bad.status_code == 400
    client.post(f"{DASHBOARD}{assembly.pk}/resolutions/", {"title": "Comptes", "text": "Oui."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{DASHBOARD}{assembly.pk}/publier/")
    assembly.refresh_from_db()
    assert assembly.published_at is not None
    from django.core import mail

    assert len(mail.outbox) == len(members)
    page = client.get(f"{DASHBOARD}{assembly.pk}/").content.decode()
    assert "Résultats (en direct)" in page


def test_staff_see_live_results(client, staff, assembly, members):
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    client.force_login(staff)
    page = client.get(f"{DASHBOARD}{assembly.pk}/").content.decode()
    assert "Résultats (en direct)" in page and "100,00 %" in page


def test_staff_set_proxies_and_quorums_in_the_rules_screen(client, staff, rules):
    client.force_login(staff)
    data = {
        "share_value": "20,00",
        "minimum_shares": 1,
        "minimum_holding_months": 12,
        "members_only_group_orders": "on",
        "members_only_assemblies": "on",
        "max_proxies": 3,
        "quorum_ordinary": "20,00",
        "quorum_extraordinary": "50,00",
    }
    assert client.post("/boutique/dashboard/cooperative/regles/", data).status_code == 302
    saved = Rules.objects.get()
    assert (saved.max_proxies, str(saved.quorum_ordinary)) == (3, "20.00")
    assert str(saved.quorum_extraordinary) == "50.00"


def test_staff_may_open_assemblies_to_all_but_only_members_vote(client, assembly, staff):
    from community.cooperative import services as cooperative

    cooperative.rules_update(by=staff, members_only_assemblies=False)
    outsider = UserFactory()
    client.force_login(outsider)
    page = client.get(url(assembly)).content.decode()
    assert "Seuls les sociétaires de la coopérative votent." in page and 'name="r' not in page
    response = client.post(url(assembly, "voter/"), vote_data(assembly))
    assert response.status_code == 403
    assert "Seuls les sociétaires" in response.content.decode()
    assert not Ballot.objects.exists()


def test_the_audit_trail_names_the_assembly(client, staff, assembly, members):
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    client.force_login(staff)
    page = client.get("/boutique/dashboard/cooperative/journal/").content.decode()
    assert "Vote exprimé" in page and f'href="{DASHBOARD}{assembly.pk}/"' in page


def test_documents_stay_for_members_when_the_pages_are_open_to_all(client, assembly, staff):
    from community.cooperative import services as cooperative

    document = services.document_add(
        assembly=assembly, by=staff, title="Comptes", file=SimpleUploadedFile("c.pdf", PDF)
    )
    cooperative.rules_update(by=staff, members_only_assemblies=False)
    client.force_login(UserFactory())
    response = client.get(url(assembly, f"documents/{document.pk}/"))
    assert response.status_code == 403
    assert "réservés aux sociétaires" in response.content.decode()
    client.force_login(staff)
    assert client.get(url(assembly, f"documents/{document.pk}/")).status_code == 200


def test_staff_change_a_draft_not_a_published_assembly(client, staff, members):
    draft = convene(staff, publish=False)
    client.force_login(staff)
    page = client.get(f"{DASHBOARD}{draft.pk}/modifier/").content.decode()
    assert "AG 2027" in page
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "title": "AG 2027 (reportée)",
        "kind": "extraordinary",
        "held_on": timezone.localtime(draft.held_on).strftime(fmt),
        "opens_at": timezone.localtime(draft.opens_at).strftime(fmt),
        "closes_at": timezone.localtime(draft.closes_at).strftime(fmt),
        "agenda": "1. Statuts",
    }
    assert client.post(f"{DASHBOARD}{draft.pk}/modifier/", data).status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.kind) == ("AG 2027 (reportée)", "extraordinary")
    services.assembly_publish(assembly=draft, by=staff)
    refused = client.post(f"{DASHBOARD}{draft.pk}/modifier/", {**data, "title": "Non"})
    assert refused.status_code == 400 and "est publiée" in html.unescape(refused.content.decode())
    draft.refresh_from_db()
    assert draft.title == "AG 2027 (reportée)"


def test_removing_a_resolution_renumbers_the_others(client, staff, members):
    draft = convene(staff, resolutions=3, publish=False)
    first, second, third = draft.resolutions.all()
    client.force_login(staff)
    client.post(f"{DASHBOARD}{draft.pk}/resolutions/{first.pk}/supprimer/")
    assert [(r.pk, r.position) for r in draft.resolutions.all()] == [(second.pk, 1), (third.pk, 2)]


def test_the_django_admin_shows_assemblies_read_only(client, assembly, members):
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for name in ("assembly", "ballot", "proxy", "assemblynotice"):
        assert client.get(f"/django-admin/cooperative/{name}/").status_code == 200
    page = client.get(f"/django-admin/cooperative/assembly/{assembly.pk}/change/")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
