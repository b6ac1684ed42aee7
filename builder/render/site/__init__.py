"""The school site: render (its pages, the MkDocs run, the search index), builder, theme/ (the
default MkDocs theme) and templates/ (the pages' bodies)."""
