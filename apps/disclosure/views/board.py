"""The disclosure board (政务公示栏): columns, posts, rules and time limits."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.actions import Action, ActionSet

from .. import selectors, services
from ..forms import BoardPostForm, RuleForm, RuleRevisionForm, WithdrawForm
from ..models import BoardColumn, Rule
from ._common import form_saved, month_nav


@permission_required("disclosure.view_board", raise_exception=True)
def index(request):
    """政务公示栏: every column with its newest items, and a search box."""
    return render(
        request,
        "disclosure/board.html",
        {
            "board_sections": selectors.board_overview(user=request.user),
            "can_publish": request.user.has_perm("disclosure.publish"),
        },
    )


@permission_required("disclosure.view_board", raise_exception=True)
def search(request):
    q = (request.GET.get("q") or "").strip()
    return render(
        request,
        "disclosure/search.html",
        {"q": q, **selectors.board_search(user=request.user, q=q)},
    )


@permission_required("disclosure.view_board", raise_exception=True)
def column(request, code):
    col = get_object_or_404(BoardColumn, code=code, is_active=True)
    own_page = {
        BoardColumn.Source.REQUESTS: "disclosure:supplies_board",
        BoardColumn.Source.PLANS: "disclosure:plan_board",
        BoardColumn.Source.MEETINGS: "disclosure:meeting_list",
    }
    if col.source in own_page:
        url = reverse(own_page[col.source])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    q = (request.GET.get("q") or "").strip()
    page = Paginator(
        selectors.column_posts(user=request.user, column=col, q=q), 20
    ).get_page(request.GET.get("page"))
    context = {
        "column": col,
        "page": page,
        "q": q,
        "can_publish": request.user.has_perm("disclosure.publish"),
    }
    if col.source == BoardColumn.Source.RULES:
        context["rules"] = selectors.rule_list(user=request.user)
    return render(request, "disclosure/column.html", context)


@permission_required("disclosure.view_board", raise_exception=True)
def supplies_board(request):
    """办公用品购买申请栏: the month's requests with on-time marks, and the
    refusals and deferrals decided in the month with their reasons."""
    month = selectors.parse_month(request.GET.get("month"))
    return render(
        request,
        "disclosure/supplies_board.html",
        {
            **selectors.supplies_month_board(user=request.user, month=month),
            **month_nav(month),
        },
    )


post_actions = ActionSet(
    "disclosure:post_act",
    load=lambda request, pk: selectors.post_detail(user=request.user, pk=pk),
    actions=[
        Action(
            "withdraw",
            gettext_lazy("Withdraw"),
            perm="disclosure.manage_post",
            form=WithdrawForm,
            confirm=gettext_lazy("Withdraw this item from the board?"),
            style="outline-danger btn-sm",
            run=lambda user, post, d: services.board_post_withdraw(
                actor=user, post=post, reason=d["reason"]
            ),
            done=gettext_lazy("Withdrawn from the board."),
            # A withdrawn item is no longer on the board: back to its column.
            next=lambda post, result: post.column.get_absolute_url(),
        ),
    ],
)


@permission_required("disclosure.view_board", raise_exception=True)
def post_detail(request, pk):
    post = selectors.post_detail(user=request.user, pk=pk)
    offers = post_actions.offered(request, post)
    return render(
        request,
        "disclosure/post_detail.html",
        {"post": post, "withdraw": offers[0] if offers else None},
    )


@permission_required("disclosure.publish", raise_exception=True)
def post_create(request):
    columns = selectors.board_columns()
    initial = {}
    if request.GET.get("column"):
        initial["column"] = columns.filter(code=request.GET["column"]).first()
    form = BoardPostForm(request.POST or None, columns=columns, initial=initial)
    post = form_saved(
        request,
        form,
        lambda d: services.board_post_publish(actor=request.user, **d),
        _("Published on the board."),
    )
    if post:
        return redirect(post)
    return render(request, "disclosure/post_form.html", {"form": form})


@permission_required("disclosure.view_board", raise_exception=True)
def rule_list(request):
    return render(
        request,
        "disclosure/rule_list.html",
        {
            "rules": selectors.rule_list(user=request.user),
            "kinds": Rule.Kind.choices,
            "can_publish": request.user.has_perm("disclosure.publish"),
        },
    )


def _version_status(rule, version):
    if version is None or version == rule.current:
        return "current"
    if rule.current is None or version.number > rule.current.number:
        return "upcoming"
    return "superseded"


def _rule_page(request, rule, versions, *, shown, can_revise):
    """A rule with one of its versions shown, and the list of all of them."""
    return render(
        request,
        "disclosure/rule_detail.html",
        {
            "rule": rule,
            "versions": versions,
            "shown": shown,
            "status": _version_status(rule, shown),
            "can_revise": can_revise,
        },
    )


@permission_required("disclosure.view_board", raise_exception=True)
def rule_detail(request, pk):
    rule, versions = selectors.rule_detail(user=request.user, pk=pk)
    return _rule_page(
        request,
        rule,
        versions,
        shown=rule.current or (versions[-1] if versions else None),
        can_revise=request.user.has_perm("disclosure.manage_rule", rule),
    )


@permission_required("disclosure.view_board", raise_exception=True)
def rule_version(request, pk, number):
    rule, versions, version = selectors.rule_version_detail(
        user=request.user, rule_pk=pk, number=number
    )
    if version is None:
        raise Http404
    return _rule_page(request, rule, versions, shown=version, can_revise=False)


@permission_required("disclosure.publish", raise_exception=True)
def rule_create(request):
    form = RuleForm(request.POST or None)
    version = form_saved(
        request,
        form,
        lambda d: services.rule_publish(actor=request.user, **d),
        _("Rule published."),
    )
    if version:
        return redirect(version.rule)
    return render(request, "disclosure/rule_form.html", {"form": form, "rule": None})


@permission_required("disclosure.view_board", raise_exception=True)
def rule_revise(request, pk):
    rule, versions = selectors.rule_detail(user=request.user, pk=pk)
    if not request.user.has_perm("disclosure.manage_rule", rule):
        raise PermissionDenied
    latest = versions[0] if versions else None
    form = RuleRevisionForm(
        request.POST or None, initial={"body": latest.body if latest else ""}
    )
    if form_saved(
        request,
        form,
        lambda d: services.rule_revise(actor=request.user, rule=rule, **d),
        _("New version published."),
    ):
        return redirect(rule)
    return render(request, "disclosure/rule_form.html", {"form": form, "rule": rule})


@permission_required("disclosure.view_board", raise_exception=True)
def time_limits(request):
    """《政务管理行为时限标准》 as published on the board."""
    return render(
        request,
        "disclosure/time_limits.html",
        {"groups": selectors.time_limit_catalogue()},
    )
