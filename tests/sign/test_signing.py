"""Signature fields, the trust's certification signature, and `policypack verify`.

Each module-scoped fixture builds once: a throwaway CA-less certificate for the trust and one for
a governor, a small WeasyPrint approval page carrying the renderer's contract (ids
``signature-<n>`` on the boxes, Policypack* metadata), rendered without and with the signature
fields (``fields.SignatureFields`` as WeasyPrint's finisher), and a signed copy.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.support import DATA
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from builder.sign import certify, verify
from builder.sign.fields import SignatureFields, signature_fields_for
from builder.cli.main import main
from builder.common.diagnostics import PackError

HERE = DATA / "signing"
FIELDS = [("signature-1", "signature_chair", "Signature of Priya Shah, Chair of Governors"),
          ("signature-3", "signature_vice_chair", "Signature of Ola Berg, Vice-chair")]
MM = 72 / 25.4


def make_identity(folder: Path, stem: str, cn: str, org: str, password: bytes | None):
    """A self-issued document-signing certificate: (p12 path, pem path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_cert_sign=True,
                          crl_sign=False, key_encipherment=False, data_encipherment=False,
                          key_agreement=False, encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(key, hashes.SHA256()))
    enc = (serialization.BestAvailableEncryption(password) if password
           else serialization.NoEncryption())
    p12 = folder / f"{stem}.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(stem.encode(), key, cert, None, enc))
    pem = folder / f"{stem}.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


def render(out: Path, finisher=None, *, html: str | None = None) -> Path:
    """Render the approval page (or ``html``) as the build does, with ``finisher``."""
    import weasyprint

    source = (weasyprint.HTML(string=html) if html is not None
              else weasyprint.HTML(filename=HERE / "approval.html"))
    source.write_pdf(out, custom_metadata=True, pdf_variant="pdf/ua-1", pdf_forms=True,
                     finisher=finisher)
    return out


def anchor_positions(pdf_path: Path) -> dict[str, tuple[int, float, float]]:
    """Named destinations of a PDF as a reader finds them: id -> (page from 0, left, top)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    out = {}
    for name, dest in reader.named_destinations.items():
        page = reader.get_destination_page_number(dest)
        left, top = dest.get("/Left"), dest.get("/Top")
        if page is None or page < 0 or left is None or top is None:
            continue
        out[str(name)] = (page, float(left), float(top))
    return out


def with_fields(fields=FIELDS, where="approval.pdf"):
    return SignatureFields(fields, where)


def validate_with_pyhanko(path: Path, roots):
    """pyHanko's own verdict on every signature in the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    return [(s.field_name, validate_pdf_signature(s, vc)) for s in reader.embedded_signatures]


def load_pem(path: Path):
    from pyhanko.keys import load_cert_from_pemder

    return load_cert_from_pemder(path)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("signing")


@pytest.fixture(scope="module")
def trust_id(work):
    return make_identity(work, "trust", "Larkspur Learning Trust", "Larkspur Learning Trust",
                         b"correct horse")


@pytest.fixture(scope="module")
def chair_id(work):
    return make_identity(work, "chair", "Priya Shah", "Larkspur Primary LGB", None)


@pytest.fixture(scope="module")
def plain(work):
    return render(work / "plain.pdf")


@pytest.fixture(scope="module")
def fielded(work):
    return render(work / "fielded.pdf", with_fields())


@pytest.fixture(scope="module")
def signed(work, fielded, trust_id):
    out = work / "signed.pdf"
    shutil.copy(fielded, out)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYPACK_SIGN_PASSWORD", "correct horse")
        assert certify.sign_outputs([out], trust_id[0]) == 1
    return out


@pytest.fixture(scope="module")
def tampered(work, signed):
    data = bytearray(signed.read_bytes())
    i = data.index(b"Larkspur Primary")  # the /Author string, in the signed first revision
    data[i] = ord("B")
    out = work / "tampered.pdf"
    out.write_bytes(bytes(data))
    return out


