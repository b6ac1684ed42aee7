"""Read a pack directory into the typed model. Every problem found is reported, not just the first."""

from __future__ import annotations

from pathlib import Path

from builder.common.diagnostics import Collector, PackError, error
from builder.source.model import (Approval, ExternalPolicy, Form, Pack, Policy, School, SchoolPolicy,
                    SectionSpec, Settings, Signatory, Trust, Version)
from builder.source.values import (Where, as_list, check_keys, get, get_text, need_mapping, parse_cycle,
                     parse_date, slug, where_of)
from builder.source.yamlsrc import SrcDict, load_yaml

TRUST_FILE = "trust.yml"
SNIPPETS = "_snippets"   # content/_snippets/: text shared by sections through {% include %}
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "render" / "site" / "theme"
IDENTITY_KEYS = {"name", "short_name", "address", "phone", "email", "website", "colour", "logo",
                 "motto", "roles", "lists", "options", "extra"}
ROLE_KEYS = {"name", "title", "email", "phone"}


def shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def inside(root: Path, path: Path, w: Where, what: str) -> Path:
    """A file the pack reads must exist and stay inside the pack, symlinks included."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        target = f" (it leads to '{real}')" if path.is_symlink() or any(
            p.is_symlink() for p in path.parents if p.is_relative_to(root)) else ""
        raise PackError(w.err("E-PATH", f"{what} '{shown(root, path)}' lies outside the pack{target}: "
                                        f"keep every file the pack uses inside the pack folder"))
    if not real.is_file():
        raise PackError(w.err("E-MISSING-FILE", f"{what} '{shown(root, path)}' does not exist"))
    return path


def local_file(root: Path, value, w: Where, what: str) -> Path:
    """A file named in the pack's values (a logo): a path inside the pack, never an address."""
    text = str(value).strip()
    if "://" in text or text.startswith(("//", "data:", "mailto:")):
        raise PackError(w.err("E-PATH", f"{what} '{text}' is an address: outputs never fetch URLs; "
                                        f"put the file in the pack and give its path"))
    if Path(text).is_absolute():
        raise PackError(w.err("E-PATH", f"{what} '{text}' lies outside the pack: give a path inside "
                                        f"the pack folder, such as 'schools/oak/logo.png'"))
    return inside(root, root / text, w, what)


def deep_merge(base: dict, over: dict, whole: tuple = ()) -> dict:
    """``over`` on top of ``base``, mapping by mapping; keys in ``whole`` are replaced whole, not
    merged (a school's own DSL or approval record is not mixed with the trust's). Source lines
    are kept: each value still knows the file and line it came from."""
    out = SrcDict(base)
    src = over if isinstance(over, SrcDict) else base
    out.path = getattr(src, "path", "")
    out.line = getattr(src, "line", None)
    out.lines = {**getattr(base, "lines", {}), **getattr(over, "lines", {})}
    for k, v in over.items():
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
    raw = need_mapping(load_yaml(path, name), Where(name, 1), "trust.yml")
    check_keys(raw, {"trust", "defaults", "settings"}, "trust.yml", out)
    values = need_mapping(get(raw, "trust", dict, "trust.yml", required=True), where_of(raw, "trust"),
                          "'trust'")
    check_keys(values, IDENTITY_KEYS, "the trust's values", out)
    get_text(values, "name", "the trust's values", required=True)
    defaults = get(raw, "defaults", dict, "trust.yml", default=SrcDict())
    shapes = Collector()  # schools merge these: they must be mappings
    for key in ("roles", "lists", "options", "extra", "policies", "external_policies"):
        shapes.run(get, defaults, key, dict, "the trust's defaults")
    shapes.run(get, values, "roles", dict, "the trust's values")
    shapes.raise_if_errors()
    check_keys(defaults, IDENTITY_KEYS | {"policies", "external_policies"} - {"name"},
               "the trust's defaults", out)
    settings = load_settings(raw, out)
    return Trust(values=values, defaults=defaults, settings=settings, shown=name, raw=raw)


def load_settings(raw, out: Collector) -> Settings:
    s = get(raw, "settings", dict, "trust.yml", default=SrcDict())
    check_keys(s, {"review_window_days", "default_review_cycle", "placeholder_phrases", "site_url"},
               "settings", out)
    result = Settings()
    if "review_window_days" in s:
        result.review_window_days = get(s, "review_window_days", int, "settings")
    if "default_review_cycle" in s:
        result.default_review_cycle = parse_cycle(s["default_review_cycle"], where_of(s, "default_review_cycle"))
    if "placeholder_phrases" in s:
        result.placeholder_phrases = [str(p).lower() for p in get(s, "placeholder_phrases", list, "settings")]
    result.site_url = get_text(s, "site_url", "settings")
    return result


