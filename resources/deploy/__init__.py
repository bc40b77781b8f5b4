"""What a wall needs to run 24/7 under a supervisor that exists: a systemd user unit and
an XDG autostart entry for a kiosk session (installed by ``wallboard install-service``)."""
