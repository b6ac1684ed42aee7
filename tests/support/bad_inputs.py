"""Shared by the bad-input, publishing, security and check-agreement tests: the small pack in
tests/data/small-pack, a byte snapshot of an output folder, edits that break one thing, and the
table of broken packs (``CASES``) built from them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SMALL_PACK = Path(__file__).resolve().parents[1] / "data" / "small-pack"
TODAY = "2026-11-21"


def copy_small_pack(dest: Path) -> Path:
    shutil.copytree(SMALL_PACK, dest, symlinks=True)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Staging or half-swapped folders left beside the output."""
    folder = Path(folder)
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name in (f".{folder.name}.staging", f".{folder.name}.old"))


def sub(pack: Path, rel: str, old: str, new: str) -> None:
    path = pack / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(pack: Path, rel: str, text: str) -> None:
    path = pack / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def outside_file(tmp: Path, name="secret.md", text="The staff room code is 1234.\n") -> Path:
    target = tmp / "elsewhere" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def theme_broken(p: Path, tmp: Path) -> None:
    from builder.source.load import DEFAULT_THEME
    shutil.copytree(DEFAULT_THEME, p / "themes" / "policypack")
    sub(p, "themes/policypack/main.html", "{% if page and page.title and not page.is_homepage %}",
        "{% if page and page.title and not page.is_homepage ) %}")


def rename(p: Path, old: str, new: str) -> None:
    os.rename(p / old, p / new)


