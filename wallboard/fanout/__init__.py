"""Many walls, one backend: the nginx microcache configuration and the probe that
measures what walls cost a backend, with or without it (docs/fanout.md)."""
