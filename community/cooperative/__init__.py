"""The cooperative itself: members holding shares (sociétariat), the register of
members, redemptions, and which features are for members only. See models.py."""
