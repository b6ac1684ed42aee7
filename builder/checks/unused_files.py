"""Files in the school folders that nothing uses (W-UNUSED-FILE): nothing in a pack is ignored
without a word. A school file saved as ``.yaml`` (the pack reads ``schools/<id>.yml``), a folder of
no school (``schools/vine-tre/``, a misspelt id), a folder for a policy the school does not have,
and a section file its school file neither adds nor uses to replace a section: each is named,
with what it was probably meant to be."""

from __future__ import annotations

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.source.values import did_you_mean


def check_unused_files(pack, resolved) -> list[Diagnostic]:
    folder = pack.root / "schools"
    if not folder.is_dir():
        return []
    out: list[Diagnostic] = []
    schools = set(pack.schools)
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        shown = f"schools/{name}"
        if path.is_file() and path.suffix.lower() in (".yaml", ".yml") and path.suffix != ".yml":
            out.append(diagnostic(shown, None, "W-UNUSED-FILE",
                                  f"'{shown}' is not read: a school's file is named "
                                  f"schools/<school-id>.yml; rename it '{path.stem}.yml'"))
        elif path.is_dir() and name not in schools:
            out.append(diagnostic(shown, None, "W-UNUSED-FILE",
                                  f"the folder '{shown}/' belongs to no school (there is no "
                                  f"schools/{name}.yml), so nothing in it is read"
                                  f"{did_you_mean(name, schools)}"))
    for sid in sorted(resolved):
        school, own = pack.schools[sid], folder / sid
        if not own.is_dir():
            continue
        used = {spec.shown for sp in school.policies.values()
                for spec in [*sp.add_sections, *sp.replace_sections.values()]}
        for sub in sorted(own.iterdir()):
            if sub.is_dir() and not sub.name.startswith(".") and sub.name not in school.policies:
                out.append(diagnostic(f"schools/{sid}/{sub.name}", None, "W-UNUSED-FILE",
                                      f"the folder 'schools/{sid}/{sub.name}/' is for no policy of this "
                                      f"school, so nothing in it is read{did_you_mean(sub.name, school.policies)}",
                                      sid))
            elif sub.is_dir() and not sub.name.startswith("."):
                for md in sorted(sub.glob("*.md")):
                    shown = f"schools/{sid}/{sub.name}/{md.name}"
                    if shown not in used:
                        out.append(diagnostic(shown, None, "W-UNUSED-FILE",
                                              f"'{shown}' is not read: schools/{sid}.yml neither adds "
                                              f"it (add_sections) nor replaces a section with it "
                                              f"(replace_sections) under policy '{sub.name}'", sid))
    return out
