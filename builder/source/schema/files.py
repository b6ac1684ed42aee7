"""The declared keys of each pack file: ``trust.yml``, ``schools/<id>.yml``,
``content/<id>/policy.yml`` and ``forms/<id>.yml``.

Every key the loader reads is declared here once, with its type, whether it is required, its
default and its help text: the loader validates with it, unknown keys are matched against it,
and the key reference in the docs and the JSON Schema are written from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.common.diagnostics import Collector
from builder.source.values import Where, need_mapping
from builder.source.schema.mapping import Key, Mapping
from builder.source.schema.types import (Anything, Colour, Cycle, Date, Either, Flag, Id, ListOf, MapOf,
                                         Number, Text, Url)

# Template phrases a published value or text must not contain (settings: placeholder_phrases).
# (a date's mask, "DD/MM/YYYY", is not here: found by its shape, which leaves it alone where it says how
# to write a date)
DEFAULT_PLACEHOLDERS = [
    "name of school", "school name", "email address or phone number", "[insert", "insert name",
    "xxx", "tbc", "tba", "lorem ipsum", "name of parent",
]
FIELD_TYPES = ("text", "longtext", "date", "yesno", "tick", "signature", "choice")
AUDIENCES = ("parents", "staff")
SCHOOL_TYPES = ("maintained", "academy")
PHASES = ("nursery", "primary", "secondary", "all-through", "special", "sixth-form")
REGISTER_ROLES = ("pupil", "year_group", "parent")

# ---------------------------------------------------------------- people and values

ROLE = Mapping([
    Key("name", Text(), "The person who holds the role, as the text names them."),
    Key("title", Text(), "The role's title: \"Designated Safeguarding Lead\"."),
    Key("email", Text(), "How to reach them by email."),
    Key("phone", Text(), "How to reach them by phone."),
], what="role '{id}'", spell_out=True, words="role")

EXTERNAL = Mapping([
    Key("title", Text(), "The policy's title, as links to it show it.", required=True),
    Key("url", Url(), "Where it is published (https://...).", required=True),
    Key("meets", ListOf(Text()), "The requirements it meets (ids of the requirements register), "
                                 "when its id and title do not say so.", default=[]),
], what="external policy '{id}'", words="external policy")

REQUIREMENT_SOURCE = Mapping([
    Key("title", Text(), "The guidance or law.", required=True),
    Key("section", Text(), "Its paragraph or section."),
    Key("date", Text(), "The version read."),
    Key("url", Url(), "Where it is published."),
], what="a requirement's source", words="source")

REQUIREMENT = Mapping([
    Key("id", Id(), "The requirement's id (a trust's entry with a default's id replaces it).",
        required=True),
    Key("title", Text(), "What schools usually call the policy.", required=True),
    Key("aliases", ListOf(Text()), "Other titles it goes by.", default=[]),
    Key("types", ListOf(Text(SCHOOL_TYPES)), "The kinds of school it applies to.",
        default=list(SCHOOL_TYPES)),
    Key("phases", ListOf(Text(PHASES)), "The phases it applies to (default: every phase)."),
    Key("publish_online", Flag(), "It must be on the school's website.", default=False),
    Key("review", Cycle(), "The longest review cycle the guidance allows, where it sets one."),
    Key("required", Flag(), "False takes a default entry out of the trust's register.",
        default=True),
    Key("basis", Text(), "Why it is required: law, or statutory guidance."),
    Key("source", REQUIREMENT_SOURCE, "Where the requirement comes from."),
    Key("evidence", Mapping([Key("quote", Text(), "The words.", required=True),
                             Key("url", Url(), "Where they are.")], what="evidence",
                            words="evidence"), "A line of the source that says it."),
], what="a requirement", named=("id", "requirement '{}'"), words="requirement")

SIGNATORY = Mapping([
    Key("name", Text(), "The signatory's name, typed on the PDF.", required=True),
    Key("role", Text(), "Their role id, when they hold one in `roles`."),
    Key("title", Text(), "Their title: \"Chair of Governors\".", required=True),
    Key("signed", Date(), "The date they signed (YYYY-MM-DD or YYYY-MM)."),
    Key("digital", Flag(), "The PDF has an empty signature field over their box, for them to sign "
                           "with a digital ID (see \"Signing policy PDFs\").", default=False),
], what="a signatory", words="signatory")

STATUSES = ("draft", "approved", "retired")

PREVIOUS_APPROVAL = Mapping([
    Key("version", Text(), "The version approved then.", required=True),
    Key("approved", Date(), "The date of that approval.", required=True),
    Key("body", Text(), "The body that approved it."),
    Key("meeting", Text(), "The meeting."),
    Key("minute", Text(), "The minute reference."),
], what="a previous approval", words="previous approval")

APPROVAL = Mapping([
    Key("body", Text(), "The body that approved it: \"Local governing body\", \"Trust board\"."),
    Key("approved", Date(), "The date of approval, from the minutes (YYYY-MM-DD, or YYYY-MM: a "
                            "month means its last day for reviews; \"15 June 2022\" or \"15/06/2022\", day "
                            "first, is read too)."),
    Key("version", Text(), "The policy version approved: \"2.0\" (quote it)."),
    Key("review_cycle", Cycle(), "Overrides the policy's `review_cycle` for this school."),
    Key("next_review", Date(), "The next review date, when it is not the approval date plus the "
                               "review cycle."),
    Key("signatories", ListOf(SIGNATORY), "Who signed, in order, for the PDF's approval record.",
        default=[]),
    Key("status", Text(STATUSES), "Where the policy is in its life: `draft` (built with \"Draft: "
                                  "not approved\" on every page, never published), `approved`, or "
                                  "`retired` (leaves the site, with a line in the version history). "
                                  "Default: approved when `approved` gives a date, else draft."),
    Key("meeting", Text(), "The meeting that approved it: \"Full governing body, 12 March 2025\"."),
    Key("minute", Text(), "The minute reference of the decision: \"FGB 2025/14\"."),
    Key("retired", Date(), "When a retired policy was withdrawn (shown in the version history)."),
    Key("previous", ListOf(PREVIOUS_APPROVAL), "Earlier approvals of this policy, newest first: "
                                               "when a new version is approved, move the old "
                                               "record here so the version history keeps it.",
        default=[]),
], what="approval", words="approval record")


def _section_keys(school: bool) -> list[Key]:
    where = "schools/<school-id>/<policy-id>/<id>.md" if school else "content/<policy-id>/<id>.md"
    keys = [
        Key("id", Id(), f"The section's id; its text is `{where}`.", required=True, label="section id"),
        Key("title", Text(), "The section's heading (the builder numbers it).", required=True),
        Key("editable", Flag(), "A school may replace or omit it (sections are trust-locked "
                                "otherwise)." if not school else
                                "Marks the school's own section as editable.", default=False),
    ]
    if school:
        keys.append(Key("after", Text(), "An added section goes after this section id (at the end "
                                         "when not given)."))
    return keys


SECTION = Mapping(_section_keys(False), what="a section", named=("id", "section '{}'"), words="section")
SCHOOL_SECTION = Mapping(_section_keys(True), what="a section", named=("id", "section '{}'"),
                         words="section")

SCHOOL_FORMS = Mapping([
    Key("add", ListOf(Text()), "Form ids this school adds to the policy's appendix forms.",
        default=[], label="forms add"),
    Key("omit", ListOf(Text()), "Form ids of the policy's that this school leaves out.",
        default=[], label="forms omit"),
], what="forms")

SCHOOL_POLICY = Mapping([
    Key("approval", APPROVAL, "This school's approval record of the policy (replaced whole, never "
                              "merged with the trust's)."),
    Key("add_sections", ListOf(SCHOOL_SECTION), "Sections of the school's own, placed by `after`.",
        default=[]),
    Key("replace_sections", ListOf(SCHOOL_SECTION), "The school's text for sections the policy "
                                                    "marks editable.", default=[]),
    Key("omit_sections", ListOf(Text()), "Ids of editable sections this school leaves out.",
        default=[]),
    Key("forms", SCHOOL_FORMS, "Appendix forms added or left out.", default={}),
], what="the settings for policy '{id}'", words="policy settings")


def _identity(whose: str) -> list[Key]:
    """The values a school file gives, and the trust's defaults give every school."""
    return [
        Key("short_name", Text(), f"A shorter name, where space is tight: `{{{{ {whose}.short_name }}}}`."),
        Key("address", Either(Text()), "The postal address: one line, or a list of lines."),
        Key("phone", Text(), "The office phone number."),
        Key("email", Text(), "The office email address."),
        Key("website", Url(), "The website's address (https://...); publish uses it for the sitemap."),
        Key("colour", Colour(), "The accent colour of the site and PDFs, written \"#rrggbb\" "
                                "(quoted); one too light for white text is darkened "
                                "(W-COLOUR-CONTRAST)."),
        Key("logo", Text(), "The logo: an SVG or PNG file inside the pack (never an address), shown in "
                            "the site's header and on every policy and form PDF (E-LOGO)."),
        Key("motto", Text(), f"The motto, for the text: `{{{{ {whose}.motto }}}}`."),
        Key("roles", MapOf(ROLE, name="role-id", ids="role id"), "Who holds each role the text names "
            "(`{{ roles.dsl.name }}`, `{{ contact(\"dpo\") }}`); each role is replaced whole."),
        Key("lists", MapOf(ListOf(Anything()), name="list"), "Lists the text repeats over "
            "(`{% for s in lists.blocked_sites %}`) and forms repeat items for (`for_each`)."),
        Key("options", MapOf(Flag(), name="option"), "Switches for text only some schools have "
            "(`{% if options.pupil_email %}`)."),
        Key("extra", MapOf(Anything(), name="value"), "Any other values the text uses "
            "(`{{ extra.parent_portal }}`)."),
        Key("type", Text(SCHOOL_TYPES), "The kind of school, for the requirements register: "
                                        "`maintained` or `academy` (free schools are academies)."),
        Key("phase", Text(PHASES), "The school's phase, for the requirements register."),
    ]


