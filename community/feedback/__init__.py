"""Verified-purchase reviews of products and producers, and the producer's answer."""
