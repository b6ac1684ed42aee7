"""Signature fields, the trust's digital signature, and verification of signed policy PDFs.

Three steps: the first in WeasyPrint's rendering pass, the other two with pyHanko:

1. ``SignatureFields``: a WeasyPrint finisher that puts an empty signature field (``/FT /Sig``)
   over each signatory's box while the policy PDF is rendered. The renderer marks each box with
   an HTML id ``signature-<n>``; WeasyPrint writes every id as a named destination (``/Names
   /Dests``) whose ``/XYZ`` point is the box's top-left corner, so the field is placed there with
   a fixed size. The fields, their widgets and /Form structure elements are added to
   WeasyPrint's PDF objects (pydyf) before they are written: one pass, one revision, nothing
   parsed back, and the same input gives the same bytes.
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

from builder.common.diagnostics import Collector, PackError, error
from builder.render.pdf_objects import deref, text

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


class SignatureFields:
    """A WeasyPrint finisher that adds an empty signature field at each signatory's box.

    ``fields`` holds ``(anchor id, field name)`` or ``(anchor id, field name, tooltip)``, as
    ``signature_fields_for`` makes them; ``where`` names the output file in error messages. Pass
    it to ``write_pdf(finisher=...)`` (or ``html_to_pdf(finishers=[...])``): it is called as
    ``finisher(document, pdf)`` with WeasyPrint's pydyf objects, before they are written, so the
    fields go into the file WeasyPrint writes, in one pass, with nothing parsed back.

    Each field's widget has the anchor's named-destination point as its top-left corner and is
    ``size`` points large (``FIELD_SIZE``); it gets an empty appearance, joins the page's
    /Annots and the /AcroForm's /Fields, and is tagged for PDF/UA-1 (7.18.4) as a /Form
    structure element. The result depends only on the document and ``fields``: no clock, no
    random numbers. A missing anchor is E-SIGN-ANCHOR; a repeated field name, or one that a form
    field of the page already has, is E-SIGN-FIELD; all are found before anything is changed.
    """

    def __init__(self, fields: Sequence[tuple[str, ...]], where: str, *,
                 size: tuple[float, float] = FIELD_SIZE):
        self.fields = [tuple(f) for f in fields]
        self.where = str(where)
        self.size = size

    def __repr__(self) -> str:
        return f"SignatureFields({self.fields!r}, {self.where!r})"

    def __call__(self, document, pdf) -> None:
        import pydyf

        if not self.fields:
            return
        anchors = _destinations(pdf)
        missing = [f[0] for f in self.fields if f[0] not in anchors]
        if missing:
            raise PackError([error(self.where, None, "E-SIGN-ANCHOR",
                                   f"no element with id {a!r} for a signature field; the "
                                   "approval block must mark each digital signatory's box")
                             for a in missing])
        names = [f[1] for f in self.fields]
        if len(set(names)) != len(names):
            raise PackError(error(self.where, None, "E-SIGN-FIELD",
                                  f"signature field names repeat: {', '.join(names)}"))
        form = deref(pdf, pdf.catalog.get("AcroForm"))  # WeasyPrint's, for HTML inputs
        existing = deref(pdf, form.get("Fields")) if form is not None else None
        taken = {text(deref(pdf, f).get("T")) for f in existing or ()}
        clash = [n for n in names if n in taken]
        if clash:
            raise PackError(error(self.where, None, "E-SIGN-FIELD",
                                  "the document already has a form field named "
                                  + ", ".join(repr(n) for n in clash)))

        if form is None:
            form = pydyf.Dictionary({"Fields": pydyf.Array()})
            pdf.add_object(form)
            pdf.catalog["AcroForm"] = form.reference
        if "Fields" not in form:
            form["Fields"] = pydyf.Array()
        form["SigFlags"] = int(form.get("SigFlags", 0)) | 1  # SignaturesExist
        tags = _Tags.of(pdf)
        pages = pdf.page_references
        width, height = self.size
        for spec in self.fields:
            anchor, name = spec[0], spec[1]
            tip = spec[2] if len(spec) > 2 else f"Signature: {name}"
            index, left, top = anchors[anchor]
            page_ref = pages[index]
            page = deref(pdf, page_ref)
            appearance = pydyf.Stream([], {
                "Type": "/XObject", "Subtype": "/Form",
                "BBox": pydyf.Array([0, 0, round(width, 2), round(height, 2)]),
                "Resources": pydyf.Dictionary()})
            pdf.add_object(appearance)
            widget = pydyf.Dictionary({
                "Type": "/Annot", "Subtype": "/Widget", "FT": "/Sig",
                "T": pydyf.String(name), "TU": pydyf.String(tip),
                "F": 132,  # Print + Locked
                "Rect": pydyf.Array([round(left, 2), round(top - height, 2),
                                     round(left + width, 2), round(top, 2)]),
                "P": page_ref,
                "AP": pydyf.Dictionary({"N": appearance.reference})})
            pdf.add_object(widget)
            if "Annots" not in page:
                page["Annots"] = pydyf.Array()
            deref(pdf, page["Annots"]).append(widget.reference)
            deref(pdf, form["Fields"]).append(widget.reference)
            if tags is not None:
                tags.add(widget, page_ref)
        if tags is not None:
            tags.finish()


def _written(number) -> float:
    """A coordinate as pydyf will write it (a float with six decimals)."""
    return float(f"{number:f}") if isinstance(number, float) else float(number)


def _destinations(pdf) -> dict[str, tuple[int, float, float]]:
    """Named destinations of WeasyPrint's PDF objects: id -> (page index, left, top).

    WeasyPrint writes one flat, sorted /Names array (no /Kids) with an ``/XYZ`` destination
    for every id; the coordinates are taken as they will be written, so they agree with what
    ``anchor_positions`` reads back from the file.
    """
    names = deref(pdf, pdf.catalog.get("Names"))
    dests = deref(pdf, names.get("Dests")) if names is not None else None
    entries = deref(pdf, dests.get("Names")) if dests is not None else None
    pages = {ref: i for i, ref in enumerate(pdf.page_references)}
    out: dict[str, tuple[int, float, float]] = {}
    for i in range(0, len(entries or ()) - 1, 2):
        key, dest = text(entries[i]), deref(pdf, entries[i + 1])
        if isinstance(dest, dict):
            dest = deref(pdf, dest.get("D"))
        if not isinstance(dest, list) or len(dest) < 4 or dest[1] != "/XYZ":
            continue
        page, left, top = pages.get(dest[0]), dest[2], dest[3]
        if page is None or left is None or top is None or key in out:
            continue
        out[key] = (page, _written(left), _written(top))
    return out


class _Tags:
    """The structure tree, to tag each signature widget as a /Form element (PDF/UA-1, 7.18.4).

    WeasyPrint's tagged PDF has one /Document element whose children run page by page; a
    page's /Form elements go after the last child on that page (after the approval block, in
    reading order), or at the end if none is. Each widget gets the next free /StructParent key
    in the parent tree.
    """

    def __init__(self, pdf, tree, doc_ref, children, nums):
        self.pdf, self.tree, self.doc_ref = pdf, tree, doc_ref
        self.children, self.nums = children, nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        self.next_key = max(keys + [int(tree.get("ParentTreeNextKey", 0)) - 1]) + 1
        self.forms_at: dict[int, list[bytes]] = {}
        self.slots: dict[bytes, int] = {}

    @classmethod
    def of(cls, pdf) -> _Tags | None:
        """None for an untagged PDF, or a parent tree split into /Kids."""
        tree = deref(pdf, pdf.catalog.get("StructTreeRoot"))
        if not isinstance(tree, dict) or "K" not in tree or "ParentTree" not in tree:
            return None
        nums = deref(pdf, deref(pdf, tree["ParentTree"]).get("Nums"))
        kids = deref(pdf, tree["K"])
        doc_ref = kids[0] if isinstance(kids, list) and kids else kids
        doc = deref(pdf, doc_ref)
        children = deref(pdf, doc.get("K")) if isinstance(doc, dict) else None
        if not isinstance(nums, list) or not isinstance(children, list) \
                or not isinstance(doc_ref, bytes):
            return None
        return cls(pdf, tree, doc_ref, children, nums)

    def slot(self, page_ref: bytes) -> int:
        if page_ref not in self.slots:
            at = len(self.children)
            for i, kid in enumerate(self.children):
                elem = deref(self.pdf, kid)
                if isinstance(elem, dict) and elem.get("Pg") == page_ref:
                    at = i + 1
            self.slots[page_ref] = at
        return self.slots[page_ref]

    def add(self, widget, page_ref: bytes) -> None:
        import pydyf

        objr = pydyf.Dictionary({"Type": "/OBJR", "Obj": widget.reference, "Pg": page_ref})
        form = pydyf.Dictionary({"Type": "/StructElem", "S": "/Form", "P": self.doc_ref,
                                 "Pg": page_ref, "K": objr})
        self.pdf.add_object(form)
        self.forms_at.setdefault(self.slot(page_ref), []).append(form.reference)
        widget["StructParent"] = self.next_key
        self.nums.extend([self.next_key, form.reference])
        self.next_key += 1

    def finish(self) -> None:
        for at in sorted(self.forms_at, reverse=True):
            self.children[at:at] = self.forms_at[at]
        self.tree["ParentTreeNextKey"] = self.next_key


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


__all__ = ["SignatureFields", "anchor_positions", "sign_pdf", "sign_outputs",
           "certificate_fingerprint", "env_password",
           "load_signer", "verify_files", "verify_file", "Result", "Signature",
           "signature_fields_for"]
