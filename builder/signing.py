"""Signature fields, the trust's digital signature, and verification of signed policy PDFs.

Three steps, with pyHanko:

1. ``add_signature_fields``: after WeasyPrint has written a policy PDF, put an empty signature
   field (``/FT /Sig``) over each signatory's box. The renderer marks each box with an HTML id
   ``signature-<n>``; WeasyPrint writes every id as a named destination (``/Names /Dests``) whose
   ``/XYZ`` point is the box's top-left corner, so the field is placed there with a fixed size.
   The fields are appended to WeasyPrint's bytes as an incremental update (in a compressed
   object stream), byte-for-byte reproducibly; the file is read with pypdf, written by pyHanko.
2. ``sign_pdf``: the trust certifies the file (PAdES baseline B-B, ``ETSI.CAdES.detached``)
   with DocMDP permission level 2, "fill in forms and sign". A certification signature says
   "this is the trust's document" and tells every validator exactly which later changes are
   legitimate: filling in and signing the empty fields. Anything else (edited text, a swapped
   page, changed metadata) marks the certification as broken. A plain approval signature would
   leave that judgement to each viewer's heuristics, so certification is the stronger choice,
   and it still leaves the governors' fields signable.
3. ``verify_files``: for each file, whether it is signed, by whom, when, whether anything
   changed after signing, whether the certificate chains to a trusted root, and which school,
   policy and version it is (from the document information dictionary).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .diagnostics import Collector, PackError, error

MM = 72 / 25.4
#: Size of a signature field in points: the approval block's box is about 60mm x 15mm.
FIELD_SIZE = (60 * MM, 15 * MM)
#: Name of the (invisible) field that carries the trust's certification signature.
TRUST_FIELD = "trust_certification"
PASSWORD_ENV = "POLICYPACK_SIGN_PASSWORD"
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


# ---------------------------------------------------------------------------------------------
# 1. signature fields


def signature_fields_for(signatories) -> list[tuple[str, str, str]]:
    """(anchor id, field name, tooltip) for each signatory who signs digitally.

    ``signatories`` is an approval record's list (model.Signatory or anything with ``name``,
    ``title``, ``role`` and ``digital``); anchors count every signatory from 1, as the renderer
    numbers them. The field is ``signature_<role>`` when the role is unique, else
    ``signature_<n>``.
    """
    roles = [getattr(s, "role", None) for s in signatories]
    out = []
    for n, s in enumerate(signatories, 1):
        if not s.digital:
            continue
        role = roles[n - 1]
        key = role if role and roles.count(role) == 1 else str(n)
        name = "signature_" + re.sub(r"[^A-Za-z0-9]+", "_", key)
        tip = f"Signature of {s.name}" + (f", {s.title}" if getattr(s, "title", None) else "")
        out.append((f"signature-{n}", name, tip))
    return out


def anchor_positions(pdf_path: Path) -> dict[str, tuple[int, float, float]]:
    """Named destinations of a PDF: id -> (page index from 0, left, top) in PDF points."""
    from pypdf import PdfReader

    return _anchors(PdfReader(pdf_path))


def _anchors(reader) -> dict[str, tuple[int, float, float]]:
    out = {}
    for name, dest in reader.named_destinations.items():
        page = reader.get_destination_page_number(dest)
        left, top = dest.get("/Left"), dest.get("/Top")
        if page is None or page < 0 or left is None or top is None:
            continue
        out[str(name)] = (page, float(left), float(top))
    return out


def add_signature_fields(pdf_path: Path, fields: Sequence[tuple[str, ...]],
                         *, size: tuple[float, float] = FIELD_SIZE) -> None:
    """Add an empty signature field at each anchor, rewriting ``pdf_path`` in place.

    ``fields`` holds ``(anchor id, field name)`` or ``(anchor id, field name, tooltip)``. The
    field's top-left corner is the anchor's; its size is ``size`` (points). Run this before
    any signing. The output depends only on the input bytes and ``fields`` (no clock, no
    random document id), so a rebuild gives the same file.
    """
    from pypdf import PdfReader
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    pdf_path = Path(pdf_path)
    if not fields:
        return
    data = _read(pdf_path)
    # Everything that walks the file (named destinations, the structure tree) is read with
    # pypdf, which parses each compressed object stream once. pyHanko re-parses a whole object
    # stream for every object it fetches from one, so a full rewrite with pyHanko
    # (copy_into_new_writer) took 3-9 s per policy PDF and dropped WeasyPrint's object streams
    # (3x the size). Instead pyHanko appends an incremental update holding only the new field,
    # widget and /Form objects and the few objects they change (page, catalog, structure
    # tree): it fetches about ten objects, and WeasyPrint's bytes stay as they were. An update
    # is harmless here because nothing is signed yet; the trust's certification comes after
    # and covers the whole file. pyHanko (not pypdf) writes it because pyHanko builds the
    # signature fields and later signs and checks them, and pypdf's incremental writer leaves
    # /Info out of the new trailer when /Info itself is unchanged.
    layout = PdfReader(io.BytesIO(data))
    anchors = _anchors(layout)
    missing = [f[0] for f in fields if f[0] not in anchors]
    if missing:
        raise PackError([error(pdf_path, None, "E-SIGN-ANCHOR",
                               f"no element with id {a!r} for a signature field; the approval "
                               "block must mark each digital signatory's box") for a in missing])
    names = [f[1] for f in fields]
    if len(set(names)) != len(names):
        raise PackError(error(pdf_path, None, "E-SIGN-FIELD",
                              f"signature field names repeat: {', '.join(names)}"))

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    if writer.prev.embedded_signatures:
        raise PackError(error(pdf_path, None, "E-SIGN-FIELD",
                              "already signed; signature fields are added before signing"))
    width, height = size
    widgets = []
    for spec in fields:
        anchor, name = spec[0], spec[1]
        tip = spec[2] if len(spec) > 2 else f"Signature: {name}"
        page, left, top = anchors[anchor]
        append_signature_field(writer, SigFieldSpec(
            sig_field_name=name, on_page=page, readable_field_name=tip,
            box=(round(left, 2), round(top - height, 2), round(left + width, 2), round(top, 2))))
        widgets.append((page, name))
    slots = _form_slots(layout, {page for page, _ in widgets})
    if slots is not None:
        _tag_widgets(writer, widgets, *slots)
    # Reproducible output: pyHanko's writer draws a random document /ID and stamps /ModDate
    # with the clock. Keep the first /ID half if the file has one (it is the document's
    # permanent id), derive the second from the content (both from it if there is none: a
    # WeasyPrint file has no /ID), and leave the information dictionary and XMP metadata
    # exactly as the renderer wrote them.
    digest = generic.ByteStringObject(
        hashlib.sha256(data + repr(list(fields)).encode()).digest()[:16])
    first, ids = digest, layout.trailer.get("/ID")
    if ids:
        first = generic.ByteStringObject(getattr(ids[0], "original_bytes", None) or ids[0])
    writer._document_id = generic.ArrayObject([first, digest])
    writer._update_meta = lambda: None
    _compress_update(writer)
    out = io.BytesIO()
    writer.write(out)
    _replace(pdf_path, out.getvalue())


def _compress_update(writer) -> None:
    """Put the update's dictionaries and arrays into one compressed object stream.

    WeasyPrint keeps its objects in object streams; written plainly, the rewritten catalog
    (with its named destinations) and parent tree would add about a quarter to the file.
    Object streams need a cross-reference stream, which a WeasyPrint file has.
    """
    from pyhanko.pdf_utils import generic

    if not writer.stream_xrefs:
        return
    plain = [(key, obj) for key, obj in sorted(writer.objects.items())
             if key[0] == 0 and not isinstance(obj, (generic.StreamObject,
                                                     generic.IndirectObject))]
    if not plain:
        return
    stream = writer.prepare_object_stream()
    for key, obj in plain:
        stream.add_object(key[1], obj)
        writer.objs_in_streams[key[1]] = obj
        del writer.objects[key]


def _form_slots(reader, pages: set[int]) -> tuple[int, dict[int, int]] | None:
    """Where each page's new /Form structure elements go, read with pypdf.

    WeasyPrint's tagged PDF has one /Document element whose children run page by page; the
    /Form elements of a page go after the last child on that page (after the approval block,
    in reading order), or at the end if none is. Returns (number of children, page index ->
    position among them), or None for an untagged PDF or a parent tree split into /Kids.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    tree = tree.get_object() if tree is not None else None
    if not isinstance(tree, DictionaryObject) or "/K" not in tree or "/ParentTree" not in tree:
        return None
    if "/Nums" not in tree["/ParentTree"].get_object():
        return None
    kids = tree["/K"]
    doc = (kids[0] if isinstance(kids, ArrayObject) else kids).get_object()
    children = doc.get("/K") if isinstance(doc, DictionaryObject) else None
    if not isinstance(children, ArrayObject):
        return None
    page_of = {reader.pages[p].indirect_reference.idnum: p for p in pages}
    slots = {p: len(children) for p in pages}
    for i, kid in enumerate(children):
        elem = kid.get_object()
        pg = elem.raw_get("/Pg") if isinstance(elem, DictionaryObject) and "/Pg" in elem else None
        if isinstance(pg, IndirectObject) and pg.idnum in page_of:
            slots[page_of[pg.idnum]] = i + 1
    return len(children), slots


