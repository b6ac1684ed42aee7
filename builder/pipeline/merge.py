"""``policypack merge SHARD_DIR... --out DIR``: the final step of a sharded build.

Each ``policypack build --shard K/N --out SHARD_DIR`` writes some schools' folders and a manifest
with their keys and index summaries. Merging copies (hard-links) every shard's school folders
into one output, combines the manifests and writes the trust index from the combined manifest,
so the result is the same as one ``policypack build`` of the whole pack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from builder.common.diagnostics import Diagnostic, PackError, error
from builder import __version__
from builder.render.base import Finish
from builder.pipeline.manifest import Manifest, read_manifest, write_manifest
from builder.pipeline.build import finish_builders, post_render_checks
from builder.common.paths import MANIFEST, in_school
from builder.project import Project
from builder.pipeline.staging import Staging, link_tree


@dataclass
class MergeResult:
    out: Path
    schools: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def merge_shards(project: Path, shards: list[Path], out: Path | None = None, *,
                 today: dt.date | None = None, run_checks: bool = True) -> MergeResult:
    """Merge shard output folders into ``out`` (replaced atomically, like a build)."""

    project = Path(project)
    out = Path(out) if out else project / "site"
    problems: list[Diagnostic] = []
    manifests = []
    for shard in map(Path, shards):
        m = read_manifest(shard)
        if m is None:
            problems.append(error(shard, None, "E-MERGE", f"not a policypack build folder (no readable "
                                                           f"{MANIFEST}): give the --out folder of a build"))
            continue
        manifests.append((shard, m))
    if problems:
        raise PackError(problems)
    builders = sorted({m.builder for _, m in manifests})
    if len(builders) > 1:
        problems.append(error(manifests[0][0], None, "E-MERGE", "the shards were built by different "
                              f"policypack versions ({', '.join(builders)}): rebuild them with one"))
    dates = sorted({m.today for _, m in manifests})
    if today is None:
        if len(dates) > 1:
            problems.append(error(manifests[0][0], None, "E-MERGE", "the shards were built for "
                                  f"different dates ({', '.join(dates)}): build them with the same "
                                  "--today, or give merge --today"))
        else:
            try:
                today = dt.date.fromisoformat(dates[0])
            except ValueError:
                today = dt.date.today()
    owner: dict[str, Path] = {}
    for shard, m in manifests:
        for sid, entry in m.schools.items():
            if sid in owner:
                problems.append(error(shard, None, "E-MERGE", f"school '{sid}' is in two shards "
                                      f"({owner[sid]} and {shard}): give each shard folder once"))
            elif not (shard / in_school(sid)).is_dir():
                problems.append(error(shard / in_school(sid), None, "E-MERGE", f"the manifest lists school "
                                      f"'{sid}' but its folder is missing: rebuild this shard"))
            elif entry.summary is None:
                problems.append(error(shard / MANIFEST, None, "E-MERGE", f"the manifest's record of "
                                      f"school '{sid}' cannot be read: rebuild this shard"))
            owner.setdefault(sid, shard)
    pack = Project(project, today).pack
    missing = sorted(set(pack.schools) - set(owner))
    if missing:
        problems.append(error("schools", None, "E-MERGE", "no shard has school(s) "
                              f"{', '.join(missing)}: is a shard missing? (every K from 1 to N)"))
    if problems:
        raise PackError(problems)
    assert today is not None   # given, or the shards' one date (differing dates are raised above)

    result = MergeResult(out=out, schools=sorted(owner))
    trust = pack.trust.values.get("name", "")
    manifest = Manifest(builders[0] if builders else __version__, trust, today.isoformat())
    with Staging(out, copy_previous=False) as staging:
        for shard, m in manifests:
            for sid, entry in m.schools.items():
                link_tree(shard / in_school(sid), staging.stage / in_school(sid))
                manifest.schools[sid] = entry
        # what is made of the whole build (the trust index), as a build makes it
        written = finish_builders(Finish(staging.stage, pack, manifest, today))
        write_manifest(staging.stage, manifest)
        if run_checks:
            result.diagnostics = post_render_checks(staging.stage, out.name,
                                                    [staging.stage / f for f in written])
            errors = [d for d in result.diagnostics if d.severity == "error"]
            if errors:
                raise PackError(errors)
        staging.commit()
    return result

