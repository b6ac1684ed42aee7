"""Every diagnostic code, declared once: its severity (from its first letter: ``E-`` an error,
``W-`` a warning, ``N-`` a notice), the docs table it is listed in, a one-line summary, and the
docs' example message and fix. ``Diagnostic`` refuses a code that is not declared here, or a
severity that is not the code's own; the docs' diagnostics page is written from here:

    python -m builder.common.codes --markdown          # print the tables
    python -m builder.common.codes --docs docs/reference/diagnostics.md  # rewrite them in place
    python -m builder.common.codes --list              # each code, its severity and its summary
"""

from __future__ import annotations

import argparse
import enum
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from builder.common import markers

SEVERITY_OF = {"E": "error", "W": "warning", "N": "notice"}
_CODE = re.compile(r"[EWN]-[A-Z0-9]+(?:-[A-Z0-9]+)*")


class Group(enum.Enum):
    """The docs' tables of codes, in order; the value is the table's heading."""
    READING = "Reading the pack (`policypack` exits with status 2)"
    TEXT = "The text (`check` exits 1; `build` stops)"
    REVIEW = "Review dates"
    OUTPUT = "The built output (`build` stops)"
    OTHER = "Other commands"


READING, TEXT, REVIEW, OUTPUT, OTHER = (Group.READING, Group.TEXT, Group.REVIEW, Group.OUTPUT,
                                        Group.OTHER)


@dataclass(frozen=True)
class Variant:
    """One more row of the docs' tables for a declared code: a variant of it (``label``, shown
    in brackets after the code; none when the row is the same code met by another command), in
    ``group``'s table, with its own example and fix."""
    code: str
    group: Group
    label: str = ""
    example: str = ""
    fix: str = ""


@dataclass(frozen=True)
class Code:
    """One diagnostic code. ``example`` is a message as printed and ``fix`` what to do about it,
    as the docs show them; a code with no row of its own names the code whose row lists it too
    (``row_of``). ``variants`` are its other rows, in the order of the tables; ``severity``
    follows from the code's first letter."""
    code: str
    group: Group
    summary: str
    example: str = ""
    fix: str = ""
    row_of: str = ""
    variants: tuple[Variant, ...] = ()
    severity: str = field(init=False)

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise ValueError(f"diagnostic code {self.code!r} is not E-, W- or N- and capitals")
        object.__setattr__(self, "severity", SEVERITY_OF[self.code[0]])
        if not self.summary or "\n" in self.summary:
            raise ValueError(f"{self.code}: the summary is one line")
        if bool(self.example) != bool(self.fix) or bool(self.example) == bool(self.row_of):
            raise ValueError(f"{self.code}: give an example and a fix, or the code whose row "
                             f"lists it (row_of), not both")