@pytest.fixture(scope="module")
def countersigned(work, signed, chair_id):
    """The chair signs their field after the trust's certification, as in Acrobat Reader."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(str(chair_id[0]))
    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="signature_chair"),
                     signer=signer, output=out)
    path = work / "countersigned.pdf"
    path.write_bytes(out.getvalue())
    return path


# --- signature fields ------------------------------------------------------------------------


def test_anchors_are_the_digital_signatories_boxes(plain):
    anchors = anchor_positions(plain)
    assert set(anchors) == {"signature-1", "signature-3"}
    (p1, x1, y1), (p3, x3, y3) = anchors["signature-1"], anchors["signature-3"]
    assert p1 == p3 == 1  # the approval page, after the cover
    assert x1 == x3 == pytest.approx(30 * MM, abs=0.01)  # 20mm page margin + 10mm list indent
    assert y1 > y3  # the first box is higher on the page


def test_fields_sit_on_the_boxes_with_tooltips(plain, fielded):
    from pypdf import PdfReader

    anchors = anchor_positions(plain)
    page = PdfReader(fielded).pages[1]
    widgets = {str(a.get_object()["/T"]): a.get_object() for a in page["/Annots"]}
    assert set(widgets) == {"signature_chair", "signature_vice_chair"}
    for anchor, name, tip in FIELDS:
        w = widgets[name]
        assert w["/FT"] == "/Sig" and "/V" not in w  # empty: still to be signed
        assert w["/TU"] == tip
        _, left, top = anchors[anchor]
        llx, lly, urx, ury = (float(v) for v in w["/Rect"])
        assert (llx, ury) == pytest.approx((left, top), abs=0.01)
        assert (urx - llx, ury - lly) == pytest.approx((60 * MM, 15 * MM), abs=0.02)


def test_fields_are_tagged_for_pdf_ua(fielded):
    """Each widget sits in a /Form structure element, reachable from the parent tree."""
    from pypdf import PdfReader

    reader = PdfReader(fielded)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    document = tree["/K"][0].get_object()
    page = reader.pages[1]
    for annot in page["/Annots"]:
        widget = annot.get_object()
        form = parents[widget["/StructParent"]].get_object()
        assert form["/S"] == "/Form"
        assert form["/K"].raw_get("/Obj").idnum == annot.idnum
        assert form["/P"].get_object() == document
        assert any(k.idnum == parents[widget["/StructParent"]].idnum for k in document["/K"])
    assert tree["/ParentTreeNextKey"] == max(parents) + 1


def test_form_elements_follow_their_page_in_reading_order(work):
    """With a page after the approval page, the /Form elements sit right after the approval
    page's last structure element, before the next page's, in field order."""
    from pypdf import PdfReader

    html = (HERE / "approval.html").read_text(encoding="utf-8").replace(
        "</body>", '<section style="break-before: page"><h2>Version history</h2>'
                   "<p>2.1: approved.</p></section></body>")
    reader = PdfReader(render(work / "three-pages.pdf", with_fields(), html=html))
    assert len(reader.pages) == 3
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    document = reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0].get_object()
    order = []
    for kid in document["/K"]:
        elem = kid.get_object()
        page = page_of[elem.raw_get("/Pg").idnum]
        order.append(str(elem["/K"]["/Obj"]["/T"]) if elem["/S"] == "/Form" else page)
    assert order == [0, 1, "signature_chair", "signature_vice_chair", 2]


def test_adding_fields_is_reproducible_and_keeps_metadata(work, plain, fielded):
    again = render(work / "again.pdf", with_fields())
    assert again.read_bytes() == fielded.read_bytes()
    from pypdf import PdfReader

    before, after = PdfReader(plain).metadata, PdfReader(fielded).metadata
    assert dict(after) == dict(before)  # no new ModDate or Producer
    assert after["/policypackversion"] == "2.1"  # WeasyPrint's spelling of PolicypackVersion


def test_fields_are_in_the_one_revision_weasyprint_writes(plain, fielded):
    """No incremental update: one cross-reference section, one %%EOF, and the fields in it."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields
    from pypdf import PdfReader

    data = fielded.read_bytes()
    assert data.count(b"%%EOF") == 1
    assert "/Prev" not in PdfReader(fielded).trailer
    reader = PdfFileReader(io.BytesIO(data))
    assert reader.xrefs.total_revisions == 1
    found = [(name, value) for name, value, _ in enumerate_sig_fields(reader)]
    assert found == [("signature_chair", None), ("signature_vice_chair", None)]
    # everything else is as WeasyPrint writes it without fields: same pages, same text
    assert [p.extract_text() for p in PdfReader(fielded).pages] == \
        [p.extract_text() for p in PdfReader(plain).pages]
    assert "/AcroForm" not in PdfReader(plain).trailer["/Root"]
    assert 0 < len(data) - len(plain.read_bytes()) < 1500


