"""Vendored browser libraries (package data)."""
