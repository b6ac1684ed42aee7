"""Shared by the broken-pack, publishing, security and command tests: the small pack in
tests/data/small-pack, a byte snapshot of an output folder, edits that break one thing, and the
one table of broken packs built from them (``TABLE``: each case breaks the pack one way and
says what the report must say)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SMALL_PACK = Path(__file__).resolve().parents[1] / "data" / "small-pack"
TODAY = "2026-11-21"


def copy_small_pack(dest: Path) -> Path:
    shutil.copytree(SMALL_PACK, dest, symlinks=True)
    return dest


def built_small_pack(base: Path) -> tuple[Path, Path]:
    """A copy of the small pack under ``base`` and its build (one process), as the last good
    output a test's bad build must leave in place: (pack, output folder)."""
    from builder.cli.main import main
    pack = copy_small_pack(base / "pack")
    out = base / "site"
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1",
                 "-q"]) == 0
    return pack, out


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
    "form-date-not-a-day": (
        lambda p, t: sub(p, "forms/code-agreement.yml", "date: 2026-09-01", "date: 31 September 2026"),
        ["forms/code-agreement.yml:4: error E-DATE: form date '31 September 2026' is not a real date",
         "for example `date: 2025-09-01`"]),
    "yaml-value-starting-with-at": (
        lambda p, t: sub(p, "schools/oak.yml", "email: office@oak-school.org.uk", "email: @oak_office"),
        ["schools/oak.yml:4: error E-YAML: malformed YAML", "a value that starts with '@' must be in quotes "
         "(\"@oak_office\")", "[oak]"]),
    "yaml-bad-indent": (
        lambda p, t: sub(p, "trust.yml", "  short_name: LST", "    short_name: LST"),
        ["trust.yml:5: error E-YAML: malformed YAML"]),
    "yaml-not-utf8": (
        lambda p, t: (p / "schools/oak.yml").write_bytes(b"name: Caf\xe9 School\n"),
        ["schools/oak.yml:1: error E-ENCODING: not UTF-8 text (byte 0xe9 in column 10)", "[oak]"]),
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
        ["trust.yml:14: error E-TYPE: 'review_window_days' in settings must be a whole number, not text"]),
    "review-reminder-out-of-range": (
        lambda p, t: sub(p, "trust.yml", "review_window_days: 60",
                         "review_window_days: 60\n  review_reminders: [30, 0]"),
        ["trust.yml:15: error E-TYPE: review_reminders: 0 must be a number of days from 1 to 730 "
         "before a review"]),
    "type-roles-list": (
        lambda p, t: sub(p, "schools/oak.yml", "  dsl: {name: Sam Reid, title: Designated Safeguarding "
                         "Lead, email: dsl@oak-school.org.uk}\n", "").__class__ and
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
        lambda p, t: sub(p, "content/online-code/policy.yml", "date: 2026-09-01", "date: 01/09/20266"),
        ["content/online-code/policy.yml:8: error E-DATE: version date '01/09/20266' is not a date: "
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
    "section-symlink-hidden": (
        lambda p, t: ((p / ".git").mkdir(), (p / ".git/config").write_text("token = SECRET-TOKEN\n"),
                      (p / "content/online-code/rules.md").unlink(),
                      os.symlink("../../.git/config", p / "content/online-code/rules.md")),
        ["content/online-code/policy.yml:12: error E-PATH: section file 'content/online-code/rules.md' "
         "leads into a hidden file or folder"]),
    "section-symlink-loop": (
        lambda p, t: ((p / "content/online-code/rules.md").unlink(),
                      os.symlink("rules.md", p / "content/online-code/rules.md")),
        ["content/online-code/policy.yml:12: error E-PATH: section file 'content/online-code/rules.md' "
         "is a symbolic link that leads round in a loop"]),
    "school-file-symlink-loop": (
        lambda p, t: ((p / "schools/oak.yml").unlink(), os.symlink("oak.yml", p / "schools/oak.yml")),
        ["schools/oak.yml:1: error E-PATH: school file 'schools/oak.yml' is a symbolic link that leads "
         "round in a loop", "[oak]"]),
    "logo-symlink-loop": (
        lambda p, t: ((p / "schools/oak").mkdir(), os.symlink("logo.svg", p / "schools/oak/logo.svg"),
                      sub(p, "schools/oak.yml", "colour:", "logo: schools/oak/logo.svg\ncolour:")),
        ["schools/oak.yml:5: error E-PATH: logo 'schools/oak/logo.svg' is a symbolic link that leads round "
         "in a loop", "[oak]"]),
    "logo-another-folder": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "logo: content/online-code/intent.md\ncolour:"),
        ["schools/oak.yml:5: error E-PATH: logo 'content/online-code/intent.md' leads out of its school's "
         "own folder (schools/oak/)", "[oak]"]),
    "school-id-assets": (
        lambda p, t: (p / "schools/oak.yml").rename(p / "schools/assets.yml"),
        ["schools/assets.yml:1: error E-ID: school file name 'assets' is a name the build's own folder uses"]),
    "school-id-diff": (
        lambda p, t: (p / "schools/oak.yml").rename(p / "schools/diff.yml"),
        ["schools/diff.yml:1: error E-ID: school file name 'diff' is a name the build's own folder uses"]),
    "logo-outside": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "logo: ../../../etc/passwd\ncolour:"),
        ["schools/oak.yml:5: error E-PATH: logo '../../../etc/passwd' lies outside the pack", "[oak]"]),
    "logo-remote": (
        lambda p, t: sub(p, "schools/oak.yml", "colour:", "logo: https://cdn.example/oak.png\ncolour:"),
        ["schools/oak.yml:5: error E-PATH: logo 'https://cdn.example/oak.png' is an address: outputs "
         "never fetch URLs", "[oak]"]),
    "logo-svg-script": (
        lambda p, t: (write(p, "schools/oak/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                            '<script>alert(1)</script></svg>'),
                      sub(p, "schools/oak.yml", "colour:", "logo: schools/oak/logo.svg\ncolour:")),
        ["schools/oak.yml:5: error E-LOGO: logo 'schools/oak/logo.svg' has a script (<script>)", "[oak]"]),
    "logo-svg-remote-image": (
        lambda p, t: (write(p, "schools/oak/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image '
                            'href="https://tracker.example/p.png"/></svg>'),
                      sub(p, "schools/oak.yml", "colour:", "logo: schools/oak/logo.svg\ncolour:")),
        ["schools/oak.yml:5: error E-LOGO: logo 'schools/oak/logo.svg' links to "
         "'https://tracker.example/p.png'", "[oak]"]),
    "logo-gif": (
        lambda p, t: (write(p, "schools/oak/logo.gif", "GIF89a\x01\x00\x01\x00;"),
                      sub(p, "schools/oak.yml", "colour:", "logo: schools/oak/logo.gif\ncolour:")),
        ["schools/oak.yml:5: error E-LOGO: logo 'schools/oak/logo.gif' is a GIF image, not an SVG or PNG "
         "image", "[oak]"]),
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
    "link-typed-internal": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         "- Be kind online, as [the code](pp:policy) and <pp:> say."),
        ["content/online-code/rules.md:1: error E-LINK: the address 'pp:policy' is typed by hand"]),
    "link-internal-from-a-value": (
        lambda p, t: (sub(p, "content/online-code/rules.md", "- Be kind online.",
                          "- Be kind online: [{{ school.name }}]({{ school.extra.blog }})."),
                      sub(p, "schools/oak.yml", "colour:", "extra:\n  blog: \"pp:section/online-code\"\ncolour:")),
        ["content/online-code/rules.md:1: error E-HTML: link address 'pp:section/online-code' is not one ref() "
         "writes", "[oak]"]),
    "html-duplicate-id": (
        lambda p, t: sub(p, "content/online-code/rules.md", "- Be kind online.",
                         '- Be <span id="kind">kind</span> online.\n- Be <span id="kind">safe</span>.'),
        ["content/online-code/rules.md:2: error E-HTML: HTML id 'kind' is given twice (first on line 1)",
         "[oak]"]),
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


