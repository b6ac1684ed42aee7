"""Read a pack directory into the typed model. Every problem found is reported, not just the first."""

from __future__ import annotations

from pathlib import Path

from builder.common import limits, paths
from builder.common.diagnostics import Collector, PackError, error
from builder.source.model import (Approval, ExternalPolicy, Form, Pack, Policy, PreviousApproval, School,
                                  SchoolPolicy,
                                  SectionSpec, Settings, Signatory, Trust, Version, from_checked)
from builder.source.schema import EXTERNAL, FILES
from builder.source.schema.files import DEFAULT_PLACEHOLDERS
from builder.source import forms as form_files
from builder.source.sections import section_problems
from builder.source.values import Where, did_you_mean, get_text, need_mapping, slug, where_of
from builder.source.yamlsrc import SrcDict, load_yaml
from builder.source.logo import logo_alt, read_logo
from builder.source.paths import outside

TRUST_FILE = "trust.yml"
SNIPPETS = "_snippets"   # content/_snippets/: text shared by sections through {% include %}
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "render" / "site" / "theme"


def shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def inside(root: Path, path: Path, w: Where, what: str, within: Path | None = None) -> Path:
    """A file the pack reads must exist and stay inside the pack's own parts (``paths.outside``),
    symlinks included; ``within``: the folder it must stay in (a school's own)."""
    why = outside(root, path, within)
    if why:
        raise PackError(w.err("E-PATH", f"{what} '{shown(root, path)}' {why}: keep every file the pack "
                                        f"uses in its own folders, as a file rather than a link"))
    if not path.resolve().is_file():
        raise PackError(w.err("E-MISSING-FILE", f"{what} '{shown(root, path)}' does not exist"))
    return path


def local_file(root: Path, value, w: Where, what: str, within: Path | None = None) -> Path:
    """A file named in the pack's values (a logo): a path inside the pack, never an address."""
    text = str(value).strip()
    if "://" in text or text.startswith(("//", "data:", "mailto:")):
        raise PackError(w.err("E-PATH", f"{what} '{text}' is an address: outputs never fetch URLs; "
                                        f"put the file in the pack and give its path"))
    if Path(text).is_absolute():
        raise PackError(w.err("E-PATH", f"{what} '{text}' lies outside the pack: give a path inside "
                                        f"the pack folder, such as 'schools/oak/logo.png'"))
    return inside(root, root / text, w, what, within)


def school_logo(root: Path, value, w: Where, name: str, within: Path | None = None):
    """A ``logo:`` value: a file inside the pack (``local_file``) holding a sound SVG or PNG
    (source/logo.py), its alt text from ``name`` (the school's, or the trust's for the trust's)."""
    path = local_file(root, value, w, "logo", within)
    return read_logo(path, shown(root, path), w, logo_alt(name))


def deep_merge(base: dict, over: dict, whole: tuple = ()) -> dict:
    """``over`` on top of ``base``, mapping by mapping; keys in ``whole`` are replaced whole, not
    merged (a school's own DSL or approval record is not mixed with the trust's). Of a mapping
    the schema checked, only the keys its file gave count (``SrcDict.given``), not defaults.
    Source lines are kept: each value still knows the file and line it came from."""
    out = SrcDict(base)
    src = over if isinstance(over, SrcDict) else base
    out.path = getattr(src, "path", "")
    out.line = getattr(src, "line", None)
    out.lines = {**getattr(base, "lines", {}), **getattr(over, "lines", {})}
    over_given, base_given = getattr(over, "given", None), getattr(base, "given", None)
    if over_given is not None or base_given is not None:
        out.given = frozenset(base if base_given is None else base_given) | frozenset(
            over if over_given is None else over_given)
    for k in (over if over_given is None else over_given):
        v = over[k]
        if k not in whole and isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v, whole)
        else:
            out[k] = v
    return out


# ---------------------------------------------------------------- trust