# The docs' tables, row by row in their order: a Code is the code's declaration (and its first
# row), a Variant another row of a code declared before it.
_DECLARED: tuple[Code | Variant, ...] = (
    # --- Reading the pack (`policypack` exits with status 2)
    Code("E-PROJECT", READING, "The pack folder given does not exist.",
         example="packs/oak: error E-PROJECT: pack directory does not exist",
         fix="Give the pack's folder with `--project DIR`."),
    Code("E-YAML", READING, "A pack file is not well-formed YAML.",
         example="schools/vine-tree.yml:14: error E-YAML: malformed YAML: mapping values are not "
                 "allowed here",
         fix="Fix the YAML at that line: indentation, a missing space after `:`, or quotes around "
             "text that contains `: ` or starts with `[`, `{`, `*`, `#`."),
    Code("E-YAML-DUPKEY", READING, "A key appears twice in one YAML mapping.",
         example="schools/vine-tree.yml:30: error E-YAML-DUPKEY: key 'dsl' appears twice in this "
                 "mapping; keep one",
         fix="Delete or merge one of the two."),
    Code("E-ENCODING", READING, "A pack file is not UTF-8 text.",
         example="content/social-media/intent.md:7: error E-ENCODING: not UTF-8 text (byte 0xe9 "
                 "in column 12): save the file as UTF-8",
         fix="Save the file as UTF-8 (most editors: \"Save with encoding\"). A byte-order mark at "
             "the start is fine."),
    Code("E-LIMIT", READING, "A file, a text or a render goes over one of the pack's limits.",
         example="schools/oak.yml:40: error E-LIMIT: too many values here once every alias "
                 "(*name) is expanded: the limit is 100,000 values in one file (settings: limits: "
                 "yaml_nodes in trust.yml) [oak]",
         fix="See \"Limits\" under \"Security\": shrink the file or text, or raise the limit in "
             "`trust.yml` when a real pack needs more. In text (`content/x/y.md:3: error E-LIMIT: "
             "the text's loops go round too many times`) and in rendering (`oak/pdf/x.pdf: error "
             "E-LIMIT: rendering took longer than ...`) too."),
    Code("E-KEY", READING, "A key the file kind does not have (often a misspelling).",
         example="schools/vine-tree.yml:9: error E-KEY: unknown key 'colur' in the school file; "
                 "did you mean 'colour'?",
         fix="Correct the spelling, or remove the key."),
    Code("E-TYPE", READING,
         "A value of the wrong kind: a list, text, a number, true/false or a mapping.",
         example="schools/oak.yml:28: error E-TYPE: lists.blocked_sites must be a list, not text; "
                 "write it as a list: `blocked_sites: [TikTok, Snapchat]` [oak]",
         fix="Write the value as the message shows (a list, one line of text, a number without "
             "quotes, `true`/`false`, a mapping). Also ``'colour' was read as empty: YAML takes "
             "an unquoted '#' to the end of the line as a comment ...; quote the value: `colour: "
             "\"#6a1b4d\"` ``: quote it."),
    Code("E-MISSING", READING, "A required key is missing.",
         example="schools/oak.yml:1: error E-MISSING: the school file needs 'name'",
         fix="Add the key (a form also needs its `return` and `sections`)."),
    Code("E-MISSING-FILE", READING, "A file the pack (or a command) names does not exist.",
         example="content/social-media/policy.yml:20: error E-MISSING-FILE: section file "
                 "'content/social-media/intent.md' does not exist",
         fix="Create the file, or correct the section id."),
    Code("E-PATH", READING, "A file lies outside the pack folder.",
         example="schools/oak.yml:40: error E-PATH: section file "
                 "'schools/oak/x/../../../secret.md' lies outside the pack",
         fix="Keep every file inside the pack folder (no links out of it)."),
    Code("W-SAMPLE-VALUE", READING, "A sample value left in the trust's or a school's file.",
         example="schools/oak.yml:9: warning W-SAMPLE-VALUE: 'roles.dsl.email' is an address at "
                 "school.example, a domain reserved for examples: replace it with the real one "
                 "before publishing (publish refuses it) [oak]",
         fix="Replace the sample with the school's own value. `check --strict` and `publish` "
             "refuse a pack that still has one."),
    Code("W-UNUSED-FILE", READING, "A file in the school folders that nothing reads.",
         example="schools/vine-tree/social-media/blogs.md: warning W-UNUSED-FILE: "
                 "'schools/vine-tree/social-media/blogs.md' is not read: schools/vine-tree.yml neither "
                 "adds it (add_sections) nor replaces a section with it (replace_sections) under policy "
                 "'social-media' [vine-tree]",
         fix="Add the section to the school file, rename the file or folder to what it was meant to "
             "be (a school file ends in `.yml`), or delete it."),
    Code("E-ID", READING, "A file or folder name is not a safe id.",
         example="schools/Vine Tree.yml:1: error E-ID: school file name 'Vine Tree' is not a safe "
                 "id",
         fix="Use lower-case words joined by hyphens: `vine-tree`; not a Windows device name "
             "(`nul`, `con`, `com1`...)."),
    Code("E-DUP-ID", READING, "Two sections (or form fields) share an id.",
         example="content/social-media/policy.yml:22: error E-DUP-ID: section id 'intent' is used "
                 "twice in policy 'social-media' (first on line 18)",
         fix="Give each section (and each form field) its own id."),
    Code("E-DATE", READING, "A date is not one real day or month.",
         example="schools/vine-tree.yml:66: error E-DATE: approved date '31/06/2022' is not a real "
                 "date: write YYYY-MM-DD or YYYY-MM, or a day as people write it (1 September 2025); "
                 "for example `approved: 2025-09-01`",
         fix="Write `2022-06-30` (or `2022-06` for a month). A date as people write it, day first as in "
             "the UK (`30 June 2022`, `30/06/2022`, `June 2022`), is read too, with its year in four "
             "digits; a term (`Summer 2022`) is not one date, a weekday must be the date's, and a day's "
             "ending its number's (`14th`, not `14st`)."),
    Code("E-CYCLE", READING, "A review cycle is not understood.",
         example="content/social-media/policy.yml:4: error E-CYCLE: review cycle 'biennial' is "
                 "not understood",
         fix="Write `annually`, `2 years` or `6 months`."),
    Code("E-COLOUR", READING, "A colour is not written #rrggbb.",
         example="schools/vine-tree.yml:7: error E-COLOUR: colour 'green' must be written #rrggbb",
         fix="Write `\"#1f5c3a\"` (quoted)."),
    Code("E-LOGO", READING,
         "A school's or the trust's logo is not a plain SVG or a PNG within the limits.",
         example="schools/oak.yml:5: error E-LOGO: logo 'schools/oak/logo.svg' has an event "
                 "attribute (onload on <svg>), which runs a script: remove it [oak]",
         fix="Save the logo again as a plain SVG (\"Plain SVG\" or \"Optimised SVG\" in Inkscape, "
             "\"SVG\" with no scripts in Illustrator) or as a PNG of at most 4,096 pixels a side, "
             "with the matching name (`.svg`, `.png`). See \"The logo\" under \"A school\"."),
    Code("E-URL", READING, "A web address is not a full https:// address.",
         example="schools/oak.yml:5: error E-URL: 'website' in the school file must be a web "
                 "address (https://...): address 'javascript:alert(5)//' uses the scheme "
                 "'javascript:' [oak]",
         fix="Give the full `https://` address (of the published policy, the school's website, "
             "the trust's `site_url`). An external policy with no `url` at all is `E-MISSING`."),
    Code("E-VALUE", READING, "A value is not one of those allowed.",
         example="forms/social-media-consent.yml:2: error E-VALUE: audience 'pupils' in form "
                 "'social-media-consent' must be one of: parents, staff",
         fix="Use one of the values listed."),
    Code("E-REF-POLICY", READING,
         "Settings for, or a reference to, a policy the pack does not have.",
         example="schools/oak.yml:50: error E-REF-POLICY: settings for policy 'behavior', which "
                 "is not in content/",
         fix="Use the id of a folder in `content/`. (From `ref()`, see below.)"),
    Code("E-ARG", READING, "A command-line option's value is wrong.",
         example="--today: error E-ARG: '21/11/2026' is not a date: write YYYY-MM-DD",
         fix="Correct the command-line option."),
    Code("E-SCHOOL", READING, "No school with that id.",
         example="schools: error E-SCHOOL: no school 'oak' (schools/oak.yml); schools: chestnuts, "
                 "edith-cavell, vine-tree",
         fix="Use the id of a file in `schools/`. Every command that takes `--school` says the "
             "same, with the nearest id: `no school 'oaks' (schools/oaks.yml); did you mean "
             "'oak'?`"),
    # --- The text (`check` exits 1; `build` stops)
    Code("E-UNDEFINED", TEXT, "The text prints a variable the school does not define, or gives no value.",
         example="content/staff-code/reporting.md:4: error E-UNDEFINED: undefined variable "
                 "'roles.dsl.name' [chestnuts]",
         fix="Add the value to the school's file (or the trust's `defaults`), or correct the name "
             "in the text. A key written with nothing after it, or with a value after an unquoted '#' "
             "(which YAML reads as a comment), needs its value written, in quotes if it starts with '#'."),
    Code("E-TEMPLATE", TEXT, "The text's Jinja2 is not well-formed.",
         example="content/social-media/intent.md:3: error E-TEMPLATE: template syntax: unexpected "
                 "'}'",
         fix="Fix the Jinja2 at that line (`{{ ... }}`, `{% if %}...{% endif %}`)."),
    Code("E-REF-SECTION", TEXT, "A reference to a section the policy does not have.",
         example="content/social-media/cyberbullying.md:10: error E-REF-SECTION: reference to "
                 "unknown section 'reportng' of policy 'staff-code'; did you mean 'reporting'? "
                 "[vine-tree]",
         fix="Use a section id from that policy's `policy.yml` (after the school's own additions "
             "and omissions)."),
    Variant("E-REF-POLICY", TEXT,
            example="content/social-media/intent.md:8: error E-REF-POLICY: reference to policy "
                    "'behaviour', which is neither in the pack nor declared in the school's "
                    "external_policies [oak]",
            fix="Add it to the school's (or the trust defaults') `external_policies` with a title "
                "and url."),
    Code("E-REF-FORM", TEXT, "A reference to a form this school's policy does not list.",
         example="content/social-media/images.md:12: error E-REF-FORM: reference to form "
                 "'photo-consent', which this school's 'social-media' policy does not list "
                 "[chestnuts]",
         fix="List the form in the policy's `forms`, or stop omitting it in the school's `forms: "
             "omit`."),
    Code("E-REF", TEXT, "A reference target written in none of the accepted forms.",
         example="content/social-media/intent.md:3: error E-REF: reference 'sections/intent': "
                 "write 'section-id', 'policy:ID' or 'form:ID'",
         fix="Write the target in one of those forms."),
    Code("E-LOCKED", TEXT, "A school replaces a section the trust locked.",
         example="schools/oak.yml:41: error E-LOCKED: section 'legal-framework' of policy "
                 "'social-media' is trust-locked: a school cannot replace it",
         fix="Add a section of your own instead, or ask the trust to mark the section `editable: "
             "true`."),
    Code("E-HTML", TEXT,
         "HTML in the text that is not allowed, or not read the same way by every browser.",
         example="content/social-media/intent.md:7: error E-HTML: HTML tag <script> is not "
                 "allowed in policy text",
         fix="Use Markdown, or one of the allowed inline tags (`abbr`, `b`, `br`, `cite`, `dd`, "
             "`dfn`, `div`, `dl`, `dt`, `em`, `i`, `kbd`, `mark`, `p`, `q`, `s`, `small`, `span`, "
             "`strong`, `sub`, `sup`, `u`) with `class`, `title`, `lang` or `id`."),
    Variant("E-HTML", TEXT, label="sanitiser",
            example="schools/oak/social-media/intent.md:3: error E-HTML: HTML comment '<!--n --!> "
                    "<script>...' is not read the same way by every browser: ...",
            fix="The sanitiser would read the HTML differently from how it is written (a comment "
                "with `--` or `>` inside, a tag left open, a closing tag with no opening one): "
                "write plain Markdown, close what you open, write `&lt;` for a literal `<`."),
    Variant("E-HTML", TEXT, label="address",
            example="content/social-media/intent.md:9: error E-HTML: link address "
                    "'javascript:alert(1)' uses the scheme 'javascript:'; allowed: https:, http:, "
                    "mailto:, tel: or a relative link",
            fix="Link only to `https://`, `http://`, `mailto:`, `tel:` addresses or with `{{ "
                "ref(...) }}`; never `javascript:`, `data:`, `file:` or `//host`."),
    Code("E-HAND-REF", TEXT,
         "A section, clause or appendix number typed by hand instead of ref().",
         example="content/social-media/passwords.md:3: error E-HAND-REF: 'section 4 of this "
                 "policy' is a section number typed by hand; numbers change when sections move: "
                 "write {{ ref(\"section-id\") }} (or \"policy-id#section-id\") instead",
         fix="Replace the number with `{{ ref(\"data-protection\") }}`, which writes the right "
             "number for every school."),
    Variant("E-HAND-REF", TEXT, label="appendix, other policy, clause",
            example="content/social-media/parents.md:6: error E-HAND-REF: 'Appendix 2' names an "
                    "appendix by its number; appendices are the policy's forms and their numbers "
                    "change when forms are added or left out: write {{ "
                    "ref(\"form:blocked-content-request\") }} (this policy's forms, in order: "
                    "\"form:social-media-consent\", \"form:blocked-content-request\", ...)",
            fix="Write `{{ ref(\"form:social-media-consent\") }}`; for \"section 4 of the Staff "
                "Social Media Code of Conduct\" write `{{ ref(\"staff-code#rules\") }}`; for \"as "
                "set out in 4.2 above\" write `{{ ref(\"section-id\") }}`. A number that belongs "
                "to a statute or guidance is never flagged (see \"Checks\")."),
    Code("E-HEADING-NUMBER", TEXT, "A heading starts with its own typed number.",
         example="content/social-media/passwords.md:1: error E-HEADING-NUMBER: the heading starts "
                 "with its own number '5.4'; the builder numbers headings itself, so it would "
                 "show twice (\"6.4 5.4 ...\"): delete '5.4'",
         fix="Delete the typed number from the heading (or from the section's `title`)."),
    Code("E-PRINT", TEXT, "The text prints a whole mapping or list.",
         example="content/social-media/intent.md:5: error E-PRINT: '{{ roles.dsl }}' prints a "
                 "whole mapping into the text: print one of its values, such as {{ roles.dsl.name "
                 "}} [oak]",
         fix="Print one value (`{{ roles.dsl.name }}`), `{{ contact(\"dsl\") }}`, or loop over a "
             "list (`{% for s in lists.blocked_sites %}`)."),
    Code("E-OTHER-SCHOOL", TEXT, "Another school's details in this school's text or values.",
         example="schools/oak.yml:2: error E-OTHER-SCHOOL: 'Vine Tree' is Vine Tree Primary's "
                 "short name (schools/vine-tree.yml:6), found in Oak Primary's text: replace it "
                 "with this school's own value (when the schools share it on purpose, declare it "
                 "once in trust.yml defaults) [oak]",
         fix="Write this school's own value. A value the schools share on purpose (a trust-wide "
             "DPO, a shared inbox) belongs in `trust.yml` `defaults:` (or `trust:`), and is then "
             "never flagged."),
    Code("E-INVISIBLE", TEXT, "A character nobody can see that reorders or splits the text.",
         example="schools/oak/online-safety/intent.md:3: error E-INVISIBLE: the invisible character "
                 "U+202E RIGHT-TO-LEFT OVERRIDE in the text changes the order in which the text after "
                 "it is shown, so it reads other than it is written: delete it [oak]",
         fix="Delete the character (it usually comes in with text pasted from a web page or a "
             "message). Right-to-left writing itself is fine; only the explicit direction controls, "
             "and zero-width characters inside a word, are flagged."),
    Code("E-VALUE-SHAPE", TEXT, "A value is not the shape of what its key holds.",
         example="schools/oak.yml:7: error E-VALUE-SHAPE: phone '020 7946 07311' has 12 digits, not "
                 "10 or 11 [oak]",
         fix="Write the value as what it is: a phone number's digits, one email address (no digit for a "
             "letter: `.org`, not `.0rg`), an https:// website (its public page, not a document being "
             "edited or an admin page), a UK postcode, a person's name (not a title, the role, a job or a "
             "number), a policy's version as a number alone (`\"2.0\"`), a social account as "
             "`{platform, handle, url}` with the url the account's own page on the platform's site."),
    Code("W-EMAIL-DOMAIN", TEXT, "An email address's domain is nearly the school's website's, but not it.",
         example="schools/oak.yml:10: warning W-EMAIL-DOMAIN: email 'office@oak-primary.org.uk' is at "
                 "'oak-primary.org.uk', nearly but not the school's website's domain ('oakprimary.org.uk'): "
                 "is it a slip? [oak]",
         fix="Correct the address (or the website), or, where the school really has both domains, leave it: "
             "a domain of its own, such as the trust's or the council's, is never flagged."),
    Code("W-NAME-SLIP", TEXT, "A school's name or short name is one letter off its own name or its "
                              "website's.",
         example="schools/oak.yml:4: warning W-NAME-SLIP: short_name 'Oakmeer' is nearly but not the school's "
                 "name 'Oakmere Primary School': is it a slip? [oak]",
         fix="Correct the name (or the website): parents meet the school's name on every page. A short name "
             "of its own (initials, an abbreviation, 'St John's' for 'St John the Baptist'), an 's' more or "
             "less, an accent left out and a website named otherwise are never flagged."),
    Code("E-SIGNATORY-ROLE", TEXT, "A signatory's role is not one of the school's roles.",
         example="schools/oak.yml:60: error E-SIGNATORY-ROLE: signatory Ann Lee of policy "
                 "'social-media' has role 'chiar', which is not one of this school's roles; did "
                 "you mean 'chair'? [oak]",
         fix="Use a role id from the school's `roles` (or the trust's defaults), or leave `role` "
             "out."),
    Code("E-APPROVAL-VERSION", TEXT, "An approval record gives no version.",
         example="schools/oak.yml:55: error E-APPROVAL-VERSION: the approval of policy "
                 "'social-media' gives no version: write the version approved, quoted (version: "
                 "\"2.0\") [oak]",
         fix="Add `version: \"2.0\"` (the version the minutes approved)."),
    Code("N-DOUBLED-WORDS", TEXT, "Words repeated by mistake.",
         example="forms/social-media-consent.yml:9: notice N-DOUBLED-WORDS: 'my child my child's' "
                 "repeats words: delete the repeat",
         fix="Delete the repeated words."),
    Code("E-RELATED-MISSING", TEXT, "A related policy that is neither in the pack nor external.",
         example="content/social-media/policy.yml:7: error E-RELATED-MISSING: policy "
                 "'social-media' lists related policy 'behaviour', which is neither in content/ "
                 "nor in this school's external_policies [oak]",
         fix="Declare it in the school's or the trust defaults' `external_policies` (title and "
             "url), or remove it from `related`."),
    Code("E-FORM-MISSING", TEXT, "A policy or school names a form with no file.",
         example="content/social-media/policy.yml:8: error E-FORM-MISSING: policy 'social-media' "
                 "lists appendix form 'trip-consent', but there is no forms/trip-consent.yml",
         fix="Add the form file, or correct the id (a close match is suggested)."),
    Code("E-PLACEHOLDER", TEXT, "Template text (TBC, XXXX, [School name]...) left in a value or the text.",
         example="schools/oak.yml:5: error E-PLACEHOLDER: template text 'TBC' left in the value "
                 "'phone': replace it with the real value (a gap's shape, such as XXXX, ____ or "
                 "[School name], or one of settings.placeholder_phrases in trust.yml) [oak]",
         fix="Write the real value. Gaps are found by their shape (masks, blanks, bracketed "
             "fields, notes to the template's user) and by the phrases of "
             "`settings.placeholder_phrases` in `trust.yml`, which add to the defaults."),
    Code("E-ROLE-MISSING", TEXT, "A role a policy names is missing from the school.",
         example="schools/oak.yml:12: error E-ROLE-MISSING: role 'dpo' is named by policy "
                 "'social-media' (owner) but this school has no such role [oak]",
         fix="Add the role under `roles:` (or in the trust's `defaults: roles:`)."),
    Code("E-ROLE-PERSON", TEXT, "A role a policy names has no person.",
         example="schools/oak.yml:20: error E-ROLE-PERSON: role 'dsl' (Designated Safeguarding "
                 "Lead) has no person: add 'name' (named by policy 'social-media') [oak]",
         fix="Give the role a `name`."),
    Code("E-ROLE-CONTACT", TEXT, "A role a policy names has no email or phone.",
         example="schools/vine-tree.yml:19: error E-ROLE-CONTACT: role 'dsl' (Designated "
                 "Safeguarding Lead) has no contact: add 'email' or 'phone' (named by policy "
                 "'social-media', form 'inappropriate-content-report') [vine-tree]",
         fix="Give the role an `email` or a `phone`."),
    # --- Review dates
    Code("N-POLICY-DRAFT", REVIEW, "A policy is a draft at a school: not approved, never published.",
         example="schools/oak.yml:48: notice N-POLICY-DRAFT: policy 'staff-code' (Staff Social "
                 "Media Code of Conduct) has no approval record, so it is a draft: it builds "
                 "with \"Draft: not approved\" on every page and publish leaves it out [oak]",
         fix="When the approving body approves it, record `approved:` (the meeting's date), "
             "`version`, `body` and the signatories in the school's `policies: <id>: approval:`."),
    Code("E-REVIEW-NO-DATE", REVIEW,
         "An approval says `status: approved` but gives no approved date.",
         example="schools/oak.yml:50: error E-REVIEW-NO-DATE: the approval of policy "
                 "'social-media' (Social Media Policy) says status: approved but gives no "
                 "'approved' date [oak]",
         fix="Add `approved:` with the date from the minutes (or remove `status`: with no date "
             "the policy is a draft)."),
    Code("W-REQUIRED-MISSING", REVIEW,
         "A policy the requirements register says the school must have is neither in the pack "
         "nor linked.",
         example="schools/oak.yml:3: warning W-REQUIRED-MISSING: no policy in the pack or in "
                 "external_policies is the Accessibility Plan ('accessibility-plan'), which a "
                 "school like Oak Primary must have and publish online (Equality Act 2010, "
                 "Schedule 10) [oak]",
         fix="Add the policy to the pack, or link the school's published copy in "
             "`external_policies` (with `meets: [<id>]` when its title differs). A trust can "
             "change the register with `requirements:` in trust.yml."),
    Code("W-REVIEW-FREQUENCY", REVIEW,
         "A policy is reviewed less often than its requirement says.",
         example="content/safeguarding/policy.yml:4: warning W-REVIEW-FREQUENCY: policy "
                 "'safeguarding' (Child Protection Policy) is reviewed every 2 years here, but "
                 "the Child Protection and Safeguarding Policy must be reviewed at least "
                 "annually [oak]",
         fix="Shorten the `review_cycle` to what the guidance requires."),
    Code("N-SCHOOL-KIND", REVIEW, "A school does not say its type and phase.",
         example="schools/oak.yml:1: notice N-SCHOOL-KIND: Oak Primary does not say its type and "
                 "phase ..., so it is held only to the requirements every school has [oak]",
         fix="Add `type: academy` (or `maintained`) and `phase: primary` (or another phase) to "
             "the school's file, or to the trust's `defaults`."),
    Code("E-MEETS", REVIEW, "A `meets` names no requirement of the register.",
         example="content/safeguarding/policy.yml:6: error E-MEETS: policy 'safeguarding' meets "
                 "'safegaurding', which is not in the requirements register; did you mean "
                 "'safeguarding'?",
         fix="Use an id from the requirements register (docs: Reference, Requirements)."),
    Code("W-REVIEW-OVERDUE", REVIEW, "A policy's review is overdue.",
         example="schools/vine-tree.yml:64: warning W-REVIEW-OVERDUE: the review of policy "
                 "'social-media' (Social Media Policy) was due June 2024 (874 days ago); the "
                 "policy stays published until replaced [vine-tree]",
         fix="Review the policy and record the new approval (`approved`, `version`, signatories). "
             "An error with `--strict`."),
    Code("N-REVIEW-DUE", REVIEW, "A policy's review is due soon.",
         example="schools/chestnuts.yml:64: notice N-REVIEW-DUE: the review of policy "
                 "'social-media' (Social Media Policy) is due 14 January 2027 (in 54 days) "
                 "[chestnuts]",
         fix="Plan the review for the approving body's next meeting."),
    Code("W-REVIEW-MISMATCH", REVIEW,
         "The next review date is not the approval plus the review cycle.",
         example="schools/oak.yml:56: warning W-REVIEW-MISMATCH: next review 2025-06 of policy "
                 "'social-media' (Social Media Policy) does not match approval 2022-06-15 plus "
                 "the review cycle (every 2 years), which gives 15 June 2024 [oak]",
         fix="Correct `next_review` or `review_cycle` so they agree (same month)."),
    Code("W-REVIEW-PROSE", REVIEW, "The text types a review cycle or date that is not the school's.",
         example="content/social-media/monitoring-review.md:4: warning W-REVIEW-PROSE: the text "
                 "says the policy is reviewed 'on an annual basis' (annually), but policy "
                 "'social-media' is reviewed every 2 years for this school, next in June 2026: "
                 "write {{ policy.review_cycle }} (it prints 'every 2 years') or {{ "
                 "policy.next_review }} (it prints 'June 2026') instead of typing them [vine-tree]",
         fix="Write `{{ policy.review_cycle }}` or `{{ policy.next_review }}` in the sentence, so it "
             "always says the school's own."),
    Code("W-APPROVED-FUTURE", REVIEW, "An approval is dated after today.",
         example="schools/oak.yml:52: warning W-APPROVED-FUTURE: policy 'social-media' is "
                 "recorded as approved 10 January 2027, after today (2026-11-21): write the date "
                 "of the meeting that approved it, from its minutes [oak]",
         fix="Correct `approved:` to the meeting's date."),
    Code("W-REVIEW-CYCLES", REVIEW, "A policy states two different review cycles.",
         example="schools/edith-cavell.yml:80: warning W-REVIEW-CYCLES: policy 'social-media' "
                 "(Social Media Policy) states two review cycles: every 3 years here, every 2 "
                 "years in content/social-media/policy.yml:4: keep one [edith-cavell]",
         fix="Agree one cycle: remove the approval's `review_cycle`, or change the policy's."),
    # --- The built output (`build` stops)
    Code("E-LINK", OUTPUT, "A built page or PDF links to a file that was not written.",
         example="site/vine-tree/index.html:40: error E-LINK: broken link: 'policies/old.html' "
                 "points at site/vine-tree/policies/old.html, which does not exist",
         fix="A renderer or theme template wrote a link to a page it did not write: fix the "
             "template (or `ref()` target). `file:` links and `pp:` addresses left in the output "
             "are reported here too."),
    Variant("E-LINK", TEXT, label="typed",
            example="content/social-media/intent.md:9: error E-LINK: the address 'pp:policy' is typed "
                    "by hand: 'pp:' addresses are made by ref() only; write {{ ref(\"section-id\") }} "
                    "(or \"policy-id#section-id\", \"form:form-id\") for the link",
            fix="Link to another section, policy or form with `{{ ref(...) }}`; the builders write "
                "the addresses."),
    Code("E-ANCHOR", OUTPUT, "A link's anchor, PDF destination or page is not in its target.",
         example="site/vine-tree/pdf/social-media.pdf: error E-ANCHOR: page 3: an internal link "
                 "points at named destination 'intent', which does not exist",
         fix="The link's `#anchor` (or PDF destination, or `#page=`) is not in the target: fix "
             "the template or heading id."),
    Code("E-PDF-READ", OUTPUT, "A built PDF cannot be read back.",
         example="site/vine-tree/pdf/social-media.pdf: error E-PDF-READ: cannot read PDF: EOF "
                 "marker not found",
         fix="Rebuild; a damaged PDF means the writing was interrupted."),
    Code("E-INCLUDE", OUTPUT, "A snippet include that cannot be read, or a cycle of includes.",
         example="content/social-media/intent.md:4: error E-INCLUDE: snippets include each other "
                 "in a cycle: kindness.md -> respect.md -> kindness.md",
         fix="Include shared text only from `content/_snippets/` by plain file name, and break "
             "any cycle."),
    Code("E-IO", OUTPUT, "A folder or file cannot be read or written.",
         example="site: error E-IO: cannot read or write: Permission denied",
         fix="Check the folder's permissions and free disk space."),
    Code("W-COLOUR-CONTRAST", OUTPUT,
         "A colour has too little contrast with white; a darker shade is used.",
         example="schools/vine-tree.yml:8: warning W-COLOUR-CONTRAST: colour '#ffdd00' has only "
                 "1.3:1 contrast with white (WCAG AA needs 4.5:1 for text): the pages use the "
                 "darker shade '#877500' (4.6:1) instead",
         fix="Write that shade, or a darker colour of your own."),
    Code("E-SITE", OUTPUT, "MkDocs could not build the site.",
         row_of="E-THEME"),
    Code("E-THEME", OUTPUT,
         "A theme template fails, or a theme file is not a real file inside the theme.",
         example="themes/policypack/main.html:12: error E-THEME: theme template error: ...",
         fix="Fix the theme template at that line. The theme renders in Jinja's sandbox: `access "
             "to attribute '__globals__' of 'function' object is unsafe` means a template reached "
             "for Python internals."),
    Variant("E-THEME", OUTPUT, label="file",
            example="themes/policypack/css/extra.css: error E-THEME: theme file is a link to a "
                    "place outside the theme folder, which would be published in every school's "
                    "site: copy the file into the theme instead",
            fix="Keep every theme file a real file inside `themes/policypack/` (no links out of "
                "it, no devices or pipes)."),
    Code("E-FETCH", OUTPUT, "An output tried to load a file or URL.",
         example="<render>: error E-FETCH: the document tried to load "
                 "'https://cdn.example/x.css'; outputs may not fetch files or URLs",
         fix="Remove the reference: the PDF renderer (build, and diff's redlines) loads nothing "
             "but `data:` URLs and the package's own font files; nothing the tool builds fetches "
             "a URL."),
    Code("E-FONT", OUTPUT, "A character the PDF font does not have.",
         example="content/online-code/rules.md:2: error E-FONT: the character '漢' (U+6F22 CJK "
                 "UNIFIED IDEOGRAPH-6F22) in the text is not in the PDF font (Atkinson "
                 "Hyperlegible Next, shipped with policypack), and the PDFs use no other font: "
                 "write it another way or leave it out",
         fix="Write the word in Latin letters (a transliteration), or leave the character out. "
             "The PDFs use only the shipped font (see \"Fonts that travel\"); a character that "
             "reaches a PDF from elsewhere is the same error at `<render>`, naming the document "
             "and the words around it."),
    Code("E-FORM-FIELD", OUTPUT,
         "A rendered form PDF lacks fields it should have (a renderer fault).",
         example="forms: error E-FORM-FIELD: fields missing from the PDF: consent_yes",
         fix="A forms renderer fault: report it with the form file."),
    Code("E-RENDER", OUTPUT, "A renderer process stopped unexpectedly.",
         example="<render>: error E-RENDER: a renderer process stopped unexpectedly (exit status "
                 "-9); run with --jobs 1 to see where",
         fix="A worker process died (often out of memory, or a crash in a native library). Run "
             "again with `--jobs 1` to see which output."),
    Code("E-LOCKED-OUTPUT", OUTPUT, "Another build is writing to the output folder.",
         example="site: error E-LOCKED-OUTPUT: another policypack build is writing to this folder",
         fix="Wait for the other build to finish and run again."),
    Code("E-OUT", OUTPUT,
         "The output folder cannot be used: the pack itself, or one another command wrote.",
         example=".: error E-OUT: the output folder would be the pack itself, hold it, or lie in "
                 "its sources (content/, forms/, schools/, themes/)",
         fix="Give `--out` a folder of its own, such as `site`."),
    # --- Other commands
    Code("E-CSV", OTHER, "A class or staff list cannot be read.",
         example="pupils.csv: error E-CSV: not UTF-8 text: save the spreadsheet as 'CSV UTF-8 "
                 "(comma delimited)'",
         fix="Save the class list as CSV UTF-8."),
    Variant("E-CSV", OTHER, label="`--expect`",
            example="year4.csv:1: error E-CSV: no name column in the header: name one column "
                    "'name' (or 'pupil', 'staff')",
            fix="Give the class or staff list a header row with a `name` column."),
    Code("E-FORM-PREFILL", OTHER, "A form with no pupil field to prefill.",
         example="forms/staff-code-acknowledgement.yml: error E-FORM-PREFILL: form "
                 "'staff-code-acknowledgement' has no field marked 'register: pupil', so there is "
                 "nothing to prefill",
         fix="Prefill only forms with a `register: pupil` field."),
    Code("E-GIT", OTHER, "git is missing, or the pack is not in a git repository.",
         row_of="E-GIT-REV"),
    Code("E-GIT-REV", OTHER, "A revision the repository does not have.",
         example=".: error E-GIT-REV: unknown revision 'v9' in the repository at '...' (give a "
                 "commit, tag or branch, e.g. HEAD~1)",
         fix="`policypack diff` needs the pack in git and an existing revision."),
    Variant("E-PATH", OTHER, label="diff",
            example="content/online-code/passwd.md: error E-PATH: at revision 'HEAD' this link to "
                    "'/etc/passwd' leads outside the pack (AbsoluteLinkError); diff reads only "
                    "files inside the pack folder",
            fix="Commit the file itself in place of the link and compare from that commit; `diff` "
                "reads only files inside the pack folder."),
    Code("E-MERGE", OTHER, "Shard outputs that cannot be merged.",
         example="shard-2: error E-MERGE: school 'oak' is in two shards (shard-1 and shard-2)",
         fix="Give `merge` each shard's output once, all built by the same policypack for the "
             "same `--today`, covering every school."),
    Variant("E-OUT", OTHER,
            example="diff-out: error E-OUT: output folder exists and was not written by "
                    "policypack diff",
            fix="Choose another `--out`, or remove the folder."),
    Variant("E-OUT", OTHER, label="import",
            example="imported: error E-OUT: output folder exists and was not written by "
                    "policypack import: choose another --out, or remove the folder",
            fix="Choose another `--out`; the import never writes into the pack's `content/` or "
                "`schools/`, nor over a policy (`--new-policy` with an id the pack has)."),
    Code("E-POLICY", OTHER, "No policy with that id.",
         example="content: error E-POLICY: no policy 'social-medai' "
                 "(content/social-medai/policy.yml); did you mean 'social-media'? policies: "
                 "social-media, staff-code",
         fix="Give `import --policy` the id of a folder in `content/`."),
    Code("E-IMPORT-FILE", OTHER, "A file of a kind the import cannot read.",
         example="notes.pdf: error E-IMPORT-FILE: cannot import a '.pdf' file: give a Word "
                 "document (.docx) or text exported from Word (.txt, .md)",
         fix="Save the copy from Word as .docx (or as plain text). A missing FILE is "
             "`E-MISSING-FILE`."),
    Code("E-IMPORT-EMPTY", OTHER, "A copy with no headings to make a new policy's sections from.",
         example="copy.txt: error E-IMPORT-EMPTY: the document has no headings, so it gives no "
                 "sections for a new policy: ...",
         fix="For `--new-policy`, give the section titles Word heading styles, or lines of their "
             "own in a text file."),
    Code("E-IMPORT", OTHER,
         "A copy the import cannot read: tracked changes, an old or damaged file, no words.",
         example="copy.docx:3: error E-IMPORT: the document has 2 tracked change(s) (insertions, "
                 "deletions or moves not yet accepted), the first here: accept or reject them in "
                 "Word (Review > Accept / Reject All) and save, then import again",
         fix="Accept or reject the changes in Word. Also: an old .doc, PDF, RTF, OpenDocument or "
             "damaged file (save it from Word as .docx or Plain Text), text that is neither UTF-8 "
             "nor Windows-1252, or a copy with no words in it."),
    Code("W-IMPORT-LOST", OTHER, "Comments, text boxes, footnotes or hidden text left out of the import "
         "(with --new-policy, text above the first heading too).",
         example="copy.docx:2: warning W-IMPORT-LOST: 1 comment left out (the first here): "
                 "comments are notes about the text, not the policy",
         fix="Nothing to do, or move text that matters (a text box, a footnote) into the body and "
             "import again; with --new-policy, give the text above the first heading a heading of its "
             "own. Headers and footers are quoted."),
    Code("N-IMPORT-CONTENTS", OTHER, "A table of contents left out of the import.",
         example="copy.txt:9: notice N-IMPORT-CONTENTS: a table of contents (lines 9-13) was left "
                 "out: the built policy makes its own",
         fix="Nothing to do."),
    Code("N-IMPORT-NO-HEADINGS", OTHER, "No headings found in an imported copy.",
         example="copy.txt:1: notice N-IMPORT-NO-HEADINGS: no headings were found: the copy's text "
                 "(412 words) is compared with the master as one section, and drafted only as the master "
                 "section its words pair with, if any; give its parts headings and import it again",
         fix="Put each heading on a line of its own (or give it Word's heading style) and import "
             "again, so the copy pairs section by section."),
    Code("N-IMPORT-UNDATED", REVIEW, "An imported copy states no approval date and no next review.",
         example="copy.txt: notice N-IMPORT-UNDATED: the copy states no approval date and no next review "
                 "for policy 'social-media': the draft leaves them out; record them (approved, "
                 "next_review) from the approving body's minutes",
         fix="Add `approved` and `next_review` to the draft school file from the approving body's records."),
    Code("N-HEADING-NUMBER", OTHER, "A heading's typed number left out of the import.",
         example="copy.txt:31: notice N-HEADING-NUMBER: the heading 'Introduction' starts with "
                 "its own typed number '1.0': ...",
         fix="Nothing to do; references to it (\"see 1.0\") become `ref()`."),
    Code("W-POLICY-UNKNOWN", OTHER, "The copy names a policy the pack does not know.",
         example="copy.txt:24: warning W-POLICY-UNKNOWN: the copy names 'Photography Policy', "
                 "which is neither a policy in content/ nor one of the external_policies: ...",
         fix="Add it to `external_policies` (title and url), or correct the title."),
    Code("N-IMPORT-NEW-SCHOOL", OTHER, "The import drafts a file for a school not in the pack.",
         example="copy.txt: notice N-IMPORT-NEW-SCHOOL: school 'vine-tre' is not in the pack: the "
                 "import drafts schools/vine-tre.yml for a new school; did you mean 'vine-tree', "
                 "which is? [vine-tre]",
         fix="Nothing to do for a new school; for a slip, import again with the right "
             "`--school`."),
    Code("W-IMPORT-OTHER-SCHOOL", OTHER, "A copy imported for a school in the pack names another school.",
         example="woden.txt:1: warning W-IMPORT-OTHER-SCHOOL: the copy names 'Woden Primary School', not "
                 "Chestnuts Primary School (--school chestnuts): check that it is this school's copy before "
                 "using anything drafted from it; the draft keeps the school's name [chestnuts]",
         fix="Import the school's own copy, or give the `--school` the copy is from."),
    Code("N-IMPORT-NUMBER", OTHER, "A typed section number left out of a new policy.",
         example="copy.txt:4: notice N-IMPORT-NUMBER: typed section number '5.1' before 'Why we "
                 "have this code' is left out of the new policy: the builder numbers sections "
                 "itself",
         fix="Nothing to do: `--new-policy` says which typed numbers it dropped, so references to "
             "them (\"see 5.1\") can be made `ref()`s."),
    Code("E-PREVIEW", OTHER, "The preview could not make the pages (a fault of serve).",
         example="policypack serve: error E-PREVIEW: the preview could not make the pages "
                 "(OSError: ...); the last good pages stay; save again to retry [oak]",
         fix="A fault of `serve` itself, not of the pack (shown in the page and the terminal): "
             "save again; if it stays, report it with the message."),
    Code("E-SERVE", OTHER, "The preview server cannot listen on that address and port.",
         example="127.0.0.1:8000: error E-SERVE: cannot listen there (Address already in use): "
                 "choose another --port or --host",
         fix="Another program (or another `serve`) has the port: give `--port`."),
    Code("E-PUBLISH-BUILD", OTHER, "No build of the school to publish.",
         example="site/oak: error E-PUBLISH-BUILD: no build of school 'oak' here: run policypack "
                 "build first (or publish without --no-build)",
         fix="Build first, or publish without `--no-build`."),
    Code("N-PUBLISH-DRAFT", OTHER, "A draft policy left out of a school's published pages.",
         example="schools/oak.yml:48: notice N-PUBLISH-DRAFT: policy 'staff-code' (Staff Social "
                 "Media Code of Conduct) is a draft here, so it is not published [oak]",
         fix="Record the approval (`approved:` with the meeting's date) to publish it."),
    Code("N-PUBLISH-NO-URL", OTHER,
         "A school published with no web address: relative links, no sitemap.",
         example="publish: notice N-PUBLISH-NO-URL: ...",
         fix="The school has no web address: links stay relative and there is no sitemap. Give "
             "`--base-url` or the school's `website`."),
    Code("E-SIGN", OTHER, "A PDF to sign cannot be read, or is already signed.",
         row_of="E-SIGN-CERT"),
    Code("E-SIGN-ANCHOR", OTHER,
         "A PDF has no marked box for a digital signatory's signature field.",
         row_of="E-SIGN-CERT"),
    Code("E-SIGN-FIELD", OTHER, "A signature field's name is repeated or already taken.",
         row_of="E-SIGN-CERT"),
    Code("E-SIGN-CERT", OTHER, "The signing certificate or its password cannot be used.",
         example="trust.p12: error E-SIGN-CERT: ...",
         fix="See \"Signing policy PDFs\": the certificate file and password, or a PDF that is "
             "already signed."),
    Code("E-VERIFY-READ", OTHER, "A PDF to verify cannot be read.",
         example="social-media.pdf: error E-VERIFY-READ: not a readable PDF: ...",
         fix="`policypack verify` needs a PDF and a PEM or DER certificate to trust."),
    Code("E-VERIFY-TRUST", OTHER, "The certificate to trust cannot be read.",
         row_of="E-VERIFY-READ"),
)


