"""Wallboard 112: a live wall display for a 112 emergency-call command centre."""
