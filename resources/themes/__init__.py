"""Stylesheets (QSS with @tokens) and the token values of each theme."""