# ---------------------------------------------------------------- policies

POLICY_KEYS = {"id", "title", "owner", "approving_body", "review_cycle", "related", "forms",
               "sections", "versions", "summary"}
SECTION_KEYS = {"id", "title", "editable"}


def load_policy(root: Path, folder: Path, out: Collector) -> Policy:
    pid = folder.name
    meta_path = folder / "policy.yml"
    name = shown(root, meta_path)
    w = Where(name, 1)
    slug(pid, w, "policy folder name")
    if not meta_path.is_file():
        raise PackError(w.err("E-MISSING-FILE", f"policy folder '{shown(root, folder)}' has no policy.yml"))
    inside(root, meta_path, w, "policy file")
    raw = need_mapping(load_yaml(meta_path, name), w, "policy.yml")
    what = f"policy '{pid}'"
    check_keys(raw, POLICY_KEYS, what, out)
    if "id" in raw and raw["id"] != pid:
        out.add(where_of(raw, "id").err("E-ID", f"id '{raw['id']}' must match its folder name '{pid}'"))
    sections, seen = [], {}
    for i, item in enumerate(as_list(raw.get("sections"), where_of(raw, "sections"), "sections")):
        sw = where_of(raw["sections"], i)
        spec = out.run(_section_spec, root, folder, item, sw, "trust", None)
        if spec is None:
            continue
        if spec.id in seen:
            out.add(sw.err("E-DUP-ID", f"section id '{spec.id}' is used twice in {what} "
                                       f"(first on line {seen[spec.id]})"))
            continue
        seen[spec.id] = sw.line
        sections.append(spec)
    if not sections:
        out.add(w.err("E-MISSING", f"{what} lists no sections"))
    versions = []
    for i, item in enumerate(as_list(raw.get("versions"), where_of(raw, "versions"), "versions")):
        vw = where_of(raw["versions"], i)
        v = out.run(_version, need_mapping(item, vw, "a version"), vw)
        if v:
            versions.append(v)
    cycle = None
    if raw.get("review_cycle") is not None:
        cycle = out.run(parse_cycle, raw["review_cycle"], where_of(raw, "review_cycle"))
    related = [str(x) for x in as_list(raw.get("related"), where_of(raw, "related"), "related")]
    forms = [str(x) for x in as_list(raw.get("forms"), where_of(raw, "forms"), "forms")]
    return Policy(
        id=pid,
        title=get_text(raw, "title", what, required=True),
        owner=get_text(raw, "owner", what, default="headteacher"),
        approving_body=get_text(raw, "approving_body", what, default="Local governing body"),
        review_cycle=cycle,
        related=related,
        forms=forms,
        sections=sections,
        versions=sorted(versions, key=lambda v: v.date, reverse=True),
        summary=get_text(raw, "summary", what, default=""),
        shown=name,
        where=w,
        lines=dict(raw.lines),
        raw=raw,
    )


def _section_spec(root, folder, item, sw: Where, origin, school) -> SectionSpec:
    item = need_mapping(item, sw, "a section")
    out = Collector()
    check_keys(item, SECTION_KEYS | ({"after"} if origin == "school" else set()), "a section", out,
               school)
    out.raise_if_errors()
    sid = slug(get_text(item, "id", "a section", school, required=True), sw, "section id")
    source = inside(root, folder / f"{sid}.md", sw, "section file")
    return SectionSpec(
        id=sid,
        title=get_text(item, "title", f"section '{sid}'", school, required=True),
        source=source,
        shown=shown(root, source),
        where=sw,
        editable=bool(get(item, "editable", bool, "a section", school, default=False)),
        origin=origin,
        after=get_text(item, "after", "a section", school),
    )


def _version(item, vw: Where) -> Version:
    check = Collector()
    check_keys(item, {"version", "date", "summary"}, "a version", check)
    check.raise_if_errors()
    return Version(
        version=get_text(item, "version", "a version", required=True),
        date=parse_date(get(item, "date", str, "a version", required=True), where_of(item, "date"),
                        "version date"),
        summary=get_text(item, "summary", "a version", required=True),
        where=vw,
    )


# ---------------------------------------------------------------- schools

SCHOOL_KEYS = IDENTITY_KEYS | {"policies", "external_policies"}
SCHOOL_POLICY_KEYS = {"approval", "add_sections", "replace_sections", "omit_sections", "forms"}
APPROVAL_KEYS = {"body", "approved", "version", "review_cycle", "next_review", "signatories"}
SIGNATORY_KEYS = {"name", "role", "title", "signed", "digital"}


