"""Orientation mode for visiting delegations, without Qt: the guided tour's schedule
(tour) and the summary page's figures (summary)."""