def load_trust(root: Path, out: Collector) -> Trust:
    path = root / TRUST_FILE
    name = TRUST_FILE
    if not path.is_file():
        raise PackError(error(name, None, "E-MISSING-FILE",
                              f"no {TRUST_FILE}: is '{root}' a policy pack? (use --project DIR)"))
    inside(root, path, Where(name), "the trust file")
    limits.use(None)     # trust.yml itself is read within the default limits
    raw = load_yaml(path, name)
    checked = FILES["trust"].check(raw, Where(name, 1), out)
    if checked is None:  # no trust values: nothing else can be read
        out.raise_if_errors()
    s = checked["settings"]
    lim = s["limits"]
    for key, value in lim.items():
        if isinstance(value, int) and value < 1:
            out.add(where_of(lim, key).err("E-TYPE", f"limit '{key}' must be a number above 0"))
    limits.use({k: v for k, v in lim.items() if isinstance(v, int) and v >= 1})
    reminders = s["review_reminders"]
    for i, days in enumerate(reminders):
        if not 1 <= days <= 730:
            out.add(where_of(reminders, i).err("E-TYPE", f"review_reminders: {days} must be a number "
                                                         f"of days from 1 to 730 before a review"))
    # the trust's phrases are added to the defaults, never in place of them
    phrases = dict.fromkeys(p.lower() for p in [*DEFAULT_PLACEHOLDERS, *s["placeholder_phrases"]])
    settings = from_checked(Settings, s, placeholder_phrases=list(phrases))
    defaults = raw.get("defaults")
    own = checked.get("trust") or {}
    logo = out.run(school_logo, root, own["logo"], where_of(raw["trust"], "logo"), own.get("name") or "the trust") \
        if own.get("logo") is not None else None   # the trust's own: the schools without one show it
    return Trust(values=raw["trust"], defaults=defaults if isinstance(defaults, dict) else SrcDict(),
                 settings=settings, shown=name, raw=raw, checked=checked, logo=logo)


# ---------------------------------------------------------------- policies

def load_policy(root: Path, folder: Path, out: Collector) -> Policy | None:
    pid = folder.name
    meta_path = folder / "policy.yml"
    name = shown(root, meta_path)
    w = Where(name, 1)
    slug(pid, w, "policy folder name")
    if not meta_path.is_file():
        raise PackError(w.err("E-MISSING-FILE", f"policy folder '{shown(root, folder)}' has no policy.yml"))
    inside(root, meta_path, w, "policy file")
    raw = load_yaml(meta_path, name)
    p = FILES["policy"].check(raw, w, out, id=pid)
    if p is None:
        return None
    what = f"policy '{pid}'"
    if p["id"] is not None and p["id"] != pid:
        out.add(where_of(raw, "id").err("E-ID", f"id '{p['id']}' must match its folder name '{pid}'"))
    sections = []
    seen: dict[str, int | None] = {}     # section id: the line that first gave it
    for i, item in enumerate(p["sections"]):
        sw = where_of(p["sections"], i)
        spec = out.run(_section_spec, root, folder, item, sw, "trust", None)
        if spec is None:
            continue
        if spec.id in seen:
            out.add(sw.err("E-DUP-ID", f"section id '{spec.id}' is used twice in {what} "
                                       f"(first on line {seen[spec.id]})"))
            continue
        seen[spec.id] = sw.line
        sections.append(spec)
    versions = [from_checked(Version, v, where=where_of(p["versions"], i)) for i, v in enumerate(p["versions"])]
    return from_checked(Policy, p, id=pid, sections=sections,
                        versions=sorted(versions, key=lambda v: v.date, reverse=True),
                        shown=name, where=w, lines=dict(raw.lines), raw=raw)


