"""Review status of a school's policy (current, due soon, overdue, missing), the rows the review
dashboards show, and the dashboard itself as a small HTML fragment (colour plus text, no script).
"""

from __future__ import annotations

import datetime as dt
from html import escape

STATUSES = {
    "overdue": "Review overdue",
    "missing": "No review date",
    "due-soon": "Review due soon",
    "current": "Current",
}
# Worst first: the order the dashboard groups by.
STATUS_ORDER = list(STATUSES)


def review_status(next_review, today: dt.date, window_days: int) -> str:
    """'overdue', 'due-soon', 'current' or 'missing'. A month (YYYY-MM) is due on its last day."""
    if next_review is None:
        return "missing"
    due = next_review.last
    if due < today:
        return "overdue"
    if (due - today).days <= window_days:
        return "due-soon"
    return "current"


def pack_review_rows(pack, resolved: dict, today: dt.date) -> list[dict]:
    """One row per school and policy, in school then policy order.

    Keys: school, school_name, policy, title, version, body, approved (PackDate or None),
    next_review (PackDate or None), due (datetime.date or None), days (days until due,
    negative when overdue, or None), status, label.
    """
    window = pack.trust.settings.review_window_days
    rows = []
    for sid in sorted(resolved):
        rs = resolved[sid]
        for pid in sorted(rs.policies):
            rp = rs.policies[pid]
            approval = rp.approval
            next_review = rp.next_review
            status = review_status(next_review, today, window)
            due = next_review.last if next_review else None
            rows.append({
                "school": sid,
                "school_name": rs.name,
                "policy": pid,
                "title": rp.title,
                "version": rp.version,
                "body": (approval.body if approval and approval.body else rp.policy.approving_body),
                "approved": approval.approved if approval else None,
                "next_review": next_review,
                "due": due,
                "days": (due - today).days if due else None,
                "status": status,
                "label": STATUSES[status],
            })
    return rows


# Dark text on pale backgrounds: every pair keeps WCAG AA contrast (at least 4.5:1).
REVIEW_CSS = """\
.pp-review table { border-collapse: collapse; width: 100%; margin: 0 0 1.5em; }
.pp-review th, .pp-review td { border: 1px solid #c8c8c8; padding: .35em .6em; text-align: left;
  vertical-align: top; }
.pp-review caption { text-align: left; font-weight: bold; padding: .3em 0; }
.pp-status { display: inline-block; padding: .1em .5em; border-radius: .3em; font-weight: bold;
  border: 1px solid currentColor; white-space: nowrap; }
.pp-status-overdue { background: #fde2e1; color: #8a1c14; }
.pp-status-missing { background: #ececec; color: #333333; border-style: dashed; }
.pp-status-due-soon { background: #fff1c2; color: #5c4000; }
.pp-status-current { background: #def2e3; color: #1b5e20; }
.pp-review .pp-timeline { list-style: none; padding-left: 0; border-left: 3px solid #c8c8c8; }
.pp-review .pp-timeline > li { margin: 0 0 .8em; padding-left: .8em; }
.pp-review .pp-timeline h4 { margin: 0 0 .3em; font-size: 1em; }
"""

_SYMBOL = {"overdue": "\u2716", "missing": "?", "due-soon": "\u25b2", "current": "\u2714"}


def _badge(status: str) -> str:
    return (f'<span class="pp-status pp-status-{status}">'
            f'<span aria-hidden="true">{_SYMBOL[status]} </span>{escape(STATUSES[status])}</span>')


def _date(d) -> str:
    if d is None:
        return '<span class="pp-none">none</span>'
    return f'<time datetime="{escape(str(d))}">{escape(d.human())}</time>'


def _due_words(row) -> str:
    days = row["days"]
    if days is None:
        return ""
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"in {days} day{'s' if days != 1 else ''}"


def _policy_cell(row, href) -> str:
    title = escape(row["title"])
    link = href(row) if href else None
    return f'<a href="{escape(link, quote=True)}">{title}</a>' if link else title


def review_dashboard_html(rows: list[dict], today: dt.date, href=None, months_ahead: int = 12,
                          heading_level: int = 2) -> str:
    """The review dashboard for the given rows (the whole trust, or one school's rows).

    Three parts, none needing script: a grid of every school against every policy (only when the
    rows cover more than one school), the same rows grouped by status (worst first, soonest
    first within a group), and a timeline of reviews due in the next ``months_ahead`` months by
    month. ``href(row)`` may return a link for a row's policy (relative to the page).
    Style it with ``REVIEW_CSS``.
    """
    h = min(max(heading_level, 1), 5)
    schools = list(dict.fromkeys((r["school"], r["school_name"]) for r in rows))
    many = len(schools) > 1
    parts = ['<section class="pp-review" aria-label="Policy reviews">']
    parts.append(f'<p class="pp-review-date">Review status on {escape(_human(today))}.</p>')
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_ORDER}
    parts.append('<p class="pp-review-counts">' + ", ".join(
        f'{_badge(s)} {counts[s]}' for s in STATUS_ORDER) + "</p>")
    if many:
        parts.append(_grid(rows, schools, href, h))
    parts.append(_grouped(rows, many, href, h))
    parts.append(_timeline(rows, today, months_ahead, many, href, h))
    parts.append("</section>")
    return "\n".join(parts)


