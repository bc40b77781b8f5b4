"""Units over time: how long each has been in its status, against the centre's limits."""