# ---------------------------------------------------------------- hostile input (issue 15)

def limits(p: Path, **values) -> None:
    """Lower (or raise) the trust's ``settings: limits`` in the test pack."""
    body = ", ".join(f"{k}: {v}" for k, v in values.items())
    sub(p, "trust.yml", "settings:\n", f"settings:\n  limits: {{{body}}}\n")


def alias_bomb(levels: int, width: int = 9, key: str = "extra") -> str:
    """A "billion laughs" YAML block: each level repeats the last ``width`` times by alias."""
    lines = [f"{key}:", "  l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def append(p: Path, rel: str, text: str) -> None:
    path = p / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def write_bytes(p: Path, rel: str, data: bytes) -> None:
    (p / rel).parent.mkdir(parents=True, exist_ok=True)
    (p / rel).write_bytes(data)


RULES = "content/online-code/rules.md"
INTENT = "content/online-code/intent.md"
OAK = "schools/oak.yml"
FORM_FILE = "forms/code-agreement.yml"
LIMIT = "error E-LIMIT"


def in_rules(text: str):
    """Replace the first line of the rules section (line 1) with ``text``."""
    return lambda p, t: sub(p, RULES, "- Be kind online.", text)


HOSTILE = {
    # -- limits: file size (the default, and a lowered one), for Markdown and YAML
    "limit-file-size-section": (
        lambda p, t: write(p, RULES, "Be kind online.\n" * 70_000),     # about 1.1 MB
        [f"{RULES}: {LIMIT}: the file is too large: the limit is 1024 KB", "file_size_kb"]),
    "limit-file-size-lowered": (
        lambda p, t: (limits(p, file_size_kb=1), write(p, INTENT, "Be kind online.\n" * 100)),
        [f"{INTENT}: {LIMIT}: the file is too large: the limit is 1 KB"]),
    "limit-file-size-school-yaml": (
        lambda p, t: (limits(p, file_size_kb=1), append(p, OAK, "motto: " + "x" * 2000 + "\n")),
        [f"{OAK}: {LIMIT}: the file is too large", "[oak]"]),
    "limit-file-size-snippet": (
        lambda p, t: (limits(p, file_size_kb=1), write(p, "content/_snippets/big.md", "x\n" * 1000),
                      in_rules('{% include "big.md" %}')(p, t)),
        ["content/_snippets/big.md: error E-LIMIT: the file is too large", "[oak]"]),
    # -- limits: YAML aliases ("billion laughs"), in a school, a form and the trust file
    "limit-yaml-alias-bomb-school": (
        lambda p, t: append(p, OAK, alias_bomb(7)),          # 9**7 values; the limit is 100,000
        [f"{OAK}:22: {LIMIT}: too many values here once every alias (*name) is expanded: the "
         "limit is 100,000 values in one file", "yaml_nodes", "[oak]"]),
    "limit-yaml-alias-bomb-form": (
        lambda p, t: append(p, FORM_FILE, alias_bomb(10, width=5, key="notes_extra")),
        [f"{FORM_FILE}:", LIMIT, "alias (*name)"]),
    "limit-yaml-alias-bomb-lowered": (
        lambda p, t: (limits(p, yaml_nodes=500), append(p, OAK, alias_bomb(5, width=4))),
        [f"{OAK}:21: {LIMIT}", "the limit is 500 values in one file", "[oak]"]),
    "limit-yaml-alias-bomb-trust": (
        lambda p, t: append(p, "trust.yml", alias_bomb(8, width=8, key="extra_values")),
        ["trust.yml:", LIMIT, "alias (*name)"]),
    "yaml-alias-loop": (
        lambda p, t: append(p, OAK, "extra: &x {again: *x}\n"),
        [f"{OAK}:16: error E-YAML: malformed YAML: this value contains itself", "[oak]"]),
    "yaml-number-too-long": (
        lambda p, t: append(p, OAK, "extra: {room: " + "7" * 5000 + "}\n"),
        [f"{OAK}:16: error E-YAML: a number of 5,000 digits is no value a pack holds", "[oak]"]),
    "limit-yaml-nesting": (
        lambda p, t: append(p, OAK, "extra: {deep: " + "[" * 3000 + "]" * 3000 + "}\n"),
        [f"{OAK}: {LIMIT}: the YAML nests too deeply", "[oak]"]),
    # -- limits: template evaluation (numbers, repetition, loops, output size)
    "limit-template-power": (
        in_rules("{{ 9**(9**9) }}"),
        [f"{RULES}:1: {LIMIT}: the result is a number too large", "[oak]"]),
    "limit-template-power-variable": (
        lambda p, t: sub(p, INTENT, "Questions go to", "{% set n = 99 %}{{ n ** n ** n }} Questions go to"),
        [f"{INTENT}:3: {LIMIT}: the result is a number too large", "[oak]"]),
    "limit-template-repeat": (
        in_rules('{{ "x" * 10**10 }}'),
        [f"{RULES}:1: {LIMIT}: the repeated text is too long", "template_output_kb", "[oak]"]),
    "limit-template-repeat-list": (
        in_rules("{{ ([1, 2] * 10**9)|length }}"),
        [f"{RULES}:1: {LIMIT}: the repeated text is too long", "[oak]"]),
    "limit-template-format-width": (
        in_rules("{{ '%0999999999d' % 1 }}"),
        [f"{RULES}:1: {LIMIT}: the formatted text is too long", "[oak]"]),
    "limit-template-filter-width": (
        in_rules("{{ 'x'|center(10**9) }}"),
        [f"{RULES}:1: {LIMIT}: the number 1000000000 is too large for |center", "[oak]"]),
    "limit-template-nested-loops": (
        in_rules("{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"),
        [f"{RULES}:1: {LIMIT}: the text's loops go round too many times", "[oak]"]),
    "limit-template-nested-loops-lists": (
        lambda p, t: (sub(p, OAK, "roles:", "lists:\n  many: [" + ", ".join(["1"] * 200) + "]\nroles:"),
                      in_rules("{% for a in lists.many %}{% for b in lists.many %}{% for c in lists.many %}"
                               "{% endfor %}{% endfor %}{% endfor %}")(p, t)),
        [f"{RULES}:1: {LIMIT}: the text's loops go round too many times", "[oak]"]),
    "limit-list-items": (
        lambda p, t: sub(p, OAK, "roles:", "lists:\n  blocked_sites: [" + ", ".join(["x"] * 201) + "]\nroles:"),
        ["schools/oak.yml", "E-LIMIT", "has 201 entries: the limit is 200 (settings: limits: list_items", "[oak]"]),
    "limit-template-doubling-join": (
        in_rules("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
                 "{% endfor %}"),
        [f"{RULES}:1: {LIMIT}: the joined text is too long", "[oak]"]),
    "limit-template-doubling-set": (
        in_rules("{% set x = 'x' %}" + "{% set x = x + x %}" * 45),
        [f"{RULES}:1: {LIMIT}: the joined text is too long", "[oak]"]),
    "limit-template-output": (
        lambda p, t: (limits(p, template_output_kb=1),
                      in_rules("{% for i in range(200) %}Be kind online, always. {% endfor %}")(p, t)),
        [f"{RULES}:", f"{LIMIT}: the rendered text is too long: the limit is 1 KB of text", "[oak]"]),
    "limit-bad-setting": (
        lambda p, t: limits(p, yaml_nodes=0),
        ["trust.yml:14: error E-TYPE: limit 'yaml_nodes' must be a number above 0"]),
    # -- encodings
    "yaml-not-utf8-form": (
        lambda p, t: write_bytes(p, FORM_FILE, (p / FORM_FILE).read_bytes().replace(
            b"title: Online code agreement", b"title: Online code agr\xe9ement")),
        [f"{FORM_FILE}:1: error E-ENCODING: not UTF-8 text (byte 0xe9 in column 23)"]),
    "section-not-utf8": (
        lambda p, t: write_bytes(p, RULES, b"- Be kind online.\n- Caf" + b"\xe9 rules.\n"),
        [f"{RULES}:2: error E-ENCODING: not UTF-8 text (byte 0xe9 in column 6): save the file as "
         "UTF-8", "[oak]"]),
    "section-utf16": (
        lambda p, t: write_bytes(p, INTENT, "This code.\n".encode("utf-16")),
        [f"{INTENT}:1: error E-ENCODING: not UTF-8 text", "[oak]"]),
    "snippet-not-utf8": (
        lambda p, t: (write_bytes(p, "content/_snippets/kind.md", b"ok\n\nna\xefve\n"),
                      in_rules('{% include "kind.md" %}')(p, t)),
        ["content/_snippets/kind.md:3: error E-ENCODING: not UTF-8 text", "[oak]"]),
    # -- template errors name their file and line
    "template-sandbox-constant": (
        in_rules("{{ ''.__class__ }}"),
        [f"{RULES}:1: error E-TEMPLATE: template error: not allowed in policy text", "[oak]"]),
    "template-sandbox-globals": (
        lambda p, t: sub(p, INTENT, "Questions go to", "{{ lipsum.__globals__ }} Questions go to"),
        [f"{INTENT}:3: error E-TEMPLATE: template error: not allowed in policy text", "[oak]"]),
    "template-sandbox-mro": (
        lambda p, t: sub(p, INTENT, "Questions go to", "{{ roles.x.__class__.__mro__ }} Questions go to"),
        [f"{INTENT}:3: error E-TEMPLATE", "'__mro__' is not allowed in policy text", "[oak]"]),
    # -- control characters are printed escaped (the broken-pack test checks no raw ones reach the output)
    "control-chars-in-key": (
        lambda p, t: sub(p, OAK, "colour:", '"\\e]0;owned\\a\\e[2Jcolur":'),
        [f"{OAK}:5: error E-KEY: unknown key '\\x1b]0;owned\\x07\\x1b[2Jcolur'", "[oak]"]),
    "control-chars-in-role-id": (
        lambda p, t: sub(p, OAK, "  dsl: {", '  "\\e[31mdsl\\r\\u202e": {'),
        [f"{OAK}:8: error E-ID: role id '\\x1b[31mdsl\\x0d\\u202e' is not a safe id", "[oak]"]),
    # -- Windows device names as ids
    "id-windows-school-nul": (
        lambda p, t: rename(p, OAK, "schools/nul.yml"),
        ["schools/nul.yml:1: error E-ID: school file name 'nul' is not a safe id: Windows keeps the "
         "name 'nul' for a device"]),
    "id-windows-school-com1": (
        lambda p, t: rename(p, OAK, "schools/com1.yml"),
        ["schools/com1.yml:1: error E-ID: school file name 'com1' is not a safe id: Windows"]),
    "id-windows-form-lpt9": (
        lambda p, t: (rename(p, FORM_FILE, "forms/lpt9.yml"),
                      sub(p, "content/online-code/policy.yml", "forms: [code-agreement]", "forms: [lpt9]")),
        ["forms/lpt9.yml:1: error E-ID: form file name 'lpt9' is not a safe id: Windows"]),
    "id-windows-section-con": (
        lambda p, t: sub(p, "content/online-code/policy.yml", "{id: rules,", "{id: con,"),
        ["content/online-code/policy.yml:12: error E-ID: section id 'con' is not a safe id: Windows"]),
    "id-windows-role-aux": (
        lambda p, t: sub(p, OAK, "  dsl: {", "  aux: {"),
        [f"{OAK}:8: error E-ID: role id 'aux' is not a safe id: Windows", "[oak]"]),
    "id-windows-policy-prn": (
        lambda p, t: (rename(p, "content/online-code", "content/prn")),
        ["content/prn/policy.yml:1: error E-ID: policy folder name 'prn' is not a safe id: Windows"]),
}
CASES.update(HOSTILE)


def _theme_copy(p: Path) -> Path:
    from builder.source.load import DEFAULT_THEME
    shutil.copytree(DEFAULT_THEME, p / "themes" / "policypack")
    return p / "themes" / "policypack"


# markup a regular expression misreads, addresses outside the rule, a theme leaving its folder
SANITISER = {
    "html-comment-bang": (
        lambda p, t: sub(p, INTENT, "Questions go to", "<!-- n --!> <script>alert(1)</script> --> Questions go to"),
        [f"{INTENT}:3: error E-HTML: HTML comment", "[oak]"]),
    "html-quoted-gt": (
        lambda p, t: sub(p, INTENT, "Questions go to", '<span title=">" onfocus="alert(1)">x</span> Questions go to'),
        [f"{INTENT}:3: error E-HTML: HTML attribute 'onfocus' on <span> is not allowed", "[oak]"]),
    "html-unclosed": (
        lambda p, t: in_rules("<span>never closed")(p, t),
        [f"{RULES}:1: error E-HTML: HTML <span> is not closed", "[oak]"]),
    "html-svg": (
        lambda p, t: in_rules("<svg><script>alert(1)</script></svg>")(p, t),
        [f"{RULES}:1: error E-HTML: HTML tag <svg> is not allowed", "[oak]"]),
    "link-javascript-entity": (
        lambda p, t: in_rules("[home](&#106;ava&#x53;cript:alert(1))")(p, t),
        [f"{RULES}:1: error E-HTML: link address 'javaScript:alert(1)' uses the scheme", "[oak]"]),
    "link-protocol-relative": (
        lambda p, t: in_rules("[home](//evil.example/x)")(p, t),
        [f"{RULES}:1: error E-HTML: link address '//evil.example/x' is protocol-relative", "[oak]"]),
    "autolink-javascript": (
        lambda p, t: in_rules("<javascript:alert(1)>")(p, t),
        [f"{RULES}:1: error E-HTML: link address 'javascript:alert(1)' uses the scheme", "[oak]"]),
    "form-text-html": (
        lambda p, t: sub(p, FORM_FILE, "introduction: Everyone at {{ school.name }} signs this form.",
                         "introduction: 'Everyone signs <svg onload=alert(1)>.'"),
        [f"{FORM_FILE}:6: error E-HTML: HTML tag <svg> is not allowed", "[oak]"]),
    "url-website-javascript": (
        lambda p, t: sub(p, OAK, "email: office@oak-school.org.uk",
                         "email: office@oak-school.org.uk\nwebsite: javascript:alert(5)//"),
        [f"{OAK}:5: error E-URL: 'website' in the school file must be a web address", "'javascript:'", "[oak]"]),
    "url-site-url-data": (
        lambda p, t: sub(p, "trust.yml", "  review_window_days: 60",
                         "  review_window_days: 60\n  site_url: 'data:text/html,x'"),
        ["trust.yml:15: error E-URL: 'site_url' in settings must be a web address"]),
    "theme-symlink-outside": (
        lambda p, t: (_theme_copy(p) / "css" / "passwd.css").symlink_to("/etc/passwd"),
        ["themes/policypack/css/passwd.css: error E-THEME: theme file is a link to a place outside "
         "the theme folder"]),
    "theme-sandbox": (
        lambda p, t: (_theme_copy(p), sub(p, "themes/policypack/main.html", "<title>",
                                          '<title>{{ lipsum.__globals__.os.popen("id").read() }}')),
        ["themes/policypack/main.html:8: error E-THEME: theme template error: access to attribute "
         "'__globals__' of 'function' object is unsafe"]),
}
CASES.update(SANITISER)


# ---------------------------------------------------------------- three schools, their forms

FORM = "forms/code-agreement.yml"
SCHOOLS = ("oak", "elm", "ash")


def three_schools(p: Path) -> None:
    """The small pack with two more schools like oak (elm with a motto, ash without)."""
    oak = (p / "schools/oak.yml").read_text(encoding="utf-8")
    people = (("Kit Lowe", "Dee Hart"), ("Ray Moss", "Ana Lim"))
    for n, (sid, name) in enumerate((("elm", "Elm Primary"), ("ash", "Ash Primary"))):
        # each school its own phone and people: the same ones would be another school's details
        text = oak.replace("Oak Primary", name).replace("short_name: Oak", f"short_name: {name[:3]}") \
                  .replace("oak-school.org.uk", f"{sid}.example").replace("960300", f"96031{n}") \
                  .replace("Jo Park", people[n][0]).replace("Sam Reid", people[n][1])
        write(p, f"schools/{sid}.yml", text)
    sub(p, "schools/elm.yml", "phone:", "motto: Growing together\nphone:")
    sub(p, "schools/oak.yml", "phone:", "motto: Reaching high\nphone:")


def form_field(p: Path, line: str) -> None:
    """One more field at the end of the form's only section."""
    sub(p, FORM, "      - {name: signature,", line + "\n      - {name: signature,")


# id -> break the pack (after three_schools); the schools the errors must name
FORM_CASES = {  # id -> (break the pack after three_schools, the schools the errors name)
    "introduction-every-school": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }}",
                      "introduction: Everyone at {{ school.no_such_value }}"), SCHOOLS),
    "introduction-one-school": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }} signs this form.",
                      "introduction: Everyone at {{ school.name }} ({{ school.motto }}) signs this form."),
        ("ash",)),
    "return-every-school": (
        lambda p: sub(p, FORM, "{{ school.email }}", "{{ school.office_email }}"), SCHOOLS),
    "notes-every-school": (
        lambda p: sub(p, FORM, "sections:\n", "notes: |\n  Kept by {{ school.bursar }}.\nsections:\n"),
        SCHOOLS),
    "label-every-school": (
        lambda p: sub(p, FORM, "label: I agree to follow the online code",
                      "label: 'I agree to follow the code of {{ school.nmae }}'"), SCHOOLS),
    "label-one-school": (
        lambda p: sub(p, FORM, "label: Your full name", 'label: "Your full name ({{ school.motto }})"'),
        ("ash",)),
    "section-text-every-school": (
        lambda p: sub(p, FORM, "    title: Agreement\n",
                      "    title: Agreement\n    text: |\n      Read it first.\n\n      Then ask {{ school.head }}.\n"),
        SCHOOLS),
    "bad-ref-section": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }} signs this form.",
                      'introduction: Everyone at {{ school.name }} signs this form ({{ ref("no-such-section") }}).'),
        SCHOOLS),
    "bad-ref-form": (
        lambda p: sub(p, FORM, "return: Hand the signed form",
                      'return: Keep {{ ref("form:no-such-form") }}. Hand the signed form'), SCHOOLS),
    "for-each-missing-list": (
        lambda p: form_field(p, "      - {name: photos, type: yesno, for_each: photo_places, key: place, "
                                "label: 'Photos on {{ item.place }}'}"), SCHOOLS),
    "for-each-list-in-one-school-only": (
        lambda p: (form_field(p, "      - {name: photos, type: yesno, for_each: photo_places, key: place, "
                                 "label: 'Photos on {{ item.place }}'}"),
                   sub(p, "schools/oak.yml", "roles:", "lists:\n  photo_places: [{place: Website}]\nroles:"),
                   sub(p, "schools/elm.yml", "roles:", "lists:\n  photo_places: [{place: Website}]\nroles:")),
        ("ash",)),
    "options-from-missing-list": (
        lambda p: form_field(p, "      - {name: clubs, type: choice, options_from: clubs, option: title, "
                                "label: Clubs}"), SCHOOLS),
    "several-form-errors": (
        lambda p: (sub(p, FORM, "introduction: Everyone at {{ school.name }}",
                       "introduction: Everyone at {{ school.motto }}"),
                   sub(p, FORM, "label: Signed by", "label: 'Signed by {{ trust.chair }}'")),
        SCHOOLS),
}


