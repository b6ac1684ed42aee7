"""``policypack verify``: is each policy PDF signed, by whom and when, and unaltered since?

For each file: whether it is signed, by whom, when, whether anything changed after signing
(beyond filling in and signing the fields the trust's certification permits), whether the
certificate chains to a trusted root, and which school, policy and version it is (from the
document information dictionary, as the signer signed it). pyHanko does the checking.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from builder.common.diagnostics import Collector, PackError, error
from builder.common.files import read_input

#: Document information keys the policy PDF carries, by what they mean. WeasyPrint writes a
#: ``<meta name="PolicypackSchool">`` as ``/policypackschool`` (lower case, letters and digits
#: only), so keys are matched ignoring case and punctuation.
META_KEYS = {
    "school": "PolicypackSchool",
    "policy": "PolicypackPolicy",
    "version": "PolicypackVersion",
    "approved": "PolicypackApproved",
    "state": "PolicypackState",
}


@dataclass
class Signature:
    """One filled signature field."""

    field: str
    signer: str                 # "CN, O" of the signing certificate
    signed_at: str | None       # ISO 8601, as the signer's clock reported it
    certification: bool         # the trust's certification (DocMDP) signature
    intact: bool                # signed bytes unaltered and nothing but allowed changes after
    trusted: bool               # certificate chains to a trusted root
    changes: str                # what changed after this signature
    problem: str | None = None


@dataclass
class Result:
    path: str
    signed: bool
    intact: bool
    trusted: bool
    message: str
    signer: str | None = None
    signed_at: str | None = None
    school: str | None = None
    policy: str | None = None
    version: str | None = None
    approved: str | None = None
    state: str | None = None
    title: str | None = None
    signatures: list[Signature] = field(default_factory=list)
    empty_fields: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Signed, and nothing changed after signing beyond filling in signature fields."""
        return self.signed and self.intact

    def to_json(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def load_trust_roots(paths: Iterable[Path]) -> list:
    """Certificates (PEM or DER) to trust, for ``verify --trust``."""
    from pyhanko.keys import load_certs_from_pemder_data

    roots = []
    for p in paths:
        data = read_input(Path(p), "E-VERIFY-TRUST", "the trusted certificate")
        try:
            certs = list(load_certs_from_pemder_data(data))
        except Exception:  # noqa: BLE001 - whatever fails to read is "not a PEM or DER certificate"
            certs = []
        if not certs:
            raise PackError(error(p, None, "E-VERIFY-TRUST",
                                  "not a PEM or DER certificate"))
        roots.extend(certs)
    return roots


def verify_files(paths: Iterable[Path], trust: Iterable[Path] = ()) -> list[Result]:
    """Verify each file; a PackError lists every file that could not be read."""
    collector = Collector()
    results = verify_each(paths, trust, collector)
    collector.raise_if_errors()
    return results


def verify_each(paths: Iterable[Path], trust: Iterable[Path], collector: Collector) -> list[Result]:
    """As verify_files, but unreadable files go to ``collector`` and the rest are returned."""
    roots = load_trust_roots(trust)
    results = []
    with _quiet("pyhanko", "pyhanko_certvalidator"):
        for p in paths:
            r = collector.run(verify_file, Path(p), roots)
            if r is not None:
                results.append(r)
    return results


@contextmanager
def _quiet(*names):
    """pyHanko logs an untrusted certificate as an error with a traceback; the Result says it."""
    loggers = [logging.getLogger(n) for n in names]
    old = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, old):
            lg.setLevel(level)


FIELD_DEPTH = 12    # the deepest a form's field tree is read (as forms collect reads it)


def _field_depth(reader) -> int:
    """How deep the AcroForm field tree goes, walked without recursion and stopping one level past
    ``FIELD_DEPTH`` (each object visited once), so the signature reader never meets a tree deeper
    than it can walk."""
    try:
        fields = reader.root.get("/AcroForm", {}).get("/Fields", [])
    except Exception:  # noqa: BLE001 - a damaged form dictionary: left to the signature reader
        return 0
    deepest, seen = 0, set()
    todo = [(f, 1) for f in (fields if isinstance(fields, list) else [])]
    while todo:
        item, depth = todo.pop()
        deepest = max(deepest, depth)
        if depth > FIELD_DEPTH:
            return depth
        key = getattr(item, "idnum", None) or id(item)
        if key in seen:
            continue
        seen.add(key)
        try:
            obj = item.get_object() if hasattr(item, "get_object") else item
            kids = obj.get("/Kids", []) if hasattr(obj, "get") else []
        except Exception:  # noqa: BLE001 - an unreadable object: no deeper
            continue
        todo.extend((k, depth + 1) for k in (kids if isinstance(kids, list) else []))
    return deepest