SCHOOL_POLICIES = MapOf(SCHOOL_POLICY, name="policy-id", nullable=True)
SCHOOL_EXTERNAL = MapOf(EXTERNAL, name="policy-id", ids="external policy id", merged=True)

SCHOOL = Mapping([
    Key("name", Text(), "The school's full name: `{{ school.name }}`.", required=True),
    *_identity("school"),
    Key("policies", SCHOOL_POLICIES, "For each policy (its folder name in `content/`): this "
                                     "school's approval record and its own sections and forms."),
    Key("external_policies", SCHOOL_EXTERNAL, "Policies the text links to that are not in this "
        "pack (`{{ ref(\"policy:anti-bullying\") }}`, `related`); merged with the trust's."),
], what="the school file")

DEFAULTS = SCHOOL.without("name", what="the trust's defaults", brief=True)

LIMITS = Mapping([
    Key("file_size_kb", Number(), "The largest pack file (YAML or Markdown) read, in KB (E-LIMIT).",
        default=1024),
    Key("yaml_nodes", Number(), "The most values one YAML file may hold, every alias (`*name`) "
                                "counted in full (E-LIMIT).", default=100_000),
    Key("template_output_kb", Number(), "The longest text one section or form text may render "
                                        "to, in KB (E-LIMIT).", default=1024),
    Key("render_seconds", Number(), "The time one output (a PDF, a school's site) may take to "
                                    "render, in seconds (E-LIMIT).", default=300),
    Key("render_memory_mb", Number(), "The memory rendering one output may add, in MB (E-LIMIT).",
        default=2048),
    Key("logo_kb", Number(), "The largest logo file (SVG or PNG) a school or the trust may give, in KB (E-LIMIT).",
        default=512),
    Key("check_seconds", Number(), "The time all the checks of the pack may take together, in seconds "
                                   "(E-LIMIT).", default=120),
    Key("import_seconds", Number(), "The time importing one copy may take, in seconds (E-LIMIT).",
        default=120),
    Key("import_paragraphs", Number(), "The most paragraphs and table rows one imported copy may have "
                                       "(E-LIMIT).", default=20_000),
    Key("list_items", Number(), "The most entries any one list in a pack file may have (E-LIMIT).",
        default=200),
], what="limits", words="limits")

