"""The template sandbox bounds the work one text may do (resolve/templating.py BoundedSandbox):
hostile expressions stop quickly with E-LIMIT at their file and line, ordinary text renders as
Jinja's own sandbox renders it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from jinja2.sandbox import SandboxedEnvironment

from builder.resolve.templating import Renderer

NAME = "content/p/s.md"
CTX = {"school": {"name": "Oak Primary", "n": 7}, "lists": {"many": list(range(3000))}}


def render(source: str, ctx=CTX):
    r = Renderer("oak", lambda *a: ("x", "pp:section/p/x"))
    text = r.render(source, NAME, ctx)
    return text, r.diagnostics


HOSTILE = [
    "{{ 9**(9**9) }}", "{{ 2**100000 }}", "{{ (10**1000) * (10**1000) * (10**1000) * (10**1000) }}",
    "{{ (school.n ** 999) ** 9 }}", "{{ school.n ** 99999 }}",
    '{{ "x" * 10**10 }}', '{{ "xy" * 10**7 }}', "{{ [0] * 10**9 }}", "{{ (1, 2) * 10**8 }}",
    '{{ 10**9 * "x" }}',
    "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
    "{% for a in range(100000) %}{% for b in range(20) %}{% endfor %}{% endfor %}",
    "{% for a in lists.many %}{% for b in lists.many %}{% endfor %}{% endfor %}",
    "{% for a in range(1100) %}{{ range(1000)|join }}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{% set x = 'x' %}" + "{% set x = x ~ x ~ x %}" * 30,
    "{{ 'x'|center(10**9) }}", "{{ 'x'|indent(10**9) }}", "{{ 'x'.ljust(10**9) }}", "{{ 'x'.zfill(10**9) }}",
    "{{ '{:>999999999}'.format(1) }}", "{{ '%999999999s' % 'x' }}", "{{ '%*s' % (10**9, 'x') }}",
    "{{ '%0999999999d'|format(1) }}", "{{ '{:>999999999}'.format_map({}) }}", "{{ 'x'|truncate(10**9) }}",
    "{{ range(10)|batch(10**9)|list }}", "{{ lipsum(10**8) }}", "{{ ('x' * 10**5)|replace('x', 'x' * 10**5) }}",
    "{% for i in range(10**5) %}{{ 'x' * 10**4 }}{% endfor %}",
]


@pytest.mark.timeout(120)   # each stops in about a second; without the limit they would run for hours
@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_text_stops_quickly_with_a_limit(source):
    text, diags = render("Intro line.\n" + source)
    assert text == ""
    assert [(d.code, d.path, d.line, d.school) for d in diags] == [("E-LIMIT", NAME, 2, "oak")], diags


ORDINARY = [
    "{{ school.name }}", "{{ 2**10 }} {{ 7 * 6 }} {{ 10 // 3 }} {{ 2 - 5 }}", "{{ 'ab' * 3 }}",
    "{% for i in range(3) %}{{ loop.index }}{% endfor %}", "{{ 'a' ~ 'b' ~ 1 }}", "{{ 'Hi %s' % 'x' }}",
    "{{ [1, 2]|join(', ') }}", "{{ 'x'|center(9) }}", "{{ '{:>5}'.format(1) }}", "{{ range(5)|sum }}",
    "{% set ns = namespace(n=0) %}{% for i in range(10) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
    "{{ lists.many|length }} {{ lists.many[:3]|join }}", "{% if 3 > 2 %}yes{% endif %}",
    "{{ 'Report to the office'|upper }}", "{{ 'a,b'.split(',')|list|length }}",
]


@pytest.mark.parametrize("source", ORDINARY)
def test_ordinary_text_renders_as_the_plain_sandbox_renders_it(source):
    text, diags = render(source)
    assert diags == []
    plain = SandboxedEnvironment(keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                                 finalize=lambda v: "" if v is None else v)
    from builder.resolve.templating import md_escape
    expected = plain.from_string(source).render(**CTX)
    assert text == md_escape(expected) or text.replace("\\", "") == expected.replace("\\", "")


@given(st.integers(-300, 300), st.integers(0, 5000))
@settings(max_examples=200, deadline=None)
def test_powers_are_worked_out_or_refused_by_their_size(base, exponent):
    text, diags = render("{{ %d ** %d }}" % (base, exponent))
    value = None if abs(base) > 1 and (abs(base).bit_length() - 1) * exponent > 4096 else base ** exponent
    if value is not None and value.bit_length() <= 4096 and len(str(abs(value))) < 4000:
        assert diags == [] and text.replace("\\", "") == str(value)
    else:
        assert [d.code for d in diags] == ["E-LIMIT"]


@given(st.text(alphabet="abc xyz", max_size=20), st.integers(0, 10**7))   # nothing Markdown escapes
@settings(max_examples=100, deadline=None)
def test_repetition_is_refused_by_its_length(piece, count):
    text, diags = render("{{ s * n }}", {"s": piece, "n": count})
    if len(piece) * count > 1024 * 1024:
        assert [d.code for d in diags] == ["E-LIMIT"]
    else:
        assert diags == [] and len(text) >= len(piece) * count


@pytest.mark.parametrize("source,line", [("{{ ''.__class__ }}", 1), ("a\n\n{{ lipsum.__globals__ }}", 3),
                                         ("a\n{{ school.name.__class__.__mro__ }}", 2),
                                         ("{{ ''.__class__.__base__.__subclasses__() }}", 1)])
def test_sandbox_refusals_name_file_and_line(source, line):
    _, diags = render(source)
    assert [(d.code, d.path, d.line) for d in diags][:1] == [("E-TEMPLATE", NAME, line)], diags
    assert "not allowed in policy text" in diags[0].message


@pytest.mark.parametrize("source,line", [
    ("a\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", 2),
    ("a\nb\n{{ school.name|center }}{{ (1).x.y() }}", 3),
    ("{{ 1 / 0 }}", 1),
    ("a\n{{ '%d' % 'x' }}", 2),
])
def test_every_template_error_names_file_and_line(source, line):
    _, diags = render(source)
    assert diags and all((d.path, d.line, d.school) == (NAME, line, "oak") for d in diags), diags