def _tag_widgets(writer, widgets: list[tuple[int, str]], count: int,
                 slots: dict[int, int]) -> None:
    """Tag each new field's widget as a /Form structure element, as PDF/UA-1 (7.18.4) asks.

    Each /Form goes into the /Document element at its page's slot (see ``_form_slots``: the
    same file, read by pypdf), and the widget gets a /StructParent entry in the parent tree.
    Only the objects changed are marked for the incremental update.
    """
    from pyhanko.pdf_utils import generic

    root = writer.root
    tree = root["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    kids = tree.raw_get("/K")
    doc_ref = kids.raw_get(0) if isinstance(kids, generic.ArrayObject) else kids
    children = doc_ref.get_object()["/K"]
    if len(children) != count:  # pypdf and pyHanko read the same bytes
        raise AssertionError("structure tree read differently by pypdf and pyHanko")
    # the new fields are the last ones in /Fields; look only at those
    new = {}
    for ref in reversed(root["/AcroForm"].raw_get("/Fields")):
        name = str(ref.get_object()["/T"])
        new[name] = ref
        if all(n in new for _, n in widgets):
            break
    next_key = max([int(nums[i]) for i in range(0, len(nums), 2)]
                   + [int(tree.get("/ParentTreeNextKey", 0)) - 1]) + 1
    forms_at: dict[int, list] = {}
    for page, name in widgets:
        page_ref = writer.find_page_for_modification(page)[0]
        widget_ref = new[name]
        objr = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/OBJR"),
            generic.NameObject("/Obj"): widget_ref, generic.NameObject("/Pg"): page_ref})
        form_ref = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/StructElem"),
            generic.NameObject("/S"): generic.NameObject("/Form"),
            generic.NameObject("/P"): doc_ref, generic.NameObject("/Pg"): page_ref,
            generic.NameObject("/K"): objr}))
        forms_at.setdefault(slots[page], []).append(form_ref)
        widget_ref.get_object()[generic.NameObject("/StructParent")] = \
            generic.NumberObject(next_key)
        nums.extend([generic.NumberObject(next_key), form_ref])
        next_key += 1
    for slot in sorted(forms_at, reverse=True):
        children[slot:slot] = forms_at[slot]
    tree[generic.NameObject("/ParentTreeNextKey")] = generic.NumberObject(next_key)
    for changed in (children, nums, tree):
        writer.update_container(changed)