def test_no_fields_changes_nothing(work, plain):
    assert render(work / "none.pdf", with_fields([])).read_bytes() == plain.read_bytes()


def test_pdfium_sees_two_empty_signature_fields(plain, fielded):
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def fields(path):
        pdf = pdfium.PdfDocument(path)
        try:
            pdf.init_forms()
            out = []
            for page in pdf:
                for i in range(raw.FPDFPage_GetAnnotCount(page)):
                    annot = raw.FPDFPage_GetAnnot(page, i)
                    size = raw.FPDFAnnot_GetFormFieldName(pdf.formenv, annot, None, 0)
                    buf = ctypes.create_string_buffer(size)
                    raw.FPDFAnnot_GetFormFieldName(
                        pdf.formenv, annot, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
                    out.append((raw.FPDFAnnot_GetSubtype(annot),
                                raw.FPDFAnnot_GetFormFieldType(pdf.formenv, annot),
                                buf.raw[:size - 2].decode("utf-16-le")))
                    raw.FPDFPage_CloseAnnot(annot)
            return pdf.get_formtype(), raw.FPDF_GetSignatureCount(pdf), out
        finally:
            pdf.close()

    assert fields(plain) == (raw.FORMTYPE_NONE, 0, [])
    formtype, count, widgets = fields(fielded)
    assert formtype == raw.FORMTYPE_ACRO_FORM and count == 2
    assert widgets == [(raw.FPDF_ANNOT_WIDGET, raw.FPDF_FORMFIELD_SIGNATURE, name)
                       for name in ("signature_chair", "signature_vice_chair")]


def test_repeated_field_name_is_a_clear_error(work):
    target = work / "repeated.pdf"
    with pytest.raises(PackError) as exc:
        render(target, with_fields([("signature-1", "signature_chair"),
                                    ("signature-3", "signature_chair")]))
    [diag] = exc.value.diagnostics
    assert (diag.code, diag.path) == ("E-SIGN-FIELD", "approval.pdf")
    assert "signature field names repeat: signature_chair, signature_chair" in diag.message
    assert not target.exists()  # the finisher runs before WeasyPrint opens the file


def test_fields_join_a_form_weasyprint_already_made(work):
    """A page with its own form field: the signature fields go into WeasyPrint's /AcroForm,
    and a name already taken there is E-SIGN-FIELD."""
    from pypdf import PdfReader

    html = (HERE / "approval.html").read_text(encoding="utf-8").replace(
        "</ul>", '</ul><p><label>Notes <input name="notes" value=""></label></p>')
    target = render(work / "with-form.pdf", with_fields(), html=html)
    reader = PdfReader(target)
    form = reader.trailer["/Root"]["/AcroForm"]
    assert [str(f.get_object()["/T"]) for f in form["/Fields"]] == \
        ["notes", "signature_chair", "signature_vice_chair"]
    assert form["/SigFlags"] == 1 and "/DR" in form  # WeasyPrint's entries kept
    with pytest.raises(PackError) as exc:
        render(work / "clash.pdf", with_fields([("signature-1", "notes")]), html=html)
    assert exc.value.diagnostics[0].code == "E-SIGN-FIELD"
    assert "already has a form field named 'notes'" in str(exc.value)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="needs qpdf")
def test_qpdf_finds_no_damage(fielded, signed, countersigned):
    import subprocess

    for path in (fielded, signed, countersigned):
        run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, f"{path.name}: {run.stdout}{run.stderr}"  # 3: warnings
        assert "No syntax or stream encoding errors" in run.stdout


def test_missing_anchor_is_a_clear_error(work):
    target = work / "noanchor.pdf"
    with pytest.raises(PackError) as exc:
        render(target, with_fields([("signature-1", "signature_chair"),
                                    ("signature-2", "signature_head")], "larkspur/pdf/x.pdf"))
    [diag] = exc.value.diagnostics
    assert (diag.code, diag.path) == ("E-SIGN-ANCHOR", "larkspur/pdf/x.pdf")
    assert diag.message == ("no element with id 'signature-2' for a signature field; the "
                            "approval block must mark each digital signatory's box")
    assert not target.exists()  # the finisher runs before WeasyPrint opens the file


def test_fields_for_approval_record_number_every_signatory():
    class S:
        def __init__(self, name, role, title, digital):
            self.name, self.role, self.title, self.digital = name, role, title, digital

    got = signature_fields_for([S("Priya Shah", "chair", "Chair of Governors", True),
                                        S("Tom Reed", "headteacher", "Headteacher", False),
                                        S("Ola Berg", "vice-chair", "Vice-chair", True)])
    assert got == [(a, n, t) for a, n, t in FIELDS]


