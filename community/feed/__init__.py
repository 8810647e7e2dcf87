"""The community feed: posts, comments, reactions, moderation, event posts, live updates."""