# ---------------------------------------------------------------------------------------------
# 2. signing


def load_signer(p12_path: Path, password: bytes | None):
    """A pyHanko signer from a PKCS#12 file; a PackError says what is wrong."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    p12_path = Path(p12_path)
    data = _read(p12_path, code="E-SIGN-CERT", what="the signing certificate")
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        hint = ("no password was given: set the environment variable " + PASSWORD_ENV
                if not password else "is the password right?")
        raise PackError(error(p12_path, None, "E-SIGN-CERT",
                              "cannot open the certificate: wrong password, or not a PKCS#12 "
                              f"(.p12/.pfx) file ({hint})")) from None
    if key is None or cert is None:
        raise PackError(error(p12_path, None, "E-SIGN-CERT",
                              "the PKCS#12 file must hold both a certificate and its private key"))
    return SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password)


def env_password(env_var: str = PASSWORD_ENV) -> bytes | None:
    """The certificate password from the environment (never the command line); unset: none."""
    raw = os.environ.get(env_var)
    return raw.encode() if raw else None


def certificate_fingerprint(p12_path: Path, env_var: str = PASSWORD_ENV) -> str:
    """SHA-256 of the signing certificate, for build cache keys.

    Opens the PKCS#12 file with the password from ``env_var``, so a missing file or a wrong
    password stops the build before anything is rendered.
    """
    signer = load_signer(p12_path, env_password(env_var))
    return hashlib.sha256(signer.signing_cert.dump()).hexdigest()


def sign_pdf(pdf_path: Path, p12_path: Path, password: bytes | None, *, reason: str,
             location: str | None = None, signer=None) -> None:
    """Certify ``pdf_path`` in place as the trust (PAdES B-B, DocMDP "fill forms and sign").

    The signature is appended as an incremental update, so the document information dictionary
    (school, policy, version) and the empty signature fields stay as they were. The file is
    replaced atomically: readers never see a half-written PDF. ``signer`` (from
    ``load_signer``) saves reopening the certificate for each file.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import signers
    from pyhanko.sign.fields import InvisSigSettings, MDPPerm, SigFieldSpec, SigSeedSubFilter

    pdf_path = Path(pdf_path)
    signer = signer or load_signer(p12_path, password)
    data = _read(pdf_path)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except PdfReadError as exc:
        raise PackError(error(pdf_path, None, "E-SIGN", f"not a readable PDF: {exc}")) from None
    if writer.prev.embedded_signatures:
        raise PackError(error(pdf_path, None, "E-SIGN",
                              "already signed; the trust's certification must be the first "
                              "signature (rebuild the PDF, then sign)"))
    meta = signers.PdfSignatureMetadata(
        field_name=TRUST_FIELD, reason=reason, location=location,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        certify=True, docmdp_permissions=MDPPerm.FILL_FORMS)
    out = io.BytesIO()
    # Invisible, its widget placed outside the page: PDF/UA exempts it from tagging.
    field = SigFieldSpec(TRUST_FIELD, invis_sig_settings=InvisSigSettings(box_out_of_bounds=True))
    signers.PdfSigner(meta, signer=signer, new_field_spec=field).sign_pdf(writer, output=out)
    _replace(pdf_path, out.getvalue())