def _section_spec(root, folder, item, sw: Where, origin, school) -> SectionSpec:
    """A section the schema checked: its file must exist inside the pack."""
    own = root / "schools" / school if school else None      # a school's section: its own folder
    source = inside(root, folder / f"{item['id']}.md", sw, "section file", own)
    return SectionSpec(id=item["id"], title=item["title"], source=source, shown=shown(root, source),
                       where=sw, editable=item["editable"], origin=origin, after=item.get("after"))


# ---------------------------------------------------------------- schools

def load_school(root: Path, path: Path, trust: Trust, out: Collector) -> School | None:
    sid = path.stem
    name = shown(root, path)
    w = Where(name, 1, None)
    slug(sid, w, "school file name")
    if sid in paths.TOP_LEVEL:
        raise PackError(w.err("E-ID", f"school file name '{sid}' is a name the build's own folder uses "
                                      f"(the site keeps its own files in '{sid}/'): choose another, "
                                      f"such as '{sid}-school'"))
    w.school = sid
    inside(root, path, w, "school file")
    raw = load_yaml(path, name, sid)
    own = FILES["school"].check(raw, w, out, school=sid)
    if own is None:
        return None
    defaults = trust.checked["defaults"]
    values = deep_merge(_without(trust.defaults, "policies", "external_policies"),
                        _without(raw, "policies", "external_policies"), whole=("roles",))
    if isinstance(trust.defaults.get("roles"), dict) and isinstance(raw.get("roles"), dict):
        roles = SrcDict({**trust.defaults["roles"], **raw["roles"]})  # each role replaced whole
        roles.path, roles.line = raw["roles"].path, raw["roles"].line
        roles.lines = {**trust.defaults["roles"].lines, **raw["roles"].lines}
        values["roles"] = roles
    if own["logo"] is not None:       # the school's own: alt text from its name
        logo = out.run(school_logo, root, own["logo"], where_of(raw, "logo", sid), own["name"],
                       root / "schools" / sid)     # a school's own logo lies in its own folder
    elif "logo" not in raw and defaults["logo"] is not None:   # the trust's, for every school
        logo = out.run(school_logo, root, defaults["logo"], where_of(trust.defaults, "logo", sid),
                       trust.values.get("name") or sid)
    else:                             # the trust's own, unless the school wrote `logo:` empty
        logo = None if "logo" in raw else trust.logo

    policies = {}
    trust_pol, school_pol = defaults["policies"] or {}, own["policies"] or {}
    for pid in sorted(set(trust_pol) | set(school_pol)):
        t, s = trust_pol.get(pid), school_pol.get(pid)
        pw = where_of(school_pol if s is not None else trust_pol, pid, sid)
        merged: dict | None
        if t is not None and s is not None:
            merged = deep_merge(t, s, whole=("approval",))
        else:
            merged = s if s is not None else t
        policies[pid] = _school_policy(root, sid, pid, merged, s, pw, out)

    external = {}
    trust_ext, school_ext = defaults["external_policies"] or SrcDict(), own["external_policies"] or SrcDict()
    for eid, item in deep_merge(trust_ext, school_ext).items():
        ew = where_of(school_ext if eid in school_ext else trust_ext, eid, sid)
        if EXTERNAL.require(item, f"external policy '{eid}'", out, sid):
            external[eid] = from_checked(ExternalPolicy, item, id=eid, where=ew)
    return School(id=sid, values=values, policies=policies, external=external, shown=name, path=path,
                  raw=raw, logo=logo)


def _without(m: dict, *keys) -> SrcDict:
    out = SrcDict((k, v) for k, v in m.items() if k not in keys)
    out.path, out.line = getattr(m, "path", ""), getattr(m, "line", None)
    out.lines = {k: v for k, v in getattr(m, "lines", {}).items() if k not in keys}
    return out


