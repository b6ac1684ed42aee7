"""The field-naming scheme (source/field_names.py) is what the form PDFs are written with and what
the returns reader reads back: the same names both ways, the identity round-trips."""

from __future__ import annotations

from builder.source.field_names import (ID_FIELD, RESERVED, expanded_name, identity, item_fields,
                                        items_from_names, name_part, parse_identity)


def test_names_of_each_type():
    assert item_fields("agree", "tick") == ["agree"]
    assert item_fields("images_website", "yesno") == ["images_website_yes", "images_website_no"]
    assert item_fields("signature", "signature") == ["signature_name", "signature_date"]
    assert item_fields("clubs", "choice", ["clubs_chess", "clubs_choir"]) == ["clubs_chess", "clubs_choir"]
    assert expanded_name("images_social", "Twitter / X") == "images_social_twitter_x"
    assert name_part("Élan — été!") == "elan_ete" and name_part("***") == "item"


def test_identity_round_trips():
    value = identity("vine-tree", "social-media-consent", "1.0")
    assert value == "policypack-form/1 vine-tree social-media-consent 1.0"
    assert parse_identity(value) == ("vine-tree", "social-media-consent", "1.0")
    assert parse_identity("policypack-form/2 a b c") is None and parse_identity(None) is None
    assert ID_FIELD in RESERVED


def test_every_resolved_form_is_named_by_the_scheme(example_resolved):
    for rs in example_resolved.values():
        for f in rs.resolved_forms.values():
            for item in f.items:
                names = [n for n, _ in item.pdf_fields]
                assert names == item_fields(item.name, item.type, [n for n, _ in item.options])
            assert ID_FIELD not in f.tooltips


def test_the_reader_guesses_items_back_from_the_names():
    names = [*item_fields("pupil_name", "text"), *item_fields("images_website", "yesno"),
             *item_fields("signature", "signature"), ID_FIELD]
    assert items_from_names(names) == [
        {"name": "pupil_name", "type": "text", "register": "pupil"},
        {"name": "images_website", "type": "yesno", "required": True},
        {"name": "signature", "type": "signature", "main": True, "required": True},
    ]