def sign_outputs(pdf_paths: Iterable[Path], p12_path: Path, env_var: str = PASSWORD_ENV, *,
                 reason: str = "Approved policy published by the trust",
                 location: str | None = None) -> int:
    """Sign every PDF with the certificate, the password taken from ``env_var``.

    An unset variable means "no password". Opens the certificate once, before touching any
    file, so a wrong password stops the build with nothing half-signed. Returns the count.
    """
    password = env_password(env_var)
    signer = load_signer(p12_path, password)
    count = 0
    for path in pdf_paths:
        sign_pdf(path, p12_path, password, reason=reason, location=location, signer=signer)
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# 3. verification


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
        data = _read(Path(p), code="E-VERIFY-TRUST", what="the trusted certificate")
        try:
            certs = list(load_certs_from_pemder_data(data))
        except Exception:
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


def verify_file(path: Path, roots: list) -> Result:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    data = _read(path, code="E-VERIFY-READ")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        meta = _info_values(reader)
        embedded = list(reader.embedded_signatures)
        signed_meta = [_info_values(reader.get_historical_resolver(e.signed_revision))
                       for e in embedded]
        empty = [name for name, value, _ in enumerate_sig_fields(reader, filled_status=False)]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PackError(error(path, None, "E-VERIFY-READ", f"not a readable PDF: {exc}")) from None

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


# ---------------------------------------------------------------------------------------------
# files


def _read(path: Path, *, code: str = "E-SIGN", what: str = "the PDF") -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PackError(error(path, None, code,
                              f"cannot read {what}: {exc.strerror or exc}")) from None


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, renamed."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["add_signature_fields", "anchor_positions", "sign_pdf", "sign_outputs",
           "certificate_fingerprint", "env_password",
           "load_signer", "verify_files", "verify_file", "Result", "Signature",
           "signature_fields_for"]