# ---------------------------------------------------------------- what reading the files reports

S, T, P = OAK, "trust.yml", "content/online-code/policy.yml"


def change(rel, old, new):
    return lambda p: sub(p, rel, old, new)


def appended(rel, text):
    return lambda p: write(p, rel, (p / rel).read_text(encoding="utf-8") + text)


# id -> (break the pack, every error the report gives, exactly)
LOAD_CASES = {
    "settings-all-at-once": (
        change(T, "review_window_days: 60\n  default_review_cycle: annually",
               "review_window_days: x\n  default_review_cycle: now and then\n  foo: 1"),
        ["trust.yml:14: error E-TYPE: 'review_window_days' in settings must be a whole number, not text; "
         "write it as a number, without quotes, such as `review_window_days: 2`",
         "trust.yml:15: error E-CYCLE: review cycle 'now and then' is not understood: write 'annually', "
         "'2 years' or '6 months'",
         "trust.yml:16: error E-KEY: unknown key 'foo' in settings; valid keys: default_review_cycle, "
         "limits, placeholder_phrases, review_reminders, review_window_days, site_url"]),
    "review-cycle-read-two-ways": (
        change(T, "default_review_cycle: annually", "default_review_cycle: tri-annual"),
        ["trust.yml:15: error E-CYCLE: review cycle 'tri-annual' is not understood: write 'annually', "
         "'2 years' or '6 months'"]),
    "placeholder-phrases-text": (
        change(T, 'placeholder_phrases: ["[insert", "TBC"]', "placeholder_phrases: TBC"),
        ["trust.yml:16: error E-TYPE: placeholder_phrases must be a list, not text; write it as a "
         "list: `placeholder_phrases: [TBC]`"]),
    "trust-default-role-once-untagged": (
        change(T, "      email: dpo@larkspur-school.org.uk", "      email: dpo@larkspur-school.org.uk\n      mail: x"),
        ["trust.yml:13: error E-KEY: unknown key 'mail' in role 'dpo'; did you mean 'email'?"]),
    "trust-default-colour": (
        change(T, "defaults:\n", "defaults:\n  colour: green\n"),
        ["trust.yml:8: error E-COLOUR: colour 'green' must be written #rrggbb"]),
    "trust-default-approval-typo": (
        change(T, "defaults:\n", "defaults:\n  policies:\n    online-code:\n"
                                 "      approval: {body: Trust board, aproved: 2026-01-01}\n"),
        ["trust.yml:10: error E-KEY: unknown key 'aproved' in approval; did you mean 'approved'?"]),
    "trust-default-policy-text": (
        change(T, "defaults:\n", "defaults:\n  policies:\n    online-code: hello\n"),
        ["trust.yml:9: error E-TYPE: the settings for policy 'online-code' must be a mapping "
         "(key: value), not text"]),
    "trust-defaults-take-no-name": (
        change(T, "defaults:\n", "defaults:\n  name: X\n"),
        ["trust.yml:8: error E-KEY: unknown key 'name' in the trust's defaults; valid keys: address, "
         "colour, email, external_policies, extra, lists, logo, motto, options, phase, phone, "
         "policies, roles, short_name, type, website"]),
    "external-url-missing-after-merging": (
        change(T, "defaults:\n", "defaults:\n  external_policies:\n    complaints: {title: C}\n"),
        ["trust.yml:9: error E-MISSING: external policy 'complaints' needs 'url' [oak]"]),
    "role-value-type": (
        change(S, "  dsl: {name: Sam Reid,", "  dsl: {name: [Sam Reid],"),
        ["schools/oak.yml:8: error E-TYPE: 'name' in role 'dsl' must be text, not a list; write it as one "
         "line of text: `name: Sam Reid` [oak]"]),
    "role-empty": (
        change(S, "  dsl: {name: Sam Reid, title: Designated Safeguarding Lead, email: dsl@oak-school.org.uk}",
               "  dsl:"),
        ["schools/oak.yml:8: error E-TYPE: role 'dsl' must be a mapping with name, title, email, "
         "phone, not empty [oak]"]),
    "address-shape": (
        appended(S, "address: {a: b}\n"),
        ["schools/oak.yml:16: error E-TYPE: 'address' in the school file must be text or a list, "
         "not a mapping; write it as one line of text, or a list of lines: `address: [b]` [oak]"]),
    "list-entries-and-options": (
        appended(S, "lists:\n  blocked: Twitter\noptions:\n  pupil_email: sometimes\n"),
        ["schools/oak.yml:17: error E-TYPE: lists.blocked must be a list, not text; write it as a list: "
         "`blocked: [Twitter]` [oak]",
         "schools/oak.yml:19: error E-TYPE: options.pupil_email must be true or false, not text; "
         "write `pupil_email: true` or `pupil_email: false` [oak]"]),
    "signatories-as-one-mapping": (
        change(S, '      review_cycle: 2 years', '      review_cycle: 2 years\n      signatories:\n'
                  '        role: headteacher\n        name: Jo Park'),
        ["schools/oak.yml:16: error E-TYPE: signatories must be a list, not a mapping; write it as a list "
         "of one entry: `signatories: [{role: headteacher, name: Jo Park}]` (or a line `- ` before its "
         "first key) [oak]"]),
    "policy-settings-text": (
        change(S, "  online-code:\n    approval:\n      body: Local governing body\n      approved: "
                  "2026-07-01\n      version: \"1.0\"\n      review_cycle: 2 years", "  online-code: hello"),
        ["schools/oak.yml:10: error E-TYPE: the settings for policy 'online-code' must be a mapping "
         "(key: value), not text [oak]"]),
    "school-section-named-by-id": (
        appended(S, "    add_sections:\n      - {id: extra, title: [Extra], aftr: rules}\n"),
        ["schools/oak.yml:17: error E-KEY: unknown key 'aftr' in section 'extra'; did you mean "
         "'after'? [oak]",
         "schools/oak.yml:17: error E-TYPE: 'title' in section 'extra' must be text, not a list; "
         "write it as one line of text: `title: Extra` [oak]"]),
    "policy-errors-are-its-own": (
        change(P, "forms: [code-agreement]", "forms: code-agreement"),
        ["content/online-code/policy.yml:5: error E-TYPE: forms must be a list, not text; write it as a "
         "list: `forms: [code-agreement]`"]),
    "policy-two-problems": (
        change(P, "title: Online Code\nowner: headteacher", "title: [x]\nowner: [y]"),
        ["content/online-code/policy.yml:1: error E-TYPE: 'title' in policy 'online-code' must be "
         "text, not a list; write it as one line of text: `title: x`",
         "content/online-code/policy.yml:2: error E-TYPE: 'owner' in policy 'online-code' must be "
         "text, not a list; write it as one line of text: `owner: \"y\"`"]),
}


