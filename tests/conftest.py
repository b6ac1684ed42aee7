"""Shared fixtures (the example pack, loaded, resolved and built once per test session) and the
markers that pick the fast loop.

Markers, given by where a test lives and what it uses (see `pytest --markers`):
  unit     quick: a function, a loaded or resolved pack, a check, a single small output
  property the same, over hundreds of generated inputs each (Hypothesis's @given)
  build    renders packs or PDFs end to end: builds, forms rendered and read back, signing,
           diffs, publishing, the bad-input and hostile-input tables
  viewers  fills and renders PDFs in real engines (PDFium, pdf.js, Poppler)
  browser  drives the built sites in headless Chromium
The fast loop: pytest -m unit (under 30 s); with the property tests: -m "unit or property"; all but
the real viewers and browser: -m "not browser and not viewers"

Property tests run the same generated cases on every run (Hypothesis's "repeatable" profile here), so a
run on a clean clone repeats one on a desk; to search afresh (new cases each run), pass
--hypothesis-profile=explore, and add any case it finds to its test with @example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import ROOT, SCHOOLS, TODAY, copy_pack  # noqa: F401  (fixtures' inputs)

HERE = Path(__file__).resolve().parent
BUILD_FOLDERS = {"pipeline", "publish", "diff", "sign", "packaging"}
# elsewhere, the modules that render packs or PDFs end to end (each takes seconds, not
# milliseconds): they stay out of the fast loop (-m unit)
BUILD_MODULES = {"test_verified_returns", "test_dates_and_expect", "test_fuzz_forms_collect",
                 "test_commands_agree", "test_forms", "test_form_layout", "test_serve",
                 "test_hostile_html", "test_security", "test_new",
                 "test_import_command", "test_real_text", "test_real_copies", "test_hostile_text",
                 "test_fonts", "test_output_links"}   # PDFs under other font set-ups; a site's links,
                 # with its PDFs rendered
VIEWER_MODULES = {"test_forms_viewers"}

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")


def pytest_configure(config):
    for name, text in [("unit", "quick: no pack or PDF rendered end to end"),
                       ("property", "quick, over hundreds of generated inputs (Hypothesis)"),
                       ("build", "renders packs or PDFs end to end, signs, diffs or publishes"),
                       ("viewers", "fills and renders PDFs in real engines (PDFium, pdf.js, Poppler)"),
                       ("browser", "drives the built sites in headless Chromium")]:
        config.addinivalue_line("markers", f"{name}: {text}")


@pytest.hookimpl(tryfirst=True)   # before -m deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(str(item.fspath)).resolve()
        folder = path.relative_to(HERE).parts[0] if path.is_relative_to(HERE) else ""
        if folder == "browser":
            kind = "browser"
        elif path.stem in VIEWER_MODULES:
            kind = "viewers"
        elif (folder in BUILD_FOLDERS or path.stem in BUILD_MODULES
              or "example_site" in getattr(item, "fixturenames", ())):
            kind = "build"
        elif getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            kind = "property"
        else:
            kind = "unit"
        if not any(item.get_closest_marker(k) for k in ("unit", "property", "build", "viewers", "browser")):
            item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture(scope="session")
def example_pack():
    from builder.source.load import load_pack
    return load_pack(ROOT)


@pytest.fixture(scope="session")
def example_resolved(example_pack):
    from builder.resolve.school import resolve_all
    return resolve_all(example_pack)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example pack built once, with every output, as `policypack build` writes it."""
    from builder.pipeline.build import build
    from builder.pipeline.progress import Progress
    out = tmp_path_factory.mktemp("example") / "site"
    build(ROOT, out, today=TODAY, jobs=2, progress=Progress(quiet=True))
    return out
