"""Fakes of outside services (Stripe), shared by the test folders."""
