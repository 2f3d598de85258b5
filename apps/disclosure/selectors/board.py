"""Reads for the board: columns with their newest items, search, rules, limits."""

from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate
from apps.workdays.models import TimeLimit

from ..models import BoardColumn, BoardPost, Rule, RuleVersion, ServiceRequest


def board_columns():
    return BoardColumn.objects.filter(is_active=True).order_by("sort_order", "code")


def _posts(user):
    return scope_to_procuratorate(
        BoardPost.objects.filter(withdrawn_at__isnull=True), user
    ).select_related("author__staff", "column")


def board_overview(*, user, per_column=5):
    """Every active column with its newest posts; a fixed number of queries.

    The newest posts of all columns come in one query (a window per column);
    columns that show records of their own get those in one query each kind.
    """
    columns = list(board_columns())
    ranked = _posts(user).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("column_id")],
            order_by=[F("published_at").desc(), F("id").desc()],
        )
    )
    newest = {}
    for post in ranked.filter(rank__lte=per_column):
        newest.setdefault(post.column_id, []).append(post)
    requests = list(
        scope_to_procuratorate(ServiceRequest.objects.all(), user)
        .select_related("department", "kind")
        .order_by("-submitted_at", "-id")[:per_column]
    )
    rules = list(rule_list(user=user))
    sections = []
    for column in columns:
        sections.append(
            {
                "column": column,
                "posts": newest.get(column.pk, []),
                "requests": requests if column.source == "requests" else [],
                "rules": rules if column.source == "rules" else [],
            }
        )
    return sections


def column_posts(*, user, column, q=""):
    qs = _posts(user).filter(column=column)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return qs.order_by("-published_at", "-id")


def post_detail(*, user, pk):
    return get_scoped_or_404(_posts(user), user, pk=pk)


def board_search(*, user, q, limit=50):
    """Posts, rules and requests whose words contain `q`; three queries."""
    q = (q or "").strip()
    if not q:
        return {"posts": [], "rules": [], "requests": []}
    posts = list(
        _posts(user)
        .filter(Q(title__icontains=q) | Q(body__icontains=q))
        .order_by("-published_at", "-id")[:limit]
    )
    rules = list(
        scope_to_procuratorate(Rule.objects.all(), user)
        .filter(Q(title__icontains=q) | Q(versions__body__icontains=q))
        .distinct()
        .order_by("kind", "sort_order", "title")[:limit]
    )
    requests = list(
        scope_to_procuratorate(ServiceRequest.objects.all(), user)
        .filter(
            Q(title__icontains=q)
            | Q(content__icontains=q)
            | Q(number__icontains=q)
            | Q(steps__note__icontains=q)
        )
        .distinct()
        .select_related("department", "kind")
        .order_by("-submitted_at", "-id")[:limit]
    )
    return {"posts": posts, "rules": rules, "requests": requests}


def _current(versions, today):
    """The version in force on `today` (versions newest first), else None."""
    return next((v for v in versions if v.effective_from <= today), None)


def rule_list(*, user, today=None):
    """Rules of the procuratorate, each with `current` (in force today) and
    `upcoming` (published, not yet in force); two queries."""
    today = today or timezone.localdate()
    rules = list(
        scope_to_procuratorate(Rule.objects.all(), user)
        .prefetch_related(
            Prefetch("versions", queryset=RuleVersion.objects.order_by("-number"))
        )
        .order_by("kind", "sort_order", "title")
    )
    for rule in rules:
        versions = list(rule.versions.all())
        rule.current = _current(versions, today)
        rule.upcoming = (
            versions[0] if versions and versions[0] != rule.current else None
        )
        rule.version_count = len(versions)
    return rules


def rule_detail(*, user, pk, today=None):
    """A rule with every version, newest first, and which one is in force."""
    today = today or timezone.localdate()
    rule = get_scoped_or_404(Rule.objects.all(), user, pk=pk)
    versions = list(
        rule.versions.select_related("published_by__staff").order_by("-number")
    )
    rule.current = _current(versions, today)
    return rule, versions


def rule_version_detail(*, user, rule_pk, number):
    rule, versions = rule_detail(user=user, pk=rule_pk)
    version = next((v for v in versions if v.number == number), None)
    return rule, versions, version


def time_limit_catalogue():
    """The published time-limit standards (政务管理行为时限标准), by category."""
    groups = {}
    for limit in TimeLimit.objects.filter(is_published=True).order_by(
        "category", "sort_order", "code"
    ):
        groups.setdefault(limit.category or "—", []).append(limit)
    return list(groups.items())
