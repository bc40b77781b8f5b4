"""The province view, without Qt: each region's backend health (health) and the regions'
KPIs side by side (comparison)."""