def _assemble(declared: tuple[Code | Variant, ...]) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for d in declared:
        if isinstance(d, Code):
            if d.code in codes:
                raise ValueError(f"{d.code} is declared twice")
            codes[d.code] = d
        elif d.code not in codes:
            raise ValueError(f"a row of {d.code}, which is not declared before it")
        else:
            codes[d.code] = replace(codes[d.code], variants=codes[d.code].variants + (d,))
    for c in codes.values():
        owner = codes.get(c.row_of) if c.row_of else c
        if owner is None or not owner.example or owner.group is not c.group:
            raise ValueError(f"{c.code}: row_of {c.row_of!r} is not a row of its table")
    return codes


CODES: MappingProxyType[str, Code] = MappingProxyType(_assemble(_DECLARED))


def severity_of(code: str) -> str:
    """The severity of a declared code; a ValueError (a programming error) for any other."""
    c = CODES.get(code)
    if c is None:
        raise ValueError(f"{code!r} is not a declared diagnostic code: declare it in "
                         f"builder/common/codes.py (and regenerate the docs' tables)")
    return c.severity


# ---------------------------------------------------------------- the diagnostics page's tables

PAGE = "docs/reference/diagnostics.md"
COMMAND = f".venv/bin/python -m builder.common.codes --docs {PAGE}"
START = f"<!-- codes:start: written from builder/common/codes.py by `{COMMAND}` -->"
END = "<!-- codes:end -->"