def load_school(root: Path, path: Path, trust: Trust, out: Collector) -> School:
    sid = path.stem
    name = shown(root, path)
    w = Where(name, 1, None)
    slug(sid, w, "school file name")
    w.school = sid
    inside(root, path, w, "school file")
    raw = need_mapping(load_yaml(path, name, sid), w, "a school file")
    check_keys(raw, SCHOOL_KEYS, "the school file", out, sid)
    get_text(raw, "name", "the school file", sid, required=True)
    for key in ("address", "phone", "email", "website", "colour", "logo", "short_name", "motto"):
        if key == "address":
            continue
        out.run(get_text, raw, key, "the school file", sid)
    shapes = Collector()  # the merge below needs mappings: stop here if one is not
    for key in ("roles", "lists", "options", "extra", "policies", "external_policies"):
        shapes.run(get, raw, key, dict, "the school file", sid)
    out.extend(shapes.items)
    shapes.raise_if_errors()
    values = deep_merge(_without(trust.defaults, "policies", "external_policies"),
                        _without(raw, "policies", "external_policies"), whole=("roles",))
    if isinstance(trust.defaults.get("roles"), dict) and isinstance(raw.get("roles"), dict):
        roles = SrcDict({**trust.defaults["roles"], **raw["roles"]})  # each role replaced whole
        roles.path, roles.line = raw["roles"].path, raw["roles"].line
        roles.lines = {**trust.defaults["roles"].lines, **raw["roles"].lines}
        values["roles"] = roles
    roles = values.get("roles") or {}
    for rid, role in roles.items():
        rw = where_of(raw.get("roles") or trust.defaults.get("roles"), rid, sid)
        if out.run(slug, rid, rw, "role id") is None:
            continue
        if not isinstance(role, dict):
            out.add(rw.err("E-TYPE", f"role '{rid}' must be a mapping with name, title, email, phone"))
            continue
        check_keys(role, ROLE_KEYS, f"role '{rid}'", out, sid)
    if values.get("logo") is not None:
        lw = where_of(raw if "logo" in raw else trust.defaults, "logo", sid)
        out.run(local_file, root, values.get("logo"), lw, "logo")
    colour = values.get("colour")
    if colour is not None and not __import__("re").match(r"^#[0-9a-fA-F]{6}$", str(colour)):
        out.add(where_of(raw, "colour", sid).err("E-COLOUR", f"colour '{colour}' must be written #rrggbb"))

    policies = {}
    trust_pol = trust.defaults.get("policies") or {}
    school_pol = raw.get("policies") or {}
    for pid in sorted(set(trust_pol) | set(school_pol)):
        pw = where_of(school_pol if pid in school_pol else trust_pol, pid, sid)
        merged = deep_merge(trust_pol.get(pid) or SrcDict(), school_pol.get(pid) or SrcDict(),
                            whole=("approval",))
        sp = out.run(_school_policy, root, sid, pid, merged, school_pol.get(pid) or {}, pw)
        if sp:
            policies[pid] = sp

    external = {}
    ext_raw = deep_merge(trust.defaults.get("external_policies") or {}, raw.get("external_policies") or {})
    for eid, item in ext_raw.items():
        ew = where_of(raw.get("external_policies") or trust.defaults.get("external_policies"), eid, sid)
        if out.run(slug, eid, ew, "external policy id") is None:
            continue
        item = out.run(need_mapping, item, ew, f"external policy '{eid}'")
        if item is None:
            continue
        check_keys(item, {"title", "url"}, f"external policy '{eid}'", out, sid)
        title = out.run(get_text, item, "title", f"external policy '{eid}'", sid, True)
        url = out.run(get_text, item, "url", f"external policy '{eid}'", sid, True)
        if title and url:
            if not url.startswith(("https://", "http://")):
                out.add(ew.err("E-URL", f"external policy '{eid}' url must start with https://"))
            external[eid] = ExternalPolicy(eid, title, url, ew)
    return School(id=sid, values=values, policies=policies, external=external, shown=name, path=path,
                  raw=raw)


def _without(m: dict, *keys) -> SrcDict:
    out = SrcDict((k, v) for k, v in m.items() if k not in keys)
    out.path, out.line = getattr(m, "path", ""), getattr(m, "line", None)
    out.lines = {k: v for k, v in getattr(m, "lines", {}).items() if k not in keys}
    return out


