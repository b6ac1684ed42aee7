"""`policypack forms collect` and `policypack forms prefill`."""

from __future__ import annotations

import sys
from pathlib import Path

from builder.common.diagnostics import PackError, error, printable
from builder.common.files import open_atomic


def register(subparsers) -> None:
    p = subparsers.add_parser("forms", help="collect returned forms into a register; prefill forms",
                              description="Work with the appendix forms schools send out and get back.")
    sub = p.add_subparsers(dest="forms_command", metavar="ACTION")
    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])

    c = sub.add_parser("collect", help="read returned PDFs into a consent register (CSV)",
                       description="Read returned form PDFs (files or folders) into a register: one "
                                   "row per file. Damaged, encrypted, empty or foreign files get a "
                                   "row saying so; the run goes on. Each form's identity is checked "
                                   "against the pack (--project, default: this folder).")
    c.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="PDF files or folders")
    c.add_argument("--out", type=Path, default=Path("register.csv"), metavar="FILE",
                   help="where to write the register (default: register.csv; '-' for stdout)")
    c.add_argument("--expect", type=Path, default=None, metavar="PEOPLE.CSV",
                   help="a class or staff list (a name column, optionally year group or role): "
                        "list who has no complete return of each form, in <register>-missing.csv")
    c.add_argument("--register", type=Path, default=None, metavar="FILE",
                   help="also write the consent register: one row per pupil with each consent "
                        "item's answer now (yes, no, expired, re-consent needed, unknown) and the "
                        "form it came from, as CSV in FILE and a page beside it (FILE.html)")
    c.add_argument("--today", metavar="YYYY-MM-DD",
                   help="the date consents are judged on, for expiry (default: today)")
    c.set_defaults(handler=run_collect)

    q = sub.add_parser("consent", help="who may and may not appear in one use of images",
                       description="Read returned consent forms and say, for one consent item "
                                   "(a use, such as images_website), which pupils may appear and "
                                   "which may not, with the form each answer comes from.")
    q.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="PDF files or folders")
    q.add_argument("--use", required=True, metavar="ITEM",
                   help="the consent item, as the register's column names it (images_website)")
    q.add_argument("--pupil", metavar="NAME", help="only this pupil (any case or accents)")
    q.add_argument("--today", metavar="YYYY-MM-DD",
                   help="the date consents are judged on, for expiry (default: today)")
    q.set_defaults(handler=run_consent)

    f = sub.add_parser("prefill", help="one form per pupil with name and year group filled in",
                       description="Write one copy of a form per pupil in a CSV (columns: pupil, "
                                   "year group), with those fields already filled in.")
    f.add_argument("form_id", metavar="FORM-ID", help="the form to fill in (a forms/<id>.yml the school uses)")
    f.add_argument("--school", required=True, metavar="ID", help="the school the forms are for")
    f.add_argument("--csv", required=True, type=Path, metavar="FILE",
                   help="the pupils, one a row: a pupil column (and a year group column)")
    f.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder for the forms (default: prefilled/<school>/<form>)")
    f.set_defaults(handler=run_prefill)


def missing_path(register: Path) -> Path:
    """Where --expect writes who is missing: beside the register, '<register>-missing.csv'."""
    return register.with_name(f"{register.stem}-missing.csv")


def need_files(paths) -> None:
    """E-MISSING-FILE when the paths name no file (each missing one named)."""
    from builder.forms.collect import expand
    files, missing = expand(paths)
    if not files:
        raise PackError([error(str(p), None, "E-MISSING-FILE", "no such file or folder") for p in missing]
                        or error(", ".join(map(str, paths)), None, "E-MISSING-FILE",
                                 "no files found to read"))


