"""``policypack new DIR``: its arguments."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("new", help="start a pack of your own: a trust, a school, a policy and a form",
                       description="Write a small pack into DIR (new or empty) that builds at once "
                                   "(check lists the sample values to replace), with a README for the "
                                   "trust's staff, the publishing workflow and the JSON Schemas "
                                   "editors use.")
    p.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    p.add_argument("--trust-name", default=None, metavar="NAME", help="the trust's name")
    p.add_argument("--school-name", default=None, metavar="NAME", help="the first school's name")
    p.add_argument("--school-id", default=None, metavar="ID",
                   help="the first school's id (default: made from its name)")
    p.add_argument("--today", metavar="YYYY-MM-DD",
                   help="the date the sample policy's first version carries (default: today)")
    p.add_argument("--policypack-source", metavar="SOURCE",
                   help="where the publishing workflow installs policypack from: a wheel file "
                        "(kept in the pack) or 'policypack @ git+https://<host>/<org>/policypack@"
                        "<full commit>' (default: where this copy came from)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.cli.build import parse_today
    from builder.scaffold.new import DEFAULT_SCHOOL, DEFAULT_TRUST, new_pack

    written = new_pack(args.dir, trust_name=DEFAULT_TRUST if args.trust_name is None else args.trust_name,
                       school_name=DEFAULT_SCHOOL if args.school_name is None else args.school_name,
                       sid=args.school_id,
                       today=parse_today(args.today), source=args.policypack_source)
    print(f"policypack new: wrote {len(written.files)} files into {args.dir}; "
          f"{written.source.said}.\nNext: replace the sample names and contacts in schools/ and "
          f"trust.yml (check lists them), then: cd {args.dir} && policypack check && "
          f"policypack build")
    return 0