# id -> (break the pack, fragments every one of which the error output must contain)
CASES = {
    # -- YAML itself
    "yaml-malformed": (
        lambda p, t: sub(p, "schools/oak.yml", "phone: 01632 960300", "phone: [01632 960300"),
        ["schools/oak.yml:4: error E-YAML: malformed YAML", "[oak]"]),
    "yaml-bad-indent": (
        lambda p, t: sub(p, "trust.yml", "  short_name: LST", "    short_name: LST"),
        ["trust.yml:5: error E-YAML: malformed YAML"]),
    "yaml-not-utf8": (
        lambda p, t: (p / "schools/oak.yml").write_bytes(b"name: Caf\xe9 School\n"),
        ["schools/oak.yml: error E-YAML: not UTF-8 text", "[oak]"]),
    "yaml-duplicate-key": (
        lambda p, t: sub(p, "schools/oak.yml", "  dsl:", "  headteacher: {name: A N Other}\n  dsl:"),
        ["schools/oak.yml:8: error E-YAML-DUPKEY: key 'headteacher' appears twice", "[oak]"]),
    # -- types
    "type-list-for-related": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "forms: [code-agreement]",
                         "forms: code-agreement"),
        ["content/online-code/policy.yml:5: error E-TYPE: forms must be a list, not text"]),
    "type-number-setting": (
        lambda p, t: sub(p, "trust.yml", "review_window_days: 60", "review_window_days: sixty"),
        ["trust.yml:14: error E-TYPE: 'review_window_days' in settings must be a number, not text"]),
    "type-roles-list": (
        lambda p, t: sub(p, "schools/oak.yml", "  dsl: {name: Sam Reid, title: Designated Safeguarding "
                         "Lead, email: dsl@oak.example}\n", "").__class__ and
        sub(p, "schools/oak.yml", "  headteacher: {", "  - headteacher: {"),
        ["schools/oak.yml:6: error E-TYPE: 'roles' in the school file must be a mapping, not a list",
         "[oak]"]),
    "type-whole-file-list": (
        lambda p, t: write(p, "schools/oak.yml", "- name: Oak Primary\n"),
        ["schools/oak.yml:1: error E-TYPE: a school file must be a mapping", "[oak]"]),
    # -- unknown keys, with the nearest one suggested
    "key-typo-review-date": (
        lambda p, t: sub(p, "schools/oak.yml", "      review_cycle: 2 years", "      reveiw_date: 2028-07"),
        ["schools/oak.yml:15: error E-KEY: unknown key 'reveiw_date' in approval; did you mean "
         "'next_review'?", "[oak]"]),
    "key-typo-approved": (
        lambda p, t: sub(p, "schools/oak.yml", "approved: 2026-07-01", "aproved: 2026-07-01"),
        ["schools/oak.yml:13: error E-KEY: unknown key 'aproved' in approval; did you mean 'approved'?"]),
    "key-typo-colour": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "colur:"),
        ["schools/oak.yml:5: error E-KEY: unknown key 'colur' in the school file; did you mean 'colour'?",
         "[oak]"]),
    "key-typo-policy": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "review_cycle: 2 years", "review_cylce: 2 years"),
        ["content/online-code/policy.yml:4: error E-KEY: unknown key 'review_cylce' in policy "
         "'online-code'; did you mean 'review_cycle'?"]),
    # -- dates
    "date-impossible-day": (
        lambda p, t: sub(p, "schools/oak.yml", "approved: 2026-07-01", "approved: 2024-02-30"),
        ["schools/oak.yml:13: error E-DATE: approved date '2024-02-30' is not a real date", "[oak]"]),
    "date-impossible-month": (
        lambda p, t: sub(p, "schools/oak.yml", "      review_cycle: 2 years", "      next_review: 2024-13"),
        ["schools/oak.yml:15: error E-DATE: next review date '2024-13' is not a real date", "[oak]"]),
    "date-wrong-format": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "date: 2026-09-01", "date: 01/09/2026"),
        ["content/online-code/policy.yml:8: error E-DATE: version date '01/09/2026' is not a date: "
         "write YYYY-MM-DD or YYYY-MM"]),
    # -- ids
    "dup-section-id": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "{id: rules, title: The rules}",
                         "{id: rules, title: The rules}\n  - {id: intent, title: Again}"),
        ["content/online-code/policy.yml:13: error E-DUP-ID: section id 'intent' is used twice in "
         "policy 'online-code' (first on line 11)"]),
    "id-school-file-spaces": (
        lambda p, t: rename(p, "schools/oak.yml", "schools/oak primary.yml"),
        ["schools/oak primary.yml:1: error E-ID: school file name 'oak primary' is not a safe id"]),
    "id-school-file-capitals": (
        lambda p, t: rename(p, "schools/oak.yml", "schools/Oak.yml"),
        ["schools/Oak.yml:1: error E-ID: school file name 'Oak' is not a safe id"]),
    "id-policy-folder": (
        lambda p, t: rename(p, "content/online-code", "content/Online Code"),
        ["content/Online Code/policy.yml:1: error E-ID: policy folder name 'Online Code' is not a safe id"]),
    "id-section-dotdot": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "{id: rules,", "{id: ../../trust,"),
        ["content/online-code/policy.yml:12: error E-ID: section id '../../trust' is not a safe id"]),
    "id-added-section-dotdot": (
        lambda p, t: sub(p, "schools/oak.yml", '      review_cycle: 2 years',
                         '      review_cycle: 2 years\n    add_sections:\n      - {id: ../x, title: X}'),
        ["schools/oak.yml:17: error E-ID: section id '../x' is not a safe id", "[oak]"]),
    "id-form-file": (
        lambda p, t: rename(p, "forms/code-agreement.yml", "forms/Code Agreement.yml"),
        ["forms/Code Agreement.yml:1: error E-ID: form file name 'Code Agreement' is not a safe id"]),
    "id-role": (
        lambda p, t: sub(p, "schools/oak.yml", "  dsl: {", "  Head Of Safety: {"),
        ["schools/oak.yml:8: error E-ID: role id 'Head Of Safety' is not a safe id", "[oak]"]),
    # -- files
    "missing-section-file": (
        lambda p, t: (p / "content/online-code/rules.md").unlink(),
        ["content/online-code/policy.yml:12: error E-MISSING-FILE: section file "
         "'content/online-code/rules.md' does not exist"]),
    "missing-trust-file": (
        lambda p, t: (p / "trust.yml").unlink(),
        ["trust.yml: error E-MISSING-FILE: no trust.yml"]),
    "section-symlink-outside": (
        lambda p, t: ((p / "content/online-code/rules.md").unlink(),
                      os.symlink(outside_file(t), p / "content/online-code/rules.md")),
        ["content/online-code/policy.yml:12: error E-PATH: section file 'content/online-code/rules.md' "
         "lies outside the pack"]),
    "school-file-symlink-outside": (
        lambda p, t: ((p / "schools/oak.yml").rename(t / "oak.yml"),
                      os.symlink(t / "oak.yml", p / "schools/oak.yml")),
        ["schools/oak.yml:1: error E-PATH: school file 'schools/oak.yml' lies outside the pack", "[oak]"]),
    "logo-outside": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "logo: ../../../etc/passwd\ncolour:"),
        ["schools/oak.yml:5: error E-PATH: logo '../../../etc/passwd' lies outside the pack", "[oak]"]),
    "logo-remote": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "logo: https://cdn.example/oak.png\ncolour:"),
        ["schools/oak.yml:5: error E-PATH: logo 'https://cdn.example/oak.png' is an address: outputs "
         "never fetch URLs", "[oak]"]),
    # -- the text
    "undefined-variable": (
        lambda p, t: sub(p, "content/online-code/rules.md", "{{ roles.dsl.name }}", "{{ roles.dsl.nmae }}"),
        ["content/online-code/rules.md:2: error E-UNDEFINED: undefined variable 'roles.dsl.nmae' [oak]"]),
    "undefined-in-form": (
        lambda p, t: sub(p, "forms/code-agreement.yml", "{{ school.email }}", "{{ school.office_email }}"),
        ["forms/code-agreement.yml", "E-UNDEFINED: undefined variable 'school.office_email'", "[oak]"]),
    "template-syntax": (
        lambda p, t: sub(p, "content/online-code/intent.md", "{{ school.name }}", "{{ school.name }"),
        ["content/online-code/intent.md:1: error E-TEMPLATE: template syntax"]),
    "template-sandbox": (
        lambda p, t: sub(p, "content/online-code/intent.md", "{{ school.name }}",
                         "{{ school.__class__.__mro__ }}"),
        ["content/online-code/intent.md:1: error E-TEMPLATE", "[oak]"]),
    "include-cycle": (
        lambda p, t: (sub(p, "content/online-code/rules.md", "- Be kind online.",
                          '{% include "kindness.md" %}'),
                      write(p, "content/_snippets/kindness.md", 'Be kind.\n{% include "respect.md" %}\n'),
                      write(p, "content/_snippets/respect.md", 'Respect others.\n\n{% include "kindness.md" %}\n')),
        ["content/_snippets/respect.md:3: error E-INCLUDE: snippets include each other in a cycle: "
         "kindness.md -> respect.md -> kindness.md [oak]"]),
    "include-missing": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.", '{% include "kind.md" %}'),
        ["content/online-code/rules.md:1: error E-INCLUDE: include 'kind.md': there is no "
         "content/_snippets/kind.md [oak]"]),
    "include-outside": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         '{% include "../../trust.yml" %}'),
        ["content/online-code/rules.md:1: error E-INCLUDE: include '../../trust.yml': give the file name "
         "of a snippet"]),
    "include-symlink-outside": (
        lambda p, t: ((p / "content/_snippets").mkdir(),
                      os.symlink(outside_file(t), p / "content/_snippets/secret.md"),
                      sub(p, "content/online-code/rules.md", "- Be kind online.", '{% include "secret.md" %}')),
        ["content/online-code/rules.md:1: error E-PATH: snippet 'content/_snippets/secret.md' lies "
         "outside the pack [oak]"]),
    "html-script": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         "- Be kind online.<script>alert(1)</script>"),
        ["content/online-code/rules.md:1: error E-HTML: HTML tag <script> is not allowed", "[oak]"]),
    "html-event-handler": (
        lambda p, t: sub(p, "content/online-code/intent.md", "behaves online.",
                         'behaves <span onmouseover="steal()">online</span>.'),
        ["content/online-code/intent.md:1: error E-HTML: HTML attribute 'onmouseover' on <span> is not "
         "allowed", "[oak]"]),
    "html-iframe": (
        lambda p, t: write(p, "content/online-code/rules.md", '<iframe src="https://example.com"></iframe>\n'),
        ["content/online-code/rules.md:1: error E-HTML: HTML tag <iframe> is not allowed"]),
    "html-style-attribute": (
        lambda p, t: sub(p, "content/online-code/intent.md", "behaves online.",
                         'behaves <span style="background:url(https://x.example/t.gif)">online</span>.'),
        ["content/online-code/intent.md:1: error E-HTML: HTML attribute 'style' on <span> is not allowed"]),
    "image-remote": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         "- Be kind online. ![logo](https://tracker.example/pixel.png)"),
        ["content/online-code/rules.md:1: error E-HTML: image 'https://tracker.example/pixel.png' is a "
         "remote address", "[oak]"]),
    "image-html-remote": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         '- Be kind online. <img src="https://tracker.example/pixel.png">'),
        ["content/online-code/rules.md:1: error E-HTML: HTML tag <img> is not allowed"]),
    "image-local-outside": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         "- Be kind online. ![x](../../../../etc/passwd)"),
        ["content/online-code/rules.md:1: error E-HTML: image '../../../../etc/passwd' is not allowed"]),
    # -- the theme
    "theme-template-error": (
        theme_broken,
        ["themes/policypack/main.html:8: error E-THEME: theme template error"]),
    # -- several at once
    "several-errors": (
        lambda p, t: (sub(p, "schools/oak.yml", "colour:", "colur:"),
                      sub(p, "content/online-code/policy.yml", "date: 2026-09-01", "date: 2026-02-30"),
                      (p / "content/online-code/intent.md").unlink()),
        ["schools/oak.yml:5: error E-KEY: unknown key 'colur'",
         "content/online-code/policy.yml:8: error E-DATE: version date '2026-02-30' is not a real date",
         "content/online-code/policy.yml:11: error E-MISSING-FILE: section file "
         "'content/online-code/intent.md' does not exist",
         "3 error(s)"]),
}
