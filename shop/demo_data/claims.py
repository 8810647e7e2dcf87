"""Demo impact passports: the claims each demo producer makes against the charter.

A passport lists one producer's claims, most of them about the producer as a whole;
a claim naming a product overrides the producer's claim on the same criterion for
that product only. Values follow the criterion's type: True/False (yes/no), an int
(level), a number as text (number or percentage); `None` means "not applicable".

Dates are counted in days from the day the demo is loaded, so that it stays
meaningful: `since` is the start of validity (days ago), `until` its end (days ahead,
negative when already past; by default the criterion's validity from `since`), and
`checked` the day the community validated (or disputed) the claim (days ago). A claim
declared about a year ago therefore shows "À revérifier" or is due for a reminder.

DEMO DATA: every certificate and approval number below is invented, as are the
organisations. The `.test` addresses (RFC 2606) cannot belong to anyone.
"""

from typing import NamedTuple

DECLARED, VALIDATED, DISPUTED = "declared", "validated", "disputed"

#: Where the demo buying group collects its orders (maison des associations de Crest):
#: `distance-production` values are road distances from the producer to it.
PICKUP_POINT = "Crest"


class DemoClaim(NamedTuple):
    criterion: str  # criterion code
    value: bool | int | str | None
    evidence: str = ""
    product: str = ""  # product title; empty for a claim about the producer
    certifier: str = ""  # with `number`: certified by a third party
    number: str = ""
    url: str = ""
    since: int | None = None  # days ago; default: the passport's
    until: int | None = None  # days ahead; default: the criterion's validity from `since`
    state: str = ""  # default: the passport's
    checked: int | None = None  # days ago; default: the passport's


class Passport(NamedTuple):
    producer: str  # producer slug
    since: int  # when the producer filled in its passport, in days ago
    claims: tuple[DemoClaim, ...]
    state: str = DECLARED  # the state of claims that do not set theirs
    checked: int | None = None  # for a validated passport: validated that many days ago


def ess_statutes(
    legal_status: str, governance: str, profits: str, **options
) -> tuple[DemoClaim, ...]:
    """The three inclusion criteria, proven by the statutes; `options` apply to all."""
    return (
        DemoClaim("forme-ess", True, legal_status, **options),
        DemoClaim("gouvernance-democratique", True, governance, **options),
        DemoClaim("lucrativite-limitee", True, profits, **options),
    )


def for_products(criterion: str, value, evidence: str, *titles: str) -> tuple[DemoClaim, ...]:
    """The same product claim on several products."""
    return tuple(DemoClaim(criterion, value, evidence, product=title) for title in titles)


def not_applicable(criterion: str, reason: str) -> DemoClaim:
    return DemoClaim(criterion, None, reason)


def accounts_url(producer: str) -> str:
    """Where a demo producer publishes its accounts (a reserved `.test` domain)."""
    return f"https://{producer}.test/comptes-2025.pdf"


# Evidence shared by producers of the same legal form.
SCOP_STATUTES = (
    "Statuts de SCOP SARL déposés au greffe du tribunal de commerce de Romans-sur-Isère, "
    "article 1 ; extrait Kbis",
    "Statuts, article 14 : les salariés associés détiennent la majorité du capital ; une "
    "personne, une voix en assemblée",
    "Statuts, article 33 : 40 % des excédents en réserves impartageables, 45 % en "
    "participation des salariés, 15 % de dividendes au plus",
)
SCIC_PROFITS = "Statuts, article 38 : au moins 57,5 % des excédents en réserves impartageables"
AGRICULTURAL_COOP_STATUTES = (
    "Statuts de coopérative agricole, article 3 ; agrément du Haut Conseil de la "
    "coopération agricole",
    "Statuts, article 21 : un associé coopérateur, une voix en assemblée générale",
    "Statuts, article 45 : réserves impartageables ; excédents rendus aux associés en "
    "ristournes, au prorata de leurs apports",
)
ASSOCIATION_STATUTES = (
    "Statuts déposés en préfecture de la Drôme, article 4 ; inscription au répertoire "
    "national des associations",
    "Statuts, article 9 : une personne, une voix en assemblée générale ; salariés "
    "représentés au conseil d'administration",
    "Association loi 1901 à gestion désintéressée : aucun excédent distribué (statuts, article 16)",
)
ESUS_COMPANY_STATUTES = (
    "Société commerciale de l'ESS (SAS) : statuts, article 2, objet d'utilité sociale et "
    "principes de la loi du 31 juillet 2014 ; extrait Kbis",
    "Statuts, article 18 : comité des parties prenantes (salariés, clients, associations) "
    "consulté sur les décisions stratégiques",
    "Statuts, article 30 : 20 % des bénéfices au fonds de développement, 50 % en report "
    "bénéficiaire et en réserves",
)
SIAE_ESUS = (
    "Agrément ESUS de plein droit : structure d'insertion par l'activité économique "
    "conventionnée (article L. 3332-17-1, II du code du travail)"
)
ENERCOOP = "Contrat d'électricité 100 % renouvelable avec Enercoop, facture 2025"