def _grid(rows, schools, href, h) -> str:
    policies = list(dict.fromkeys((r["policy"], r["title"]) for r in rows))
    cell = {(r["school"], r["policy"]): r for r in rows}
    out = [f"<h{h}>Every school, every policy</h{h}>", "<table>",
           "<caption>Review status of each policy at each school</caption>",
           '<thead><tr><th scope="col">School</th>']
    out += [f'<th scope="col">{escape(title)}</th>' for _, title in policies]
    out.append("</tr></thead><tbody>")
    for sid, name in schools:
        out.append(f'<tr><th scope="row">{escape(name)}</th>')
        for pid, _ in policies:
            r = cell.get((sid, pid))
            if r is None:
                out.append("<td>not used</td>")
                continue
            link = href(r) if href else None
            badge = _badge(r["status"])
            if link:
                badge = f'<a href="{escape(link, quote=True)}">{badge}</a>'
            out.append(f"<td>{badge}<br>Approved {_date(r['approved'])}<br>"
                       f"Next review {_date(r['next_review'])}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _sort_due(r):
    return (r["due"] or dt.date.max, r["school"], r["policy"])


def _grouped(rows, many, href, h) -> str:
    out = [f"<h{h}>Reviews by status</h{h}>"]
    for status in STATUS_ORDER:
        group = sorted((r for r in rows if r["status"] == status), key=_sort_due)
        if not group:
            continue
        out.append(f'<table class="pp-group pp-group-{status}">')
        out.append(f"<caption>{_badge(status)} ({len(group)})</caption>")
        head = (['<th scope="col">School</th>'] if many else []) + [
            '<th scope="col">Policy</th>', '<th scope="col">Version</th>',
            '<th scope="col">Approved</th>', '<th scope="col">Next review</th>',
            '<th scope="col">Status</th>']
        out.append("<thead><tr>" + "".join(head) + "</tr></thead><tbody>")
        for r in group:
            cells = ([f"<td>{escape(r['school_name'])}</td>"] if many else []) + [
                f"<td>{_policy_cell(r, href)}</td>",
                f"<td>{escape(r['version'] or '')}</td>",
                f"<td>{_date(r['approved'])}</td>",
                f"<td>{_date(r['next_review'])}<br><small>{escape(_due_words(r))}</small></td>",
                f"<td>{_badge(r['status'])}</td>"]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def _timeline(rows, today, months_ahead, many, href, h) -> str:
    limit = _add_months(today, months_ahead)
    items = sorted((r for r in rows if r["due"] is not None and r["due"] <= limit), key=_sort_due)
    out = [f"<h{h}>Upcoming reviews</h{h}>"]
    if not items:
        out.append(f"<p>No reviews are due in the next {months_ahead} months.</p>")
        return "\n".join(out)
    out.append('<ol class="pp-timeline">')
    months: dict[str, list] = {}
    for r in items:
        key = "Overdue" if r["due"] < today else f"{_month_name(r['due'])}"
        months.setdefault(key, []).append(r)
    for month, group in months.items():
        out.append(f"<li><h{h + 1}>{escape(month)}</h{h + 1}><ul>")
        for r in group:
            who = f"{escape(r['school_name'])}: " if many else ""
            out.append(f"<li>{who}{_policy_cell(r, href)}, {_date(r['next_review'])} "
                       f"{_badge(r['status'])}</li>")
        out.append("</ul></li>")
    out.append("</ol>")
    return "\n".join(out)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _human(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _month_name(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _add_months(d: dt.date, months: int) -> dt.date:
    import calendar
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def rows_from_manifest(schools: dict, today: dt.date, window_days: int) -> list[dict]:
    """Dashboard rows from a build manifest's ``schools`` (school id -> {"name", "summary":
    {"policies": [{"policy", "title", "version", "approved_iso", "next_review_iso"...}]}}), so
    a sharded build can draw the dashboard without resolving every school again."""
    from builder.source.values import DATE_RE, PackDate

    def date(text):
        m = DATE_RE.match(text or "")
        return PackDate(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None

    rows = []
    for sid in sorted(schools):
        entry = schools[sid]
        summary = entry.get("summary") or {}
        for p in sorted(summary.get("policies") or [], key=lambda p: p["policy"]):
            next_review = date(p.get("next_review_iso"))
            status = review_status(next_review, today, window_days)
            due = next_review.last if next_review else None
            version = p.get("version")
            rows.append({
                "school": sid, "school_name": summary.get("name") or entry.get("name") or sid,
                "policy": p["policy"], "title": p.get("title") or p["policy"],
                "version": None if version == "Not recorded" else version,
                "body": p.get("body"), "approved": date(p.get("approved_iso")),
                "next_review": next_review, "due": due,
                "days": (due - today).days if due else None,
                "status": status, "label": STATUSES[status],
            })
    return rows
