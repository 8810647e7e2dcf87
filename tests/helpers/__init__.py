"""Helpers shared by several test folders (plain functions; fixtures are in tests/fixtures)."""