SETTINGS = Mapping([
    Key("review_window_days", Number(), "How many days before its review date a policy is \"due "
                                        "soon\" (N-REVIEW-DUE).", default=60),
    Key("default_review_cycle", Cycle(), "The review cycle of a policy that states none.",
        default="annually"),
    Key("placeholder_phrases", ListOf(Text()), "Template phrases that must not be left in any value "
        "or text (E-PLACEHOLDER), besides the shapes of a gap (XXXX, ____, [School name]...); a "
        "trust's list adds to the defaults; case is ignored.", default=DEFAULT_PLACEHOLDERS),
    Key("review_reminders", ListOf(Number()), "How many days before each review date the review "
        "calendars (reviews.ics) remind, once per number.", default=[60, 30, 7]),
    Key("site_url", Url(), "Where the trust publishes the schools' sites: a school's address is "
                            "this plus `<school-id>/` (publish, sitemaps)."),
    Key("limits", LIMITS, "Bounds on the work one build may do (see \"Limits\" in the docs); "
                          "raise one only when a real pack needs more.", default={}),
], what="settings")

TRUST_VALUES = Mapping([
    Key("name", Text(), "The trust's name: `{{ trust.name }}`.", required=True),
    *_identity("trust"),
], what="the trust's values")

TRUST = Mapping([
    Key("trust", TRUST_VALUES, "The trust's own name and details.", required=True),
    Key("defaults", DEFAULTS, "Values every school inherits unless its own file gives them: any "
                              "key of a school file except `name`.", default={}),
    Key("settings", SETTINGS, "How the checks and publishing work for the whole trust.", default={}),
    Key("requirements", ListOf(REQUIREMENT), "The trust's own entries of the requirements "
        "register: added to the default list, replacing a default of the same id "
        "(`required: false` takes one out).", default=[]),
], what="trust.yml")

