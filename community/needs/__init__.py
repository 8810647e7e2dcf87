"""The needs board: members say what they look for, producers offer it."""