def _school_policy(root, sid, pid, merged, own, pw: Where, out: Collector) -> SchoolPolicy:
    """A school's settings for one policy: the approval and forms merged over the trust's
    defaults; the sections it adds, replaces or leaves out from its own file only."""
    folder = root / "schools" / sid / pid

    def sections(key):
        items = own[key] if own is not None else []
        specs = (out.run(_section_spec, root, folder, item, where_of(items, i, sid), "school", sid)
                 for i, item in enumerate(items))
        return [spec for spec in specs if spec]

    return SchoolPolicy(
        policy_id=pid,
        approval=_approval(merged["approval"], sid) if merged["approval"] is not None else None,
        add_sections=sections("add_sections"),
        replace_sections={spec.id: spec for spec in sections("replace_sections")},
        omit_sections=list(own["omit_sections"]) if own is not None else [],
        forms_add=list(merged["forms"]["add"]),
        forms_omit=list(merged["forms"]["omit"]),
        where=pw)


def _approval(a, sid) -> Approval:
    signatories = [from_checked(Signatory, s, where=where_of(a["signatories"], i, sid))
                   for i, s in enumerate(a["signatories"])]
    previous = [from_checked(PreviousApproval, p) for p in a["previous"]]
    return from_checked(Approval, a, signatories=signatories, previous=previous,
                        where=Where(a.path, a.line, sid), lines=dict(a.lines))


# ---------------------------------------------------------------- forms

def load_form_file(root: Path, path: Path, out: Collector) -> Form:
    fid = path.stem
    name = shown(root, path)
    w = Where(name, 1)
    slug(fid, w, "form file name")
    inside(root, path, w, "form file")
    raw = need_mapping(load_yaml(path, name), w, "a form file")
    spec = form_files.parse_form(raw, fid, out)   # looked up now: a test replaces it
    return Form(
        id=fid,
        title=get_text(raw, "title", f"form '{fid}'", required=True),
        audience=get_text(raw, "audience", f"form '{fid}'", default="parents"),
        version=get_text(raw, "version", f"form '{fid}'", default="1"),
        raw=raw, shown=name, path=path, spec=spec)


# ---------------------------------------------------------------- the pack

def load_pack(root: Path) -> Pack:
    root = Path(root)
    if not root.is_dir():
        raise PackError(error(str(root), None, "E-PROJECT", "pack directory does not exist"))
    out = Collector()
    trust = load_trust(root, out)
    policies = {}
    content = root / "content"
    folders = sorted(p for p in content.iterdir() if p.is_dir() and p.name != SNIPPETS) \
        if content.is_dir() else []
    for folder in folders:
        pol = out.run(load_policy, root, folder, out)
        if pol:
            policies[pol.id] = pol
    forms = {}
    for path in sorted((root / "forms").glob("*.yml")):
        form = out.run(load_form_file, root, path, out)
        if form:
            forms[form.id] = form
    schools = {}
    for path in sorted((root / "schools").glob("*.yml")):
        school = out.run(load_school, root, path, trust, out)
        if school:
            schools[school.id] = school
    if not schools and not out.items:
        out.add(error("schools", None, "E-MISSING", "the pack has no schools (schools/<id>.yml)"))
    if not policies and not out.items:
        out.add(error("content", None, "E-MISSING", "the pack has no policies (content/<id>/policy.yml)"))
    for school in schools.values():
        for pid, sp in school.policies.items():
            # (a policy that is there but could not be read has its own errors)
            if pid not in policies and not (content / pid / "policy.yml").is_file():
                out.add(sp.where.err("E-REF-POLICY", f"settings for policy '{pid}', which is not in content/"
                                                     f"{did_you_mean(pid, policies)}"))
    if out.items:  # no school is resolved now: its section settings' problems are reported too
        section_problems(policies, schools, out)
    out.raise_if_errors()
    theme = root / "themes" / "policypack"
    if not theme.is_dir():
        theme = DEFAULT_THEME  # a pack without its own theme uses the one policypack ships
    return Pack(root=root, trust=trust, schools=schools, policies=policies, forms=forms,
                theme_dir=theme)