# ---------------------------------------------------------------- the table

@dataclass(frozen=True)
class Broken:
    """One way a pack is broken, and what its report must say."""
    mutate: Callable[[Path, Path], object]   # (the pack's copy, a scratch folder)
    expected: tuple[str, ...] = ()           # words the report holds, each somewhere
    exact: bool = False                      # its errors are exactly ``expected``, whole messages
    schools: tuple[str, ...] | None = None   # the schools its errors name, where that is the point
    three_schools: bool = False              # the small pack with elm and ash beside oak
    rendering: bool = False                  # only rendering finds it (the theme): build and serve


# the theme is rendered by MkDocs, which the build and the preview run and check does not
RENDERING = {"theme-template-error", "theme-symlink-outside", "theme-sandbox"}

TABLE: dict[str, Broken] = {}
TABLE.update({case: Broken(mutate, tuple(expected), rendering=case in RENDERING)
              for case, (mutate, expected) in CASES.items()})
TABLE.update({f"form-{case}": Broken(lambda p, t, m=mutate: m(p), (f"{FORM}:",), schools=tuple(schools),
                                     three_schools=True)
              for case, (mutate, schools) in FORM_CASES.items()})
TABLE.update({f"load-{case}": Broken(lambda p, t, m=mutate: m(p), tuple(expected), exact=True)
              for case, (mutate, expected) in LOAD_CASES.items()})


def broken_pack(case: str, tmp: Path) -> Path:
    """A copy of the small pack (with three schools where the case says) broken as ``case`` says."""
    pack = copy_small_pack(tmp / "pack")
    if TABLE[case].three_schools:
        three_schools(pack)
    TABLE[case].mutate(pack, tmp)
    return pack
