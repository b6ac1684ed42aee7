"""The policy PDF: its HTML (render.py), template and stylesheet, and its builder."""
