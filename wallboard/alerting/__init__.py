"""Alerts that take over the wall: which new incidents do, for how long, and the chime."""
