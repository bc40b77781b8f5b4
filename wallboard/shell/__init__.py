"""The Qt application shell: bootstrap, command line, wall assembly, screenshot mode and
the interface language. The one part of wallboard/ that may import Qt."""
