"""Adopting policypack: import a school's own Word or text copy of a policy.

    read/       the document as numbered paragraphs (.docx through python-docx; .txt/.md with
                Word's export debris cleaned), then split into sections by its headings
    defects     the copy's own mistakes, found with the pack's checks, at their lines
    values      the school's values the text states (names, roles, contacts, dates, lists)
    align       each imported section paired with the master's, as rendered for the school
    report      report.json and report.html
    run         the whole import, as `policypack import` runs it

The shared shapes are in ``builder.importing.document``.
"""
