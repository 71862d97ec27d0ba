"""Guard rail of issue 10: a permission matrix generated from the URL resolver.

Every URL pattern of the project (admin internals and static files aside) × the fixed cast
(anonymous, clerk of A, approver of A, clerk of sibling B, reviewer of the district, reviewer of
the other district, admin) × the unit in the URL (own A, sibling B, parent district, foreign C)
and object ids of A and of B, with GET and POST. The expected status of each cell comes from
ONE table, `URLS`, keyed by URL name: a kind (what the URL does) and, where a URL departs from its
kind, an override. The kinds' rules:

- anonymous → 302 to the login page (the API: 403; public pages: their own status);
- a unit (or object) outside the user's scope → 404, whatever the method;
- in scope, reading → 200; writing without the right role → 403.

A URL pattern missing from `URLS` fails the test until it is classified; a URL name in `URLS`
that no longer exists fails too. All requests share one fixture and run in one test; each POST
runs inside a transaction that is rolled back, so the cells do not disturb each other.
Run with CCHC_MATRIX_PRINT=1 to print every cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import time
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from imports.models import ImportBatch
from reports.jobs import job_create
from reports.models import DocumentKind, JobKind
from reports.rendering.services import document_store
from reports.services import report_get_or_create
from tests.helpers.documents import load_seed_commune

pytestmark = pytest.mark.django_db

ROLES = ("anon", "clerk_a", "approver_a", "clerk_b", "reviewer", "other_reviewer", "admin")
# On commune A: its clerk and approver edit; the district's reviewer and the admin read (an admin
# manages units, users and the catalogue, not a commune's figures); the others are outside.
EDITORS = {"clerk_a", "approver_a"}
READERS = {"reviewer", "admin"}
OUTSIDE = {"clerk_b", "other_reviewer"}
ANY = None  # not asserted (still never a 5xx)


@dataclass(frozen=True)
class Kind:
    """Expected statuses of a kind of URL, in scope: GET and POST for editors and readers.

    A method the URL does not take answers 405 to everyone before any other check (the method
    decorators come first; a 405 says nothing about the unit or object)."""

    get: tuple[int | None, int | None] | None  # (editor, reader); None: GET not allowed
    post: tuple[int | None, int | None] | None
    unit: bool = True  # the URL names a unit and period: outside scope → 404
    anon: int | None = 302  # to the login page


@dataclass(frozen=True)
class Row:
    kind: Kind
    override: dict = field(default_factory=dict)  # (role, method) → status, on unit A
    obj: str = ""  # which object id the URL takes (see make_objects)
    sample: bool = False  # a section sharing its views with a fully tested one: fewer cells


READ = Kind(get=(200, 200), post=None)  # a page: read only
READ_ANY = Kind(get=(200, 200), post=(200, 200))  # a page that answers POST like GET (no write)
FORM = Kind(get=(200, 403), post=(200, 403))  # an editor's form (errors → 200)
ACTION = Kind(get=None, post=(302, 403))  # an editor's POST action, then a redirect
DELETE = Kind(get=(200, 403), post=(302, 403))

# The table: every URL name of the project, classified once.
URLS: dict[str, Row] = {
    # Public and global pages.
    "home": Row(Kind(get=(200, 200), post=(200, 200), unit=False)),
    "healthz": Row(Kind(get=(200, 200), post=None, unit=False, anon=200)),
    "login": Row(Kind(get=(200, 200), post=(200, 200), unit=False, anon=200)),
    "logout": Row(Kind(get=None, post=(302, 302), unit=False, anon=302)),
    "set_language": Row(Kind(get=(302, 302), post=(302, 302), unit=False)),
    "switch": Row(Kind(get=None, post=(302, 302), unit=False), override={("anon", "GET"): 302}),
    "verify_signature": Row(Kind(get=(200, 200), post=(400, 400), unit=False)),
    # The API: anonymous → 403 (DRF), outside scope → 404.
    "api_schema": Row(
        Kind(get=(200, 200), post=None, unit=False, anon=403), {("anon", "POST"): 403}
    ),
    "api_docs": Row(Kind(get=(200, 200), post=None, unit=False, anon=403), {("anon", "POST"): 403}),
    "api_indicators": Row(Kind(get=(200, 200), post=None, anon=403), {("anon", "POST"): 403}),
    # Jobs: the starter's or in the unit's scope; anything else (anonymous too) → 404.
    "job_status": Row(Kind(get=(200, 200), post=(200, 200), unit=False, anon=404), obj="job"),
    "job_file": Row(Kind(get=(200, 200), post=(200, 200), unit=False, anon=404), obj="job"),
    # Retry: only the user who started the job (or an admin); a job that cannot run again
    # answers with a message and a redirect.
    "job_retry": Row(
        Kind(get=None, post=(403, 403), unit=False, anon=404),
        {("clerk_a", "POST"): 302, ("admin", "POST"): 302},
        obj="job",
    ),
    # The report of a unit and period.
    "workspace": Row(READ_ANY),
    "report_transition": Row(ACTION, {("clerk_a", "POST"): 403}),  # submit: the approver only
    "report_comment": Row(Kind(get=None, post=(302, 302))),  # reviewers comment too
    "report_comments": Row(READ),
    # Marking a reviewer's comment addressed: the unit's clerk or approver.
    "report_comment_address": Row(ACTION, obj="comment"),
    # Notifications: only the user's own; another user's notice is 404 (admin included).
    "notifications": Row(Kind(get=(200, 200), post=None, unit=False)),
    "notification_read": Row(
        Kind(get=None, post=(302, 404), unit=False),
        {("approver_a", "POST"): 404},
        obj="notification",
    ),
    "notifications_read_all": Row(Kind(get=None, post=(302, 302), unit=False)),
    # Imports: a unit's clerk or approver; reviewers read the log and the templates.
    "import_index": Row(READ_ANY),
    "import_batch_file": Row(READ_ANY, obj="batch"),
    "import_upload": Row(Kind(get=(200, 403), post=(400, 403))),  # no file → 400
    "import_template": Row(READ_ANY),
    "import_preview": Row(FORM, obj="import_job"),
    "import_confirm": Row(ACTION, obj="import_job"),
    # Indicators.
    "indicators": Row(READ_ANY),
    "indicators_recompute": Row(Kind(get=None, post=(302, 302))),  # anyone in scope refreshes
    "indicators_explain": Row(ACTION),
    "indicators_drilldown": Row(READ_ANY),
    # The report document.
    "document_editor": Row(READ_ANY),
    "document_section_save": Row(ACTION),
    "document_section_preview": Row(Kind(get=None, post=(200, 200))),
    "document_settings": Row(
        Kind(get=(200, 200), post=(400, 403)),
        {("clerk_a", "POST"): 403},  # the approver's
    ),
    "document_preview": Row(READ_ANY),
    "document_export": Row(Kind(get=None, post=(200, 200))),
    "document_download": Row(READ_ANY, obj="doc"),
    "document_sign": Row(
        Kind(get=(200, 403), post=(400, 403)), {("clerk_a", "GET"): 403, ("clerk_a", "POST"): 403}
    ),
    "records_amount_echo": Row(READ),
    # The submitted versions of the report: the unit and the reviewers above it read them.
    "report_versions": Row(READ),
    "report_version_diff": Row(READ),  # version 1 of A exists (make_objects)
}

# Pages open to anonymous users (their 302 is not to the login page).
PUBLIC = {"login", "logout", "set_language", "healthz"}

# Sections tested in full: one per kind of record scope; the others share their views.
FULL_SECTIONS = {"dossiers", "procedures", "people", "quotas", "feedback", "budget"}


def classify_records() -> None:
    """The record sections share one set of views (records.views): one row per URL name."""
    from finance.views import SECTIONS as F
    from plans.views import SECTIONS as P
    from staff.views import SECTIONS as S
    from tthc.views import SECTIONS as T

    for section in (*T, *S, *F, *P):
        n = section.url_name
        sample = section.key not in FULL_SECTIONS
        over = {}
        if section.scope.global_catalogue:
            # The catalogue is global: every commune reads it, only an admin edits it; a clerk
            # is refused (403) whatever the id, as the catalogue has no scope to leak.
            over = {("admin", "GET"): 200, ("admin", "POST"): 200}
            over.update({(r, m): 403 for r in EDITORS for m in ("GET", "POST")})
        for action in ("list", "totals", "deleted", "export"):
            URLS[n(action)] = Row(READ, sample=sample)
        URLS[n("create")] = Row(FORM, over, sample=sample)
        URLS[n("edit")] = Row(
            Kind(get=(200, 200), post=(200, 403)),
            {k: v for k, v in over.items() if k[1] == "POST"},
            obj=section.key,
            sample=sample,
        )
        delete_over = dict(over)
        if over:
            delete_over[("admin", "POST")] = 302
            # The object is looked up first (404 before 403): an id that is no catalogue
            # procedure is 404 for everyone.
        URLS[n("delete")] = Row(DELETE, delete_over, obj=section.key, sample=sample)
        URLS[n("history")] = Row(READ, obj=section.key, sample=sample)
        if section.grid is not None:
            URLS[n("grid")] = Row(READ, sample=sample)
            # An empty POST names no cell: 400 for an editor; a reader may not write (403).
            URLS[n("grid_save")] = Row(Kind(get=None, post=(400, 403)), sample=sample)


classify_records()


def walk(patterns, prefix: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            route = prefix + str(p.pattern)
            if route.startswith("admin/"):
                continue  # Django's admin: its own permission system, tested by Django
            yield from walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            if route.startswith(("admin/", "static/", "media/")):
                continue
            yield route, p


@pytest.fixture
def world(cast):
    load_seed_commune(cast)
    return cast


def test_every_url_is_classified():
    names = {p.name for _route, p in walk(get_resolver().url_patterns)}
    assert None not in names, "every URL pattern needs a name"
    assert sorted(names - set(URLS)) == [], "classify these URLs in URLS"
    assert sorted(set(URLS) - names) == [], "these classified URLs no longer exist"


def clone_for(obj, unit):
    """A copy of a record of A for unit B (a foreign object id)."""
    copy = type(obj).objects.get(pk=obj.pk)
    copy.pk = None
    copy.id = None
    copy.unit = unit
    if hasattr(copy, "code"):
        copy.code = f"{copy.code}-b"[:20]
    copy.save()
    return copy


def make_objects(cast) -> dict[str, tuple[int, int]]:
    """name → (id of an object of commune A, id of one of commune B)."""
    from django.core.files.base import ContentFile

    from finance.views import SECTIONS as F
    from plans.views import SECTIONS as P
    from staff.views import SECTIONS as S
    from tthc.views import SECTIONS as T

    a, b, period = cast.commune_a, cast.commune_b, cast.period
    out: dict[str, tuple[int, int]] = {}
    for section in (*T, *S, *F, *P):
        qs = section.scope.owned(section.base_queryset(), unit=a, period=period)
        if section.scope.global_catalogue:
            first = section.base_queryset().order_by("pk").first()
            out[section.key] = (first.pk, 10**9)  # no foreign copy: one global catalogue
            continue
        obj = qs.order_by("pk").first()
        if obj is None and section.key == "discipline":  # the seed has no discipline case
            from staff.models import DisciplineCase

            obj = DisciplineCase.objects.create(unit=a, decided_on=dt.date(2023, 5, 1), form="x")
        if obj is None:
            raise AssertionError(f"the seed has no {section.key} record for commune A")
        out[section.key] = (obj.pk, clone_for(obj, b).pk)

    def job(unit, user):
        j = job_create(kind=JobKind.EXPORT, by=user, unit=unit, period=period)
        j.result_file.save("x.csv", ContentFile(b"a;b\n"), save=True)
        return j.pk

    out["job"] = (job(a, cast.clerk_a), job(b, cast.clerk_b))

    def import_job(unit, user):
        return job_create(
            kind=JobKind.IMPORT_DOSSIERS,
            by=user,
            unit=unit,
            period=period,
            params={"import_kind": "dossiers", "name": "x.csv", "size": 4},
            input_file=ContentFile(b"a;b\n", name="x.csv"),
        ).pk

    out["import_job"] = (import_job(a, cast.clerk_a), import_job(b, cast.clerk_b))

    def batch(unit):
        ib = ImportBatch(kind=ImportBatch.Kind.DOSSIERS, unit=unit, original_name="x.csv")
        ib.file.save("x.csv", ContentFile(b"a;b\n"), save=True)
        return ib.pk

    out["batch"] = (batch(a), batch(b))

    def doc(unit):
        report = report_get_or_create(unit=unit, period=period)
        return document_store(
            report=report,
            kind=DocumentKind.PREVIEW,
            content=b"%PDF-1.7\n",
            data_hash="0" * 64,
            pages=1,
            by=None,
        ).pk

    out["doc"] = (doc(a), doc(b))

    def comment(unit):
        from reports.models import ReportComment, ReportState

        report = report_get_or_create(unit=unit, period=period)
        report.state = ReportState.RETURNED
        report.save()
        return ReportComment.objects.create(
            report=report, by=cast.reviewer, text="x", by_reviewer=True
        ).pk

    out["comment"] = (comment(a), comment(b))

    def notice(user):
        from notifications.models import Notification

        return Notification.objects.create(
            user=user, kind="remind_7", subject="s", body="b", url="/", key=f"k{user.pk}"
        ).pk

    out["notification"] = (notice(cast.clerk_a), notice(cast.clerk_b))
    from django.utils import timezone

    from reports.models import ReportVersion

    for unit in (a, b):  # a first submitted version of each report (report_version_diff)
        ReportVersion.objects.create(
            report=report_get_or_create(unit=unit, period=period),
            number=1,
            submitted_at=timezone.now(),
            sha256="0" * 64,
        )
    return out


FIXED = {
    "period": "2023",
    "name": "submit",
    "key": "direction",
    "kind": "dossiers",
    "rule": "rule-x",
    "indicator": "tthc.total",
    "number": 1,
}


def url_for(pattern, route: str, *, code: str, obj_id: int | None) -> str:
    kwargs = {}
    for conv in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if conv == "code":
            kwargs[conv] = code
        elif conv in ("pk", "job_id"):
            kwargs[conv] = obj_id
        elif conv == "fmt":
            kwargs[conv] = "pdf" if pattern.name == "document_export" else "csv"
        else:
            kwargs[conv] = FIXED[conv]
    return reverse(pattern.name, kwargs=kwargs)


@dataclass(frozen=True)
class Cell:
    name: str
    role: str
    unit: str  # own / sibling / parent / - (the unit in the URL, seen from the role)
    obj: str  # own / foreign / - (the object id in the URL)
    method: str
    expected: int | None


def expected(row: Row, role: str, method: str) -> int | None:
    k = row.kind
    allowed = k.get if method == "GET" else k.post
    if (role, method) in row.override:
        return row.override[(role, method)]
    if allowed is None:
        return 405
    if role == "anon":
        return k.anon
    if role in OUTSIDE and (k.unit or row.obj):
        return 404
    return allowed[0] if role in EDITORS else allowed[1]


def cells_of(name: str, row: Row) -> list[Cell]:
    k = row.kind
    unit = "own" if k.unit else "-"
    obj = "own" if row.obj else "-"
    out = []
    for method in ("GET", "POST"):
        allowed = (k.get if method == "GET" else k.post) is not None
        if row.sample:
            roles = ("anon", "clerk_a", "clerk_b", "reviewer") if allowed else ("clerk_a",)
        elif not allowed:
            roles = ("anon", "clerk_a", "other_reviewer")
        elif method == "POST" and k.post == k.get and not row.obj:
            roles = ("anon", "clerk_a", "clerk_b", "reviewer")  # POST answered like GET
        else:
            roles = ROLES
        out += [Cell(name, r, unit, obj, method, expected(row, r, method)) for r in roles]
        if not allowed:
            continue
        if row.obj:  # A's clerk with B's object id, in A's URL when the URL has a unit
            exp = row.override.get(("clerk_a", "foreign"), 404)
            out.append(Cell(name, "clerk_a", unit, "foreign", method, exp))
        if k.unit and not row.sample:  # the sibling's and the parent's unit for A's clerk
            out.append(Cell(name, "clerk_a", "sibling", "foreign" if row.obj else "-", method, 404))
            out.append(Cell(name, "clerk_a", "parent", obj, method, 404))
    return out


@contextlib.contextmanager
def quiet():
    """The 403/404/405 of thousands of cells need not be logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def test_permission_matrix(world):
    cast = world
    objects = make_objects(cast)
    users = {r: getattr(cast, r) for r in ROLES if r != "anon"}
    clients = {"anon": Client()}
    for role, user in users.items():
        c = Client()
        c.force_login(user)
        clients[role] = c
    units = {"own": "21073", "sibling": "21061", "parent": "524", "-": "21073"}
    patterns = {p.name: (route, p) for route, p in walk(get_resolver().url_patterns)}
    show = os.environ.get("CCHC_MATRIX_PRINT")
    problems = []
    count = 0
    spent: dict[str, float] = {}
    for name, row in URLS.items():
        route, pattern = patterns[name]
        for cell in cells_of(name, row):
            obj_id = None
            if row.obj:
                a_id, b_id = objects[row.obj]
                obj_id = b_id if cell.obj == "foreign" or cell.unit == "sibling" else a_id
            url = url_for(pattern, route, code=units[cell.unit], obj_id=obj_id)
            client = clients[cell.role]
            if name == "logout" and cell.role != "anon":  # would sign the shared client out
                client = Client()
                client.force_login(users[cell.role])
            t0 = time.perf_counter()
            with transaction.atomic(), quiet():
                resp = client.get(url) if cell.method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
            count += 1
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
            got = resp.status_code
            if show:
                print(
                    f"{name:32} {cell.role:14} {cell.unit:8} {cell.obj:8} {cell.method:4} {got} exp {cell.expected}"
                )
            bad = got >= 500 or (cell.expected is not None and got != cell.expected)
            if got == 302 and cell.role == "anon" and name not in PUBLIC:
                bad = bad or not resp["Location"].startswith("/accounts/login/")
            if bad:
                problems.append(f"{cell} -> {got} ({url})")
    if show:
        for n, t in sorted(spent.items(), key=lambda x: -x[1])[:25]:
            print(f"TIME {n} {t:.2f}s")
    assert count > 300
    assert problems == [], "\n".join(problems)
