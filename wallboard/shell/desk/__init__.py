"""The duty manager's desk: its main window, its assembly and its notifications."""
