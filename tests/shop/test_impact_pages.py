"""The impact block on every listing, the catalogue filters, the directory, and the
query budget of listing pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test import factories as oscar_factories

from shop.impact.location import SESSION_KEY
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    ProducerFactory,
    UserFactory,
    create_product,
    expired,
)

pytestmark = pytest.mark.django_db

# Real commune centres.
DIE = (44.7537, 5.3705)
CREST = (44.7283, 5.0225)
VALENCE = (44.9334, 4.8924)
LYON = (45.7640, 4.8357)


def producer_at(name, coords, **kwargs):
    return ProducerFactory(name=name, latitude=coords[0], longitude=coords[1], **kwargs)


def choose_postcode(client, postcode="26000"):
    response = client.post("/boutique/impact/position/", {"code_postal": postcode, "next": "/"})
    assert response.status_code == 302
    return response


@pytest.fixture
def organic():
    return CriterionFactory(
        code="test-bio", short_label="Bio", is_certification=True, is_filter=True
    )


def test_catalogue_cards_show_the_impact_block(client, organic):
    producer = producer_at("Ferme du Vercors", DIE, legal_form="scop")
    ClaimFactory(criterion=organic, producer=producer)
    create_product(title="Bleu du Vercors", producer=producer)
    html = client.get("/boutique/catalogue/").content.decode()
    assert "impact-compact" in html
    assert "SCOP" in html
    assert ">Bio<" in html
    assert "Déclaré par le producteur" in html


def test_expired_claim_flips_every_listing_at_once(client, organic):
    producer = producer_at("Ferme du Vercors", DIE)
    claim = ClaimFactory(criterion=organic, producer=producer, state="validated")
    product = create_product(title="Bleu du Vercors", producer=producer)
    client.post(product.get_absolute_url().replace("catalogue/", "catalogue/"), {})
    basket_add = f"/boutique/basket/add/{product.pk}/"
    client.post(basket_add, {"quantity": 1})
    pages = [
        "/boutique/catalogue/",
        product.get_absolute_url(),
        producer.get_absolute_url(),
        "/boutique/basket/",
        "/boutique/producteurs/",
    ]
    for page in pages:
        assert "À revérifier" not in client.get(page).content.decode(), page
    claim.valid_until = expired()
    claim.save()
    for page in pages:
        assert "À revérifier" in client.get(page).content.decode(), page


def test_product_page_shows_the_full_block_with_scores(client, organic):
    producer = producer_at("Ferme du Vercors", DIE)
    ClaimFactory(
        criterion=organic,
        producer=producer,
        source="third_party",
        certifier="Ecocert",
        certificate_number="FR-BIO-01",
        evidence_url="https://example.org/certificat.pdf",
    )
    product = create_product(title="Bleu du Vercors", producer=producer)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "impact-full" in html
    assert "Ecocert" in html and "FR-BIO-01" in html
    assert "https://example.org/certificat.pdf" in html
    assert "/boutique/impact/methode/#critere-test-bio" in html
    assert "100 %" in html  # the only criterion of its dimension holds


def test_catalogue_filters_by_criterion(client, organic):
    certified = producer_at("Bio Coop", DIE)
    ClaimFactory(criterion=organic, producer=certified)
    create_product(title="Pommes bio", producer=certified)
    create_product(title="Pommes conventionnelles", producer=producer_at("Verger", CREST))
    overridden = create_product(title="Poires non bio", producer=certified)
    ClaimFactory(criterion=organic, producer=certified, product=overridden, value_bool=False)

    html = client.get("/boutique/catalogue/?critere=test-bio").content.decode()
    assert "Pommes bio" in html
    assert "Pommes conventionnelles" not in html
    assert "Poires non bio" not in html


def test_catalogue_filters_by_distance_from_the_chosen_postcode(client):
    create_product(title="Miel de Valence", producer=producer_at("Rucher", VALENCE))
    create_product(title="Saucisson de Lyon", producer=producer_at("Charcuterie", LYON))
    choose_postcode(client, "26000")  # Valence
    html = client.get("/boutique/catalogue/?distance=50").content.decode()
    assert "Miel de Valence" in html
    assert "Saucisson de Lyon" not in html
    assert "km" in html


def test_unknown_postcode_gets_a_clear_message(client):
    response = client.post("/boutique/impact/position/", {"code_postal": "00000"})
    assert response.status_code == 200
    assert "Nous ne parvenons pas à situer le code postal" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_choosing_a_postcode_is_remembered_in_the_session(client):
    choose_postcode(client, "26150")
    assert client.session[SESSION_KEY]["postcode"] == "26150"
    assert abs(client.session[SESSION_KEY]["latitude"] - DIE[0]) < 0.1


def test_origin_form_ignores_a_foreign_next_url(client):
    response = client.post(
        "/boutique/impact/position/", {"code_postal": "26150", "next": "https://evil.example"}
    )
    assert response.url == "/boutique/catalogue/"


def test_directory_sorts_by_distance_within_the_radius(client):
    producer_at("Crest Coop", CREST, charter_status="membre")
    producer_at("Die Coop", DIE, charter_status="membre")
    producer_at("Lyon Coop", LYON, charter_status="membre")
    response = client.get("/boutique/producteurs/?code_postal=26000&rayon=50")
    names = [p.name for p in response.context["producers"]]
    assert names == ["Crest Coop", "Die Coop"]  # Valence: Crest ≈ 27 km, Die ≈ 43 km
    distances = [round(p.distance_km) for p in response.context["producers"]]
    assert distances == sorted(distances)


def test_directory_unknown_postcode_is_a_form_error(client):
    response = client.get("/boutique/producteurs/?code_postal=99999&rayon=50")
    assert response.status_code == 200
    assert "Nous ne parvenons pas à situer le code postal" in response.content.decode()


def test_directory_filters_by_text_sector_legal_form_and_criterion(client, organic):
    from shop.partner.models import Sector

    bees = Sector.objects.create(name="Apiculture test", slug="apiculture-test")
    honey = producer_at("Rucher des Baronnies", DIE, legal_form="scop", sector=bees)
    ClaimFactory(criterion=organic, producer=honey)
    producer_at("Association Graines", CREST, legal_form="association")

    def names(query):
        return [p.name for p in client.get(f"/boutique/producteurs/?{query}").context["producers"]]

    assert names("q=baronnies") == ["Rucher des Baronnies"]
    assert names("secteur=apiculture-test") == ["Rucher des Baronnies"]
    assert names("statut=association") == ["Association Graines"]
    assert names("critere=test-bio") == ["Rucher des Baronnies"]


def test_directory_lists_members_only_and_paginates(client):
    for i in range(25):
        producer_at(f"Coopérative {i:02d}", DIE)
    producer_at("Candidate", DIE, charter_status="candidat")
    first = client.get("/boutique/producteurs/")
    assert first.context["paginator"].count == 25
    assert len(first.context["producers"]) == 20
    assert "Candidate" not in first.content.decode()
    second = client.get("/boutique/producteurs/?page=2")
    assert len(second.context["producers"]) == 5


def test_producer_page_shows_profile_map_products_and_claims(client, organic):
    producer = producer_at(
        "Ferme du Vercors", DIE, legal_form="exploitation", description="Fromages au lait cru."
    )
    ClaimFactory(criterion=organic, producer=producer)
    product = create_product(title="Bleu du Vercors", producer=producer)
    ClaimFactory(criterion=CriterionFactory(name="Affinage"), producer=producer, product=product)
    html = client.get("/boutique/producteurs/ferme-du-vercors/").content.decode()
    assert "Fromages au lait cru." in html
    assert "Exploitation agricole" in html
    assert 'id="producer-map"' in html and "producer-map-points" in html
    assert "Bleu du Vercors" in html and "Affinage" in html
    assert "impact-full" in html


def test_non_member_producer_page_is_not_found(client):
    producer_at("Candidate", DIE, charter_status="candidat")
    assert client.get("/boutique/producteurs/candidate/").status_code == 404


def test_method_page_explains_every_criterion(client, organic):
    html = client.get("/boutique/impact/methode/").content.decode()
    assert 'id="critere-test-bio"' in html
    assert "moyenne" in html  # how a dimension score is computed


def test_map_makes_no_third_party_request_by_default(client):
    producer_at("Ferme", DIE)
    html = client.get("/boutique/producteurs/").content.decode()
    assert 'data-tile-url=""' in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def _count_queries(client, url):
    client.get(url)  # warm up: thumbnails are generated once, then read from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _catalogue_with(n, organic):
    for i in range(n):
        producer = producer_at(f"Producteur {n}-{i}", DIE)
        ClaimFactory(criterion=organic, producer=producer)
        product = create_product(title=f"Produit {n}-{i}", producer=producer)
        ClaimFactory(criterion=organic, producer=producer, product=product)
        oscar_factories.ProductImageFactory(product=product)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
@pytest.mark.parametrize(
    "url",
    ["/boutique/catalogue/", "/boutique/producteurs/", "/boutique/catalogue/?critere=test-bio"],
)
def test_listing_pages_cost_the_same_for_10_and_100_products(client, organic, url, logged_in):
    if logged_in:
        client.force_login(UserFactory())
    _catalogue_with(10, organic)
    choose_postcode(client)
    with_10 = _count_queries(client, url)
    _catalogue_with(90, organic)
    with_100 = _count_queries(client, url)
    assert with_10 == with_100, (with_10, with_100)
    assert with_100 <= 25


def test_search_results_show_the_impact_block(client, organic):
    producer = producer_at("Rucher des Baronnies", DIE, legal_form="scop")
    ClaimFactory(criterion=organic, producer=producer)
    create_product(title="Miel de lavande", producer=producer)
    # Oscar's search redirects to the site search (/recherche/).
    html = client.get("/boutique/search/?q=lavande", follow=True).content.decode()
    assert "Miel de lavande" in html
    assert "impact-compact" in html and ">Bio<" in html
