"""Bank statements: staff import the bank's CSV export, each credit line is matched to
what it pays by the reference it quotes, and what cannot be matched waits for staff.

Generic on purpose: the shop knows nothing of what a reference pays. Apps register a
matcher for their reference prefix at `ready()` (`registry.register_matcher`): the
cooperative for share subscriptions ("PS-…"), the shop for orders paid by transfer
("PC-…"), the wallet later. A line is stored once, under a fingerprint of its content,
so importing the same statement (or an overlapping one) twice applies nothing twice.
"""
