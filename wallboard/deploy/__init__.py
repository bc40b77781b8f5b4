"""Deployment: installing the wall as a supervised service for the current user."""