def verify_file(path: Path, roots: list) -> Result:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    data = read_input(path, "E-VERIFY-READ", "the PDF")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if _field_depth(reader) > FIELD_DEPTH:
            raise PackError(error(path, None, "E-VERIFY-READ",
                                  f"not a readable PDF: its form's field tree is nested more than "
                                  f"{FIELD_DEPTH} levels deep, deeper than any form this tool writes"))
        meta = _info_values(reader)
        embedded = list(reader.embedded_signatures)
        signed_meta = [_info_values(reader.get_historical_resolver(e.signed_revision))
                       for e in embedded]
        empty = [name for name, value, _ in enumerate_sig_fields(reader, filled_status=False)]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PackError(error(path, None, "E-VERIFY-READ", f"not a readable PDF: {exc}")) from None
    except RecursionError:
        raise PackError(error(path, None, "E-VERIFY-READ", "not a readable PDF: its objects are nested "
                                                           "too deeply to read")) from None

    sigs = [_check_signature(e, roots) for e in embedded]
    # pyHanko's difference analysis lets a later update rewrite the document information
    # dictionary (it is "metadata"), but here it names the school, policy and version the
    # signer vouched for: a change to it after signing is an alteration.
    for sig, then in zip(sigs, signed_meta):
        changed = [k for k in then if then[k] != meta[k]]
        if changed and sig.problem is None:
            sig.problem = ("the document information (" + ", ".join(changed) + ") was changed "
                           "after signing")
            sig.intact = sig.trusted = False
    if signed_meta:
        meta = signed_meta[0]  # what the first signer signed
    result = Result(path=str(path), signed=bool(sigs),
                    intact=bool(sigs) and all(s.intact for s in sigs),
                    trusted=bool(sigs) and all(s.trusted for s in sigs), message="",
                    signatures=sigs, empty_fields=empty, **_shown(meta))
    if sigs:
        first = next((s for s in sigs if s.certification), sigs[0])
        result.signer, result.signed_at = first.signer, first.signed_at
    result.message = _message(result)
    return result


def _check_signature(emb, roots) -> Signature:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    field_name = emb.field_name
    # A certification signature carries a DocMDP transform reference (ISO 32000-1, 12.8.2.2).
    certification = any(ref.get_object().get("/TransformMethod") == "/DocMDP"
                        for ref in emb.sig_object.get("/Reference", ()))
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    # Document-signing certificates carry digitalSignature, nonRepudiation or both.
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                match_all_key_usages=False)
    try:
        status = validate_pdf_signature(emb, vc, key_usage_settings=usage)
    except (SignatureValidationError, ValueError) as exc:
        return Signature(field_name, _subject(getattr(emb, "signer_cert", None)), None,
                         certification, False, False, "unknown",
                         f"the signature cannot be checked: {exc}")
    signed_at = status.signer_reported_dt.isoformat() if status.signer_reported_dt else None
    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        changes = "none"
    elif level is None:
        changes = "unknown"
    elif level <= ModificationLevel.LTA_UPDATES:
        changes = "validation data only"
    elif level == ModificationLevel.FORM_FILLING:
        changes = "form filling and signing only"
    else:
        changes = "other changes"
    problem = None
    if not (status.intact and status.valid):
        problem = "the signed content no longer matches its signature"
    elif status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problem = "the signature does not cover its whole revision of the file"
    elif not (status.coverage == SignatureCoverageLevel.ENTIRE_FILE
              or (level is not None and level <= ModificationLevel.FORM_FILLING
                  and status.docmdp_ok)):
        problem = "the file was changed after signing in ways the signature does not permit"
    return Signature(field=field_name, signer=_subject(status.signing_cert), signed_at=signed_at,
                     certification=certification, intact=problem is None,
                     trusted=problem is None and status.trusted, changes=changes, problem=problem)


def _message(r: Result) -> str:
    if not r.signed:
        return "not signed"
    bad = [s for s in r.signatures if not s.intact]
    if bad:
        return "; ".join(f"ALTERED AFTER SIGNING: signature {s.field!r} by {s.signer}: {s.problem}"
                         for s in bad)
    parts = []
    for s in r.signatures:
        kind = "certified" if s.certification else "signed"
        trust = ("certificate trusted" if s.trusted
                 else "certificate not from a trusted authority")
        after = "" if s.changes == "none" else f"; later changes: {s.changes}"
        parts.append(f"{kind} by {s.signer} at {s.signed_at or 'an unknown time'}: "
                     f"signature valid, {trust}{after}")
    return "; ".join(parts)


def _info_values(handler) -> dict[str, tuple[str, ...]]:
    """school, policy, version, approved, state, title -> every value a trailer's /Info has.

    Keys are matched ignoring case and punctuation, so ``/policypackversion`` (as WeasyPrint
    writes it) and ``/PolicypackVersion`` both count; a file carrying both with different
    values shows both.
    """
    from pyhanko.pdf_utils import generic

    def resolve(obj):
        # through ``handler``: for a past revision, its own objects, not the newest ones
        return handler.get_object(obj.reference) if isinstance(obj, generic.IndirectObject) else obj

    try:
        info = resolve(handler.trailer_view.raw_get("/Info"))
    except KeyError:
        info = {}
    wanted = {**META_KEYS, "title": "Title"}
    plain = {re.sub(r"[^a-z0-9]", "", k.lower()): name for name, k in wanted.items()}
    out: dict[str, list[str]] = {name: [] for name in wanted}
    for k in sorted(info):
        name = plain.get(re.sub(r"[^a-z0-9]", "", str(k).lower()))
        value = str(resolve(info.raw_get(k)))
        if name and value not in out[name]:
            out[name].append(value)
    return {name: tuple(v) for name, v in out.items()}


def _shown(values: dict[str, tuple[str, ...]]) -> dict[str, str | None]:
    return {name: " / ".join(v) if v else None for name, v in values.items()}


def _subject(cert) -> str:
    if cert is None:
        return "unknown signer"
    names = cert.subject.native
    parts = [names.get("common_name"), names.get("organization_name")]
    return ", ".join(p for p in parts if p) or cert.subject.human_friendly