# ---------------------------------------------------------------- policies

VERSION = Mapping([
    Key("version", Text(), "The version number: \"3.0\" (quote it).", required=True),
    Key("date", Date(), "The date of this version.", required=True, label="version date"),
    Key("summary", Text(), "What changed and why, in plain English (the changelog shows it).",
        required=True),
    Key("material", Flag(), "Whether this version changes what the policy asks (staff sign "
                            "again: `forms collect --expect`); when not given, the text decides "
                            "(a change of wording alone is not material)."),
], what="a version", words="version")

POLICY = Mapping([
    Key("id", Text(), "The policy's id, when given: it must be its folder's name."),
    Key("title", Text(), "The policy's title.", required=True),
    Key("owner", Text(), "The role id of the person who owns the policy.", default="headteacher"),
    Key("approving_body", Text(), "Who approves it, unless a school's approval says otherwise.",
        default="Local governing body"),
    Key("review_cycle", Cycle(), "How often it is reviewed: \"annually\", \"2 years\", "
                                 "\"6 months\" (else `settings: default_review_cycle`)."),
    Key("related", ListOf(Text()), "Related policies: ids in the pack, or a school's "
                                   "`external_policies`.", default=[]),
    Key("meets", ListOf(Text()), "The requirements it meets (ids of the requirements register), "
                                 "when its title does not say so.", default=[]),
    Key("forms", ListOf(Text()), "Its appendix forms: ids of `forms/<form-id>.yml`.", default=[]),
    Key("sections", ListOf(SECTION), "The sections in order; the builder numbers them 1, 2, 3...",
        required=True, missing="lists no sections"),
    Key("versions", ListOf(VERSION), "Its versions, newest first; the changelog is made from them.",
        default=[]),
    Key("summary", Text(), "One paragraph on what the policy is for (the school's home page).",
        default=""),
], what="policy '{id}'")

# ---------------------------------------------------------------- forms

