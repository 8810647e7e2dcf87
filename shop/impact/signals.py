"""Signals of the charter app. Other apps (the community feed) listen; shop imports none
of them."""

from django.dispatch import Signal

# sender=Claim class; kwargs: claim, from_state, to_state — sent once the change committed
claim_state_changed = Signal()