def run_collect(args) -> int:
    from builder.forms.collect import collect, summary, write_register
    from builder.forms.expect import expect_summary, expected_returns, read_people, write_missing
    from builder.forms.verify import Catalogue
    need_files(args.paths)
    people, kind = read_people(args.expect) if args.expect is not None else (None, "")
    catalogue = Catalogue.from_pack(args.project)
    to_stdout = str(args.out) == "-"
    report = sys.stderr if to_stdout else sys.stdout
    if catalogue.problem:
        print(printable(f"no pack read ({catalogue.problem}): form identities are not verified "
                        f"(give the pack's folder with --project)"), file=report)
    rows = collect(args.paths, catalogue=catalogue)
    reports = None
    if people is not None:
        reports = expected_returns(rows, people, kind, None if catalogue.problem else catalogue.audiences,
                                   None if catalogue.problem else catalogue.policies)
    if to_stdout:
        write_register(rows, sys.stdout)
    else:
        with open_atomic(args.out, text=True, encoding="utf-8-sig", newline="") as fh:  # BOM: Excel reads UTF-8
            write_register(rows, fh)
        if reports is not None:
            with open_atomic(missing_path(args.out), text=True, encoding="utf-8-sig", newline="") as fh:
                write_missing(reports, fh)
    if args.register is not None:
        from builder.cli.build import parse_today
        from builder.forms.consent import consent_register, write_consent_register
        reg = consent_register(rows, catalogue, parse_today(args.today))
        page = write_consent_register(reg, args.register, parse_today(args.today))
        print(printable(f"consent register: {len(reg.pupils)} pupil(s), {len(reg.items)} item(s); "
                        f"written to {args.register} and {page}"
                        + (f"; {len(reg.not_applied)} form(s) not applied (listed in the page)"
                           if reg.not_applied else "")), file=report)
    print(printable(summary(rows)), file=report)
    if reports is not None and people is not None:
        print(printable(expect_summary(reports, people)), file=report)
    if not to_stdout:
        print(printable(f"register written to {args.out}"), file=report)
        if reports is not None:
            print(printable(f"who is missing written to {missing_path(args.out)}"), file=report)
    return 0


def run_prefill(args) -> int:
    from builder.forms.prefill import prefill
    from builder.project import Project
    project = Project(args.project)
    project.select([args.school])
    pack, rschool = project.pack, project.resolved([args.school])[args.school]
    if args.form_id not in pack.forms:
        raise PackError(error("forms", None, "E-REF-FORM", f"no form '{args.form_id}' "
                              f"(forms: {', '.join(sorted(pack.forms))})"))
    if args.form_id not in rschool.forms:
        raise PackError(error(f"schools/{args.school}.yml", None, "E-REF-FORM",
                              f"school '{args.school}' does not use form '{args.form_id}'",
                              args.school))
    out = args.out or Path("prefilled") / args.school / args.form_id
    written = prefill(pack, rschool, pack.forms[args.form_id], args.csv, out)
    print(f"{len(written)} form(s) written to {out}")
    return 0


def run_consent(args) -> int:
    from builder.cli.build import parse_today
    from builder.source.values import did_you_mean
    from builder.forms.collect import collect
    from builder.forms.consent import consent_register, who_may
    from builder.forms.verify import Catalogue
    need_files(args.paths)
    today = parse_today(args.today)
    catalogue = Catalogue.from_pack(args.project)
    reg = consent_register(collect(args.paths, catalogue=catalogue), catalogue, today)
    if args.use not in reg.items:
        raise PackError(error("--use", None, "E-ARG",
                              f"no consent item '{args.use}' in these forms"
                              f"{did_you_mean(args.use, reg.items)}; the items are: "
                              f"{', '.join(reg.items) or 'none'}"))
    may, may_not = who_may(reg, args.use, args.pupil)
    label = reg.labels.get(args.use, args.use)
    print(printable(f"{label} ({args.use}), on {today:%-d %B %Y}:"))
    print(f"May appear ({len(may)}):")
    for p, _answer, ev in may:
        print(printable(f"  {p.name} ({p.year_group or 'no year group'}): yes, {ev.cite()}"))
    print(f"May not appear ({len(may_not)}):")
    for p, answer, ev in may_not:
        why = f"{answer}, {ev.cite()}" if ev else "unknown: no form answers it"
        print(printable(f"  {p.name} ({p.year_group or 'no year group'}): {why}"))
    if args.pupil is not None and not may and not may_not:
        print(printable(f"  no returned form names a pupil '{args.pupil}'"))
    for note in reg.not_applied:
        print(printable(f"not applied: {note}"))
    return 0
