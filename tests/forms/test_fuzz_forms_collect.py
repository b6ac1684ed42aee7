"""Hostile returned forms: ``forms collect``'s reader takes damaged, crafted and mutated PDFs one
by one and always answers with a register row, within its time limit, never a crash or a hang."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.bad_inputs import SMALL_PACK

from builder.forms.collect import collect_file
from builder.forms.reader import Reader

TIME_LIMIT = 8.0          # the reader's limit per file in these tests
STATUSES = {"complete", "follow-up", "unreadable", "not-a-form"}


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory) -> bytes:
    """A real fillable form, as the build writes it."""
    from builder.source.load import load_pack
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    from builder.resolve.school import resolve_all
    pack = load_pack(SMALL_PACK)
    rs = resolve_all(pack)["oak"]
    return render_form_pdf(rs.resolved_forms["code-agreement"], school_accent(rs.values))


@pytest.fixture(scope="module")
def reader():
    with Reader(time_limit=TIME_LIMIT) as r:
        yield r


def read(path: Path, reader: Reader):
    row = collect_file(path, reader)
    assert row.status in STATUSES, row
    return row


def test_the_real_form_reads_back(form_pdf, reader, tmp_path):
    p = tmp_path / "blank.pdf"
    p.write_bytes(form_pdf)
    row = read(p, reader)
    assert row.status == "follow-up" and row.form == "code-agreement" and row.school == "oak"


# ---------------------------------------------------------------- named hostile files

def nested_arrays(depth: int) -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>\n"
            b"endobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /T (a) /V "
            + b"[" * depth + b"]" * depth + b" >>\nendobj\ntrailer\n<< /Root 1 0 R /X " + b"[" * depth
            + b"]" * depth + b" >>\n%%EOF\n")


def flate_bomb() -> bytes:
    """A small file whose one stream inflates to 200 MB."""
    data = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)
    return (b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>\n"
            b"endobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /T (a) /V 4 0 R >>\n"
            b"endobj\n4 0 obj\n<< /Length " + str(len(data)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + data + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def self_parent() -> bytes:
    """A field that is its own parent and kid, and a page tree that loops."""
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>\n"
            b"endobj\n2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n3 0 obj\n"
            b"<< /T (a) /Parent 3 0 R /Kids [3 0 R] /V (x) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def encrypted(form: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(form)))
    w.encrypt("a password only the sender knows", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


HOSTILE = {
    "zero-byte.pdf": (lambda f: b"", {"unreadable"}, "empty file"),
    "not-a-pdf.pdf": (lambda f: b"PK\x03\x04 a zip file pretending", {"not-a-form"}, "not a PDF"),
    "photo.jpg": (lambda f: b"\xff\xd8\xff\xe0" + b"\0" * 2000, {"not-a-form"}, "not a PDF"),
    "truncated.pdf": (lambda f: f[: len(f) // 2], {"unreadable", "not-a-form", "follow-up"}, ""),
    "header-only.pdf": (lambda f: b"%PDF-1.7\n", {"unreadable", "not-a-form"}, ""),
    "encrypted.pdf": (encrypted, {"unreadable"}, "password"),
    "nested-10000.pdf": (lambda f: nested_arrays(10_000), {"unreadable", "not-a-form"}, ""),
    "flate-bomb.pdf": (lambda f: flate_bomb(), {"unreadable", "not-a-form", "follow-up"}, ""),
    "loops.pdf": (lambda f: self_parent(), {"unreadable", "not-a-form", "follow-up"}, ""),
    "garbage-xref.pdf": (lambda f: f.replace(b"startxref", b"startxref\n99999999999\n%%"),
                         {"unreadable", "not-a-form", "follow-up", "complete"}, ""),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_named_hostile_file(name, form_pdf, reader, tmp_path):
    make, statuses, said = HOSTILE[name]
    p = tmp_path / name
    p.write_bytes(make(form_pdf))
    row = read(p, reader)
    assert row.status in statuses, row
    assert said in " ".join(row.follow_up), row


def test_huge_sparse_file(reader, tmp_path):
    """50 MB (sparse, so cheap on disk): refused by size before any parsing."""
    p = tmp_path / "huge.pdf"
    with open(p, "wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(50 * 1024 * 1024)
    row = read(p, reader)
    assert row.status == "unreadable" and "too large" in row.follow_up[0]


def test_big_file_under_the_limit(reader, tmp_path):
    """20 MB of zeros after a PDF header: parsed (and rejected) within the time limit."""
    p = tmp_path / "zeros.pdf"
    p.write_bytes(b"%PDF-1.4\n" + b"\0" * (20 * 1024 * 1024))
    assert read(p, reader).status in {"unreadable", "not-a-form"}


def test_reader_keeps_going_after_hostile_files(form_pdf, reader, tmp_path):
    for name, (make, _, _) in sorted(HOSTILE.items()):
        (tmp_path / name).write_bytes(make(form_pdf))
        read(tmp_path / name, reader)
    good = tmp_path / "good.pdf"
    good.write_bytes(form_pdf)
    assert read(good, reader).form == "code-agreement"


# ---------------------------------------------------------------- mutated forms (property test)

mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(st.just("flip"), st.floats(0.0, 1.0), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0.0, 1.0),
              st.sampled_from([b"[", b"<<", b"(", b"\0" * 64, b"obj", b"endobj", b"9999999999",
                               b"/Kids [1 0 R]", b"stream\n", b"%%EOF", b"R R R"])),
    st.tuples(st.just("delete"), st.floats(0.0, 1.0), st.integers(1, 400)),
    st.tuples(st.just("repeat"), st.floats(0.0, 1.0), st.integers(1, 200)),
)


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op in ops:
        at = int(op[1] * max(len(buf) - 1, 0))
        if op[0] == "truncate":
            del buf[at:]
        elif op[0] == "flip" and buf:
            buf[at] ^= op[2]
        elif op[0] == "insert":
            buf[at:at] = op[2]
        elif op[0] == "delete":
            del buf[at:at + op[2]]
        elif op[0] == "repeat":
            buf[at:at] = buf[at:at + op[2]] * 20
    return bytes(buf)


@settings(derandomize=True, max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_forms_never_crash_or_hang(ops, form_pdf, reader, tmp_path):
    p = tmp_path / "returned.pdf"
    p.write_bytes(mutate(form_pdf, ops))
    read(p, reader)
