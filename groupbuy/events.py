"""Signals other apps listen to (community shows them in the feed). groupbuy never
imports those apps: it only sends."""

from django.dispatch import Signal

# sender=GroupOrder class; kwargs: group_order, from_state, to_state
group_order_state_changed = Signal()
# sender=GroupOrder class; kwargs: group_order, offer — an offer's firm units reached its minimum
group_order_minimum_reached = Signal()
# sender=GroupOrder class; kwargs: group_order — a commitment changed (live progress)
group_order_commitments_changed = Signal()
