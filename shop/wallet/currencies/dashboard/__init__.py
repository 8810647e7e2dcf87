"""Staff screens of local currencies, and the producer's own currencies page."""
