"""The school's values an imported copy states: ``find`` reads them; ``people`` (the words for
roles), ``contacts`` (contacts and lists), ``approval`` (the approval record), ``dates`` (dates
and cycles), ``text`` (the cleaned paragraphs) and ``found`` (the result type) are its parts."""
