"""The participatory guarantee: stakeholder colleges, opinions on claims, disputes, and
the admission of new producers."""