def _school_policy(root, sid, pid, merged, own, pw: Where) -> SchoolPolicy:
    out = Collector()
    merged = need_mapping(merged, pw, f"policy '{pid}' settings")
    check_keys(merged, SCHOOL_POLICY_KEYS, f"the settings for policy '{pid}'", out, sid)
    approval = None
    if merged.get("approval") is not None:
        approval = out.run(_approval, need_mapping(merged["approval"], where_of(merged, "approval", sid),
                                                   "approval"), sid)
    folder = root / "schools" / sid / pid
    adds = []
    for i, item in enumerate(as_list(own.get("add_sections"), where_of(own, "add_sections", sid),
                                     "add_sections")):
        spec = out.run(_section_spec, root, folder, item, where_of(own["add_sections"], i, sid),
                       "school", sid)
        if spec:
            adds.append(spec)
    replaces = {}
    for i, item in enumerate(as_list(own.get("replace_sections"), where_of(own, "replace_sections", sid),
                                     "replace_sections")):
        spec = out.run(_section_spec, root, folder, item, where_of(own["replace_sections"], i, sid),
                       "school", sid)
        if spec:
            replaces[spec.id] = spec
    omit = [str(x) for x in as_list(own.get("omit_sections"), where_of(own, "omit_sections", sid),
                                    "omit_sections")]
    forms = merged.get("forms") or {}
    fw = where_of(merged, "forms", sid)
    forms = out.run(need_mapping, forms, fw, "forms") or {}
    check_keys(forms, {"add", "omit"}, "forms", out, sid)
    out.raise_if_errors()
    return SchoolPolicy(
        policy_id=pid, approval=approval, add_sections=adds, replace_sections=replaces,
        omit_sections=omit,
        forms_add=[str(x) for x in as_list(forms.get("add"), fw, "forms add")],
        forms_omit=[str(x) for x in as_list(forms.get("omit"), fw, "forms omit")],
        where=pw)


def _approval(a, sid) -> Approval:
    out = Collector()
    check_keys(a, APPROVAL_KEYS, "approval", out, sid)
    out.raise_if_errors()
    what = "approval"

    def date(key):
        if a.get(key) is None:
            return None
        return out.run(parse_date, a[key], where_of(a, key, sid), f"{key.replace('_', ' ')} date")

    cycle = None
    if a.get("review_cycle") is not None:
        cycle = out.run(parse_cycle, a["review_cycle"], where_of(a, "review_cycle", sid))
    signatories = []
    for i, s in enumerate(as_list(a.get("signatories"), where_of(a, "signatories", sid), "signatories")):
        sw = where_of(a["signatories"], i, sid)
        s = out.run(need_mapping, s, sw, "a signatory")
        if s is None:
            continue
        check_keys(s, SIGNATORY_KEYS, "a signatory", out, sid)
        signed = None
        if s.get("signed") is not None:
            signed = out.run(parse_date, s["signed"], where_of(s, "signed", sid), "signed date")
        name = out.run(get_text, s, "name", "a signatory", sid, True)
        title = out.run(get_text, s, "title", "a signatory", sid, True)
        digital = out.run(get, s, "digital", bool, "a signatory", sid, False, False)
        if name and title:
            signatories.append(Signatory(name, get_text(s, "role", "a signatory", sid), title, signed,
                                         bool(digital), sw))
    result = Approval(
        body=out.run(get_text, a, "body", what, sid),
        approved=date("approved"),
        version=out.run(get_text, a, "version", what, sid),
        review_cycle=cycle,
        next_review=date("next_review"),
        signatories=signatories,
        where=Where(a.path, a.line, sid),
        lines=dict(a.lines),
    )
    out.raise_if_errors()
    return result


# ---------------------------------------------------------------- forms

def load_form_file(root: Path, path: Path, out: Collector) -> Form:
    fid = path.stem
    name = shown(root, path)
    w = Where(name, 1)
    slug(fid, w, "form file name")
    inside(root, path, w, "form file")
    raw = need_mapping(load_yaml(path, name), w, "a form file")
    from builder.source.forms import parse_form  # the forms module owns the field schema
    spec = parse_form(raw, fid, out)
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
            if pid not in policies:
                out.add(sp.where.err("E-REF-POLICY", f"settings for policy '{pid}', which is not in content/"))
    out.raise_if_errors()
    theme = root / "themes" / "policypack"
    if not theme.is_dir():
        theme = DEFAULT_THEME  # a pack without its own theme uses the one policypack ships
    return Pack(root=root, trust=trust, schools=schools, policies=policies, forms=forms,
                theme_dir=theme)
