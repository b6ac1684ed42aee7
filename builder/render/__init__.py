"""Rendering: one sub-package per output kind, each with its renderer, its templates and CSS,
and its builder (builder.py): policy (the policy PDF), form (the form PDF and the form's page),
site (the school's MkDocs site), index (the trust index). engine (WeasyPrint: HTML to tagged
PDF, fetching nothing), pages (the Jinja environment, pp: links, approval facts), colour and
pdf_objects are shared by them.
"""