# --- signing and verifying -------------------------------------------------------------------


def test_signed_pdf_verifies_and_names_the_policy(signed, trust_id):
    [r] = verify.verify_files([signed])
    assert r.ok and r.signed and r.intact and not r.trusted
    assert "signature valid, certificate not from a trusted authority" in r.message
    assert r.signer == "Larkspur Learning Trust, Larkspur Learning Trust"
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    assert dt.datetime.fromisoformat(r.signed_at) > an_hour_ago
    assert (r.school, r.policy, r.version, r.approved, r.state) == (
        "larkspur", "online-safety", "2.1", "1 March 2025", "approved")
    assert r.title == "Online Safety Policy"
    assert r.empty_fields == ["signature_chair", "signature_vice_chair"]
    [s] = r.signatures
    assert s.certification and s.changes == "none"

    [t] = verify.verify_files([signed], trust=[trust_id[1]])
    assert t.ok and t.trusted and "certificate trusted" in t.message


def test_pyhanko_accepts_the_certification(signed, trust_id):
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    [(name, status)] = validate_with_pyhanko(signed, [load_pem(trust_id[1])])
    assert name == certify.TRUST_FIELD
    assert status.bottom_line and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed.read_bytes()))
    assert reader.embedded_signatures[0].docmdp_level == MDPPerm.FILL_FORMS
    # PAdES baseline: CAdES detached subfilter
    assert reader.embedded_signatures[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    # invisible, and off the page so PDF/UA needs no tag for it
    assert [float(v) for v in reader.embedded_signatures[0].sig_field["/Rect"]] == [-9999] * 4


def test_one_altered_byte_is_reported(tampered, trust_id):
    [r] = verify.verify_files([tampered], trust=[trust_id[1]])
    assert not r.ok and r.signed and not r.intact
    assert r.message.startswith("ALTERED AFTER SIGNING")
    assert "no longer matches its signature" in r.message
    [(_, status)] = validate_with_pyhanko(tampered, [load_pem(trust_id[1])])
    assert not status.intact and not status.bottom_line


def test_metadata_rewritten_after_signing_is_reported(work, signed):
    """pyHanko treats /Info as harmless metadata; for a policy it is the version signed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    info = writer.trailer["/Info"]
    info[generic.NameObject("/policypackversion")] = generic.TextStringObject("9.9")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    edited = work / "edited.pdf"
    edited.write_bytes(out.getvalue())
    [r] = verify.verify_files([edited])
    assert not r.ok
    assert "document information (version) was changed after signing" in r.message
    assert r.version == "2.1"  # what was signed, not what was written later


def test_fields_stay_signable_after_certification(countersigned, trust_id, chair_id):
    roots = [trust_id[1], chair_id[1]]
    [r] = verify.verify_files([countersigned], trust=roots)
    assert r.ok and r.trusted, r.message
    trust_sig, chair_sig = r.signatures
    assert trust_sig.certification and trust_sig.changes == "form filling and signing only"
    assert chair_sig.field == "signature_chair" and chair_sig.signer.startswith("Priya Shah")
    assert r.empty_fields == ["signature_vice_chair"]
    statuses = validate_with_pyhanko(countersigned, [load_pem(p) for p in roots])
    assert [n for n, _ in statuses] == [certify.TRUST_FIELD, "signature_chair"]
    assert all(s.bottom_line and s.docmdp_ok for _, s in statuses)


def test_signing_twice_is_refused(work, signed, trust_id):
    again = work / "again-signed.pdf"
    shutil.copy(signed, again)
    with pytest.raises(PackError, match="already signed"):
        certify.sign_pdf(again, trust_id[0], b"correct horse", reason="x")
    assert again.read_bytes() == signed.read_bytes()


def test_signing_leaves_no_temporary_files(signed):
    assert sorted(p.name for p in signed.parent.glob(".*tmp")) == []


@pytest.mark.parametrize("password, expect", [(None, "POLICYPACK_SIGN_PASSWORD"),
                                              ("wrong", "wrong password")])
def test_bad_password_is_a_clear_error(work, plain, trust_id, monkeypatch, password, expect):
    if password is None:
        monkeypatch.delenv("POLICYPACK_SIGN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("POLICYPACK_SIGN_PASSWORD", password)
    target = work / "unsigned.pdf"
    shutil.copy(plain, target)
    with pytest.raises(PackError) as exc:
        certify.sign_outputs([target], trust_id[0])
    assert exc.value.diagnostics[0].code == "E-SIGN-CERT"
    assert expect in str(exc.value)
    assert target.read_bytes() == plain.read_bytes()


def test_certificate_fingerprint_names_the_certificate(trust_id, chair_id, monkeypatch):
    monkeypatch.setenv("POLICYPACK_SIGN_PASSWORD", "correct horse")
    a = certify.certificate_fingerprint(trust_id[0])
    assert len(a) == 64 and a == certify.certificate_fingerprint(trust_id[0])
    monkeypatch.setenv("CHAIR_PASSWORD", "")
    assert certify.certificate_fingerprint(chair_id[0], env_var="CHAIR_PASSWORD") != a


def test_not_a_certificate(work, plain):
    with pytest.raises(PackError, match="not a PKCS#12"):
        certify.load_signer(plain, b"x")
    with pytest.raises(PackError, match="cannot read the signing certificate"):
        certify.load_signer(work / "nowhere.p12", b"x")


# --- policypack verify -----------------------------------------------------------------------


def test_verify_command_exit_codes(signed, tampered, fielded, trust_id, work, capsys):
    assert main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert "OK: certified by Larkspur Learning Trust" in out
    assert ("school larkspur, policy online-safety, version 2.1, approved 1 March 2025, "
            "state approved") in out

    assert main(["verify", str(signed), "--trust", str(trust_id[1])]) == 0
    assert "certificate trusted" in capsys.readouterr().out

    assert main(["verify", str(signed), str(tampered)]) == 1
    assert "ALTERED" in capsys.readouterr().out

    assert main(["verify", str(fielded)]) == 1
    assert "NOT SIGNED" in capsys.readouterr().out

    assert main(["verify", str(signed), str(work / "missing.pdf")]) == 2
    captured = capsys.readouterr()
    assert "OK" in captured.out  # the readable file is still reported
    assert "missing.pdf: error E-VERIFY-READ: cannot read the PDF" in captured.err

    notpdf = work / "notes.pdf"
    notpdf.write_text("not a pdf")
    assert main(["verify", str(notpdf)]) == 2
    assert "E-VERIFY-READ" in capsys.readouterr().err

    assert main(["verify", str(signed), "--trust", str(notpdf)]) == 2
    assert "E-VERIFY-TRUST" in capsys.readouterr().err


def test_verify_command_json(signed, tampered, capsys):
    assert main(["verify", "--format", "json", str(signed), str(tampered)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["ok"] for d in data] == [True, False]
    assert data[0]["version"] == "2.1" and data[0]["signatures"][0]["certification"] is True
    assert data[1]["intact"] is False


def test_build_signs_every_policy_pdf_and_publish_keeps_them_signed(work, trust_id, monkeypatch):
    """The whole path a trust uses: build --sign-with, then publish (which builds first)."""
    from tests.support import ROOT, SCHOOLS, TODAY
    monkeypatch.setenv("POLICYPACK_SIGN_PASSWORD", "correct horse")
    site, pub = work / "signed-site", work / "published"
    common = ["--project", str(ROOT)]
    assert main(common + ["build", "--out", str(site), "--today", str(TODAY), "-q",
                          "--sign-with", str(trust_id[0])]) == 0
    pdfs = sorted(site.glob("*/pdf/*.pdf"))
    assert len(pdfs) >= 2 * len(SCHOOLS)
    results = verify.verify_files(pdfs, [trust_id[1]])
    assert all(r.signed and r.intact and r.trusted for r in results), [r.message for r in results]
    assert all(r.signer and "Larkspur Learning Trust" in r.signer for r in results)
    assert {r.school for r in results} == set(SCHOOLS)
    # publish builds first: with the same certificate nothing is rendered again (a PDF signed
    # again would differ: the signing time), and the published PDFs are the signed ones
    signed_bytes = {pdf: pdf.read_bytes() for pdf in pdfs}
    assert main(common + ["publish", "--site", str(site), "--out", str(pub), "--today", str(TODAY),
                          "-q", "--sign-with", str(trust_id[0])]) == 0
    for pdf in pdfs:
        school, name = pdf.parent.parent.name, pdf.name
        published = next((pub / school).rglob(name))
        assert published.read_bytes() == signed_bytes[pdf], f"{school}/{name} lost its signature"
