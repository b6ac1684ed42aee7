"""The example pack (the repository itself) resolves cleanly and each school's text is its own."""

from __future__ import annotations

import re

import pytest


from builder.resolve.markdown import plain_text



@pytest.fixture(scope="module")
def pack(example_pack):
    return example_pack


@pytest.fixture(scope="module")
def resolved(example_resolved):
    return example_resolved


def text_of(rp) -> str:
    return "\n".join(plain_text(s.html) for s in rp.sections)


def test_every_school_resolves_without_diagnostics(resolved):
    assert set(resolved) == {"vine-tree", "edith-cavell", "chestnuts"}
    for rs in resolved.values():
        assert [d for d in rs.diagnostics if d.severity == "error"] == []
        assert set(rs.policies) == {"social-media", "staff-code"}


def test_school_sections_are_placed_and_numbered(resolved):
    ids = {sid: [s.id for s in rs.policies["social-media"].sections] for sid, rs in resolved.items()}
    smart = ids["chestnuts"]
    assert smart[smart.index("online-safety") + 1] == "be-smart"
    ec = ids["edith-cavell"]
    assert ec[ec.index("roles") + 1] == "safeguarding-roles"
    assert ec[ec.index("data-protection") + 1] == "image-consent"
    assert len(ids["vine-tree"]) == 14
    intent = resolved["vine-tree"].policies["social-media"].sections[0]
    assert intent.id == "intent" and intent.origin == "school"


def test_references_follow_each_schools_numbering(resolved):
    # staff-accounts is section 6 at Vine Tree but 8 at Edith Cavell (two sections added before it)
    def staff_accounts_ref(sid):
        scope = next(s for s in resolved[sid].policies["staff-code"].sections if s.id == "scope")
        return re.search(r"section (\d+) of the Social Media Policy", plain_text(scope.html)).group(1)
    assert staff_accounts_ref("vine-tree") == "6"
    assert staff_accounts_ref("edith-cavell") == "8"


def test_no_school_names_another_school_or_its_staff(pack, resolved):
    for sid, rs in resolved.items():
        own = {r.get("name") for r in (rs.values.get("roles") or {}).values()}
        others = set()
        for oid, other in pack.schools.items():
            if oid == sid:
                continue
            others |= {other.values["name"], other.values["short_name"]}
            others |= {r["name"] for r in other.values["roles"].values() if r["name"] not in own}
        for pid, rp in rs.policies.items():
            text = text_of(rp)
            for name in others:
                assert name not in text, f"{sid} {pid} mentions {name}"


def test_no_template_phrases_or_typed_section_numbers(pack, resolved):
    phrases = pack.trust.settings.placeholder_phrases
    for sid, rs in resolved.items():
        for pid, rp in rs.policies.items():
            for s in rp.sections:
                lowered = plain_text(s.html).lower()
                assert not [p for p in phrases if p in lowered], (sid, pid, s.id)
                # every "section N" comes from ref(): the Markdown has it only inside link text
                without_links = re.sub(r"\[[^\]]*\]\(pp:[^)]*\)", "", s.markdown)
                assert not re.search(r"\b(section|paragraph) \d", without_links, re.I), (sid, pid, s.id)


def test_school_facts_come_from_school_values(resolved):
    ec = text_of(resolved["edith-cavell"].policies["social-media"])
    assert "Miss Heather Cooke" in ec and "Mrs S Dennis" in ec and "MK41 7NH" in ec
    ch = text_of(resolved["chestnuts"].policies["social-media"])
    assert "London Grid for Learning" in ch and "Snapchat" in ch
    vt = text_of(resolved["vine-tree"].policies["social-media"])
    assert "X (formerly Twitter)" in vt and "Arbor" not in vt   # Vine Tree has no parent portal
