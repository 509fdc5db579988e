"""Packaged resources (icons, fonts, translations), read via importlib.resources."""
