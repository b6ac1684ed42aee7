"""policypack: one trust's policy text, every school's published pack."""

__version__ = "0.1.0"
