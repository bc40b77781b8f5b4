"""The duty manager's desk: item models, filters and tables over the store (Qt views)."""
