"""`policypack diff`: redlines of each school's policies between two git revisions.

command.run_diff is the entry; revisions (git), schools (each side read, compared, attributed),
blocks (HTML to blocks), words (block and word alignment), changes (the result types), compare
(sections, policies, attribution), redline_html (the redline fragment), pages (the pages and
the redline PDF).
"""