FORM_FIELD = Mapping([
    Key("name", Text(), "The field's name: lower-case words joined by underscores; it names the "
                        "PDF fields and the register column.", required=True),
    Key("type", Text(FIELD_TYPES), "What is filled in (see the field names table).", required=True),
    Key("label", Text(), "What the field asks (required, except for a signature)."),
    Key("hint", Text(), "A line of help under the label.", default=""),
    Key("required", Flag(), "The field must be filled in.", default=False),
    Key("register", Text(REGISTER_ROLES), "The register column this text field fills (collect "
                                          "and prefill read it)."),
    Key("for_each", Text(), "Repeat this yesno or tick item for every entry of the school's "
                            "`lists.<name>`."),
    Key("key", Text(), "With `for_each`: the entry's value that goes into each field name."),
    Key("options", ListOf(Text()), "A choice's options."),
    Key("options_from", Text(), "A choice takes its options from the school's `lists.<name>`."),
    Key("option", Text(), "With `options_from`: the entry's value shown for each option."),
    Key("multiple", Flag(), "A choice may have several options ticked.", default=True),
    Key("lines", Number(), "The height of a longtext field, in lines (1 to 20).", default=4),
    Key("main", Flag(), "The signature the register reports (else the first).", default=False),
], what="a form field", named=("name", "field '{}'"), words="field")

FORM_SECTION = Mapping([
    Key("id", Id(), "The section's id.", required=True, label="section id"),
    Key("title", Text(), "The section's heading.", default=""),
    Key("text", Text(), "Markdown shown before the fields.", default=""),
    Key("fields", ListOf(FORM_FIELD), "The fields, in order.", default=[]),
], what="a form section", words="form section")

FORM = Mapping([
    Key("title", Text(), "The form's title.", required=True),
    Key("audience", Text(AUDIENCES), "Who fills it in.", default="parents"),
    Key("version", Text(), "The form's version: \"1.0\" (quote it); printed, and in `pp_form`.",
        default="1"),
    Key("date", Date(), "The date of this version: printed, and the PDF's fixed dates.",
        label="form date"),
    Key("return", Text(), "What to do with the filled form (Markdown and variables).",
        required=True, missing="needs 'return': who the filled form goes to, and how"),
    Key("acknowledges", Text(), "The policy (its id) this form acknowledges: each filled form "
                                "records that policy's version and what it says, so "
                                "`forms collect --expect` asks staff to sign again only when the "
                                "policy's meaning has changed."),
    Key("valid_for", Text(), "How long an answer on it lasts, for the consent register: "
                             "\"academic year\" (to the 31 August after it was signed), a number "
                             "of years (\"2 years\"), or \"while at school\" (the default)."),
    Key("introduction", Text(), "Markdown before the first section.", default=""),
    Key("notes", Text(), "Markdown after the form.", default=""),
    Key("sections", ListOf(FORM_SECTION), "The form's sections, in order.", required=True,
        missing="lists no sections"),
], what="form '{id}'")


@dataclass(frozen=True)
class FileKind:
    """One kind of pack file: its place in the pack, how a message names a whole file, its keys."""

    name: str
    path: str
    called: str
    root: Mapping
    help: str

    def check(self, raw, w: Where, out: Collector, id=None, school=None):
        """A parsed file, clean (see ``Mapping.check``); a file that is not a mapping is an error
        that stops it."""
        raw = need_mapping(raw, w, self.called)
        return self.root.check(raw, self.root.what.format(id=id), out, school)


FILES = {
    "trust": FileKind("trust", "trust.yml", "trust.yml", TRUST,
                      "The trust's identity, the values every school inherits, and settings."),
    "school": FileKind("school", "schools/<school-id>.yml", "a school file", SCHOOL,
                       "One school's values, approval records and overrides."),
    "policy": FileKind("policy", "content/<policy-id>/policy.yml", "policy.yml", POLICY,
                       "One policy's metadata; its sections' text is beside it."),
    "form": FileKind("form", "forms/<form-id>.yml", "a form file", FORM,
                     "One appendix form (see \"Writing forms\" in the docs for the fields)."),
}
