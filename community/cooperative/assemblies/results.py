"""Results of an assembly, weighted by college (SCIC).

The rule, as the page states it:
- In each college, the result of a resolution is the share of "for" among the expressed
  votes (for + against); abstentions are not expressed votes.
- That share is multiplied by the college's weight (College.vote_weight), and the
  products are summed. Colleges where nobody expressed a vote are left out and the
  weights of the others are scaled up to 100 %. If no college has a weight set, every
  expressed vote counts the same (one member, one vote).
- An ordinary resolution passes with more than 50 % weighted "for", an extraordinary one
  with at least two thirds, provided the quorum is reached.
- Quorum: members who voted (in person or by proxy) over the members at the window's
  opening, at least the rules' percentage for the assembly's kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from ..models import College, Rules
from . import selectors
from .models import Assembly, Ballot, Resolution

HUNDRED = Decimal("100")
CENT = Decimal("0.01")
ORDINARY_MAJORITY = Decimal("50")
EXTRAORDINARY_MAJORITY = HUNDRED * 2 / 3
DEFAULT_QUORUM = {
    Assembly.Kind.ORDINARY: Decimal("25.00"),
    Assembly.Kind.EXTRAORDINARY: Decimal("33.33"),
}


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    return None if not whole else (HUNDRED * Decimal(part) / Decimal(whole))


@dataclass
class CollegeTally:
    college: College
    for_: int = 0
    against: int = 0
    abstain: int = 0

    @property
    def expressed(self) -> int:
        return self.for_ + self.against

    @property
    def share_for(self) -> Decimal | None:
        """Percentage of "for" among expressed votes (abstentions left out)."""
        return percent(self.for_, self.expressed)


@dataclass
class ResolutionResult:
    resolution: Resolution
    colleges: list[CollegeTally]
    weighted_for: Decimal | None  # percent, unrounded
    one_member_one_vote: Decimal | None
    passes_majority: bool
    adopted: bool

    @property
    def totals(self) -> CollegeTally:
        total = CollegeTally(college=College(name=""))
        for tally in self.colleges:
            total.for_ += tally.for_
            total.against += tally.against
            total.abstain += tally.abstain
        return total


@dataclass
class Turnout:
    college: College
    electorate: int
    voters: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.voters, self.electorate)


@dataclass
class AssemblyResults:
    assembly: Assembly
    electorate: int
    voters: int
    by_proxy: int
    quorum_required: Decimal
    turnout: list[Turnout]
    resolutions: list[ResolutionResult]

    @property
    def participation(self) -> Decimal | None:
        return percent(self.voters, self.electorate)

    @property
    def quorum_reached(self) -> bool:
        rate = self.participation
        return rate is not None and rate >= self.quorum_required


def quorum_required(assembly: Assembly) -> Decimal:
    rules = Rules.objects.filter(pk=1).first()
    if rules is None:
        return DEFAULT_QUORUM[Assembly.Kind(assembly.kind)]
    if assembly.kind == Assembly.Kind.EXTRAORDINARY:
        return rules.quorum_extraordinary
    return rules.quorum_ordinary


def weighted_for(tallies: list[CollegeTally]) -> Decimal | None:
    """Σ share_for × weight over the colleges that expressed votes, scaled to their
    weights' sum (see the module's docstring)."""
    expressing = [tally for tally in tallies if tally.expressed]
    weights = {tally.college.pk: tally.college.vote_weight or Decimal(0) for tally in expressing}
    total_weight = sum(weights.values(), Decimal(0))
    if not expressing:
        return None
    if not total_weight:
        expressed = sum(tally.expressed for tally in expressing)
        return percent(sum(tally.for_ for tally in expressing), expressed)
    summed = sum(
        (tally.share_for or Decimal(0)) * weights[tally.college.pk] for tally in expressing
    )
    return summed / total_weight


def passes(assembly: Assembly, weighted: Decimal | None) -> bool:
    if weighted is None:
        return False
    if assembly.kind == Assembly.Kind.EXTRAORDINARY:
        return weighted >= EXTRAORDINARY_MAJORITY
    return weighted > ORDINARY_MAJORITY


def assembly_results(assembly: Assembly) -> AssemblyResults:
    colleges = list(College.objects.all())
    electorate = selectors.electorate(assembly)
    per_college = Counter(
        dict(electorate.order_by().values_list("college").annotate(n=Count("pk")))
    )
    ballots = Ballot.objects.filter(assembly=assembly).order_by()
    voters_by_college = Counter(
        dict(ballots.values_list("college").annotate(n=Count("voter", distinct=True)))
    )
    rows = ballots.values_list("resolution", "college", "choice").annotate(n=Count("pk"))
    counts = Counter({(resolution, college, choice): n for resolution, college, choice, n in rows})
    results = []
    for resolution in assembly.resolutions.all():
        tallies = [
            CollegeTally(
                college=college,
                for_=counts[(resolution.pk, college.pk, Ballot.Choice.FOR)],
                against=counts[(resolution.pk, college.pk, Ballot.Choice.AGAINST)],
                abstain=counts[(resolution.pk, college.pk, Ballot.Choice.ABSTAIN)],
            )
            for college in colleges
        ]
        weighted = weighted_for(tallies)
        total_for = sum(tally.for_ for tally in tallies)
        total_expressed = sum(tally.expressed for tally in tallies)
        results.append(
            ResolutionResult(
                resolution=resolution,
                colleges=tallies,
                weighted_for=weighted,
                one_member_one_vote=percent(total_for, total_expressed),
                passes_majority=passes(assembly, weighted),
                adopted=False,
            )
        )
    outcome = AssemblyResults(
        assembly=assembly,
        electorate=electorate.count(),
        voters=ballots.values("voter").distinct().count(),
        by_proxy=ballots.filter(proxy__isnull=False).values("voter").distinct().count(),
        quorum_required=quorum_required(assembly),
        turnout=[
            Turnout(
                college=college,
                electorate=per_college[college.pk],
                voters=voters_by_college[college.pk],
            )
            for college in colleges
            if per_college[college.pk] or voters_by_college[college.pk]
        ],
        resolutions=results,
    )
    for result in results:
        result.adopted = result.passes_majority and outcome.quorum_reached
    return outcome