def markdown() -> str:
    """The diagnostics page's tables of codes, a table for each group: a row for each code (or for the
    codes that share one), and for each variant, in the order declared."""
    parts: list[str] = []
    for group in Group:
        parts += [f"## {group.value}", "", "| code | example | fix |", "| --- | --- | --- |"]
        shown: set[str] = set()
        for d in _DECLARED:
            if d.group is not group:
                continue
            if isinstance(d, Variant):
                label = f" ({d.label})" if d.label else ""
                parts.append(_row(f"`{d.code}`{label}", d.example, d.fix))
                continue
            owner = CODES[d.row_of or d.code]
            if owner.code in shown:
                continue
            shown.add(owner.code)
            named = [c.code for c in CODES.values() if (c.row_of or c.code) == owner.code]
            parts.append(_row(", ".join(f"`{c}`" for c in named), owner.example, owner.fix))
        parts.append("")
    return "\n".join(parts)


def _row(codes: str, example: str, fix: str) -> str:
    # a message holding a backtick goes in double ones, with a space where it starts or ends
    # with one
    fence = "``" if "`" in example else "`"
    span = (fence + (" " if example.startswith("`") else "") + example
            + (" " if example.endswith("`") else "") + fence)
    return f"| {codes} | {span} | {fix} |"


def section_of(page: str) -> str | None:
    """The text between a page's codes markers, or None when it has none."""
    return markers.section_of(page, "codes")


def with_section(page: str, tables: str) -> str:
    """``page`` with the text between its codes markers replaced by ``tables``."""
    return markers.with_section(page, "codes", START, tables, "the codes")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m builder.common.codes",
                                 description="The diagnostic codes, written out.")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--markdown", action="store_true", help="print the diagnostics page's tables")
    group.add_argument("--docs", metavar="FILE", type=Path,
                       help=f"replace the tables between the codes markers of this page (the docs' is {PAGE})")
    group.add_argument("--list", action="store_true",
                       help="print each code, its severity and its summary")
    args = ap.parse_args(argv)
    if args.markdown:
        sys.stdout.write(markdown())
    elif args.list:
        for c in CODES.values():
            sys.stdout.write(f"{c.code:<22} {c.severity:<8} {c.summary}\n")
    else:
        text = args.docs.read_text(encoding="utf-8")
        args.docs.write_text(with_section(text, markdown()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
