"""`policypack serve`: the preview (preview.py) and its server (server.py)."""
