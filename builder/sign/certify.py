"""The trust's certification of each policy PDF (``build --sign-with``), with pyHanko.

``sign_pdf`` certifies a file as the trust (PAdES baseline B-B, ``ETSI.CAdES.detached``) with
DocMDP permission level 2, "fill in forms and sign". A certification signature says "this is
the trust's document" and tells every validator exactly which later changes are legitimate:
filling in and signing the empty fields (``fields``). Anything else (edited text, a swapped
page, changed metadata) marks the certification as broken. A plain approval signature would
leave that judgement to each viewer's heuristics, so certification is the stronger choice, and
it still leaves the governors' fields signable. The certificate is a PKCS#12 file; its password
comes from the environment, never the command line.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable
from pathlib import Path

from builder.common.diagnostics import PackError, error
from builder.common.files import read_input, write_bytes

#: Name of the (invisible) field that carries the trust's certification signature.
TRUST_FIELD = "trust_certification"
PASSWORD_ENV = "POLICYPACK_SIGN_PASSWORD"


def load_signer(p12_path: Path, password: bytes | None):
    """A pyHanko signer from a PKCS#12 file; a PackError says what is wrong."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    p12_path = Path(p12_path)
    data = read_input(p12_path, "E-SIGN-CERT", "the signing certificate")
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
    data = read_input(pdf_path, "E-SIGN", "the PDF")
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
    # replaced in place (a new file renamed), keeping the file's permissions
    mode = pdf_path.stat().st_mode & 0o777 if pdf_path.exists() else 0o644
    write_bytes(pdf_path, out.getvalue(), mode=mode, durable=True)


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
