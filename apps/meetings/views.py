"""Placeholder views, replaced as the pages are built."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def topic_list(request, **kwargs):
    raise Http404


def topic_create(request, **kwargs):
    raise Http404


def topic_detail(request, **kwargs):
    raise Http404


def topic_action(request, **kwargs):
    raise Http404


def body_list(request, **kwargs):
    raise Http404


def body_detail(request, **kwargs):
    raise Http404


def meeting_list(request, **kwargs):
    raise Http404


def meeting_create(request, **kwargs):
    raise Http404


def meeting_detail(request, **kwargs):
    raise Http404


def minutes_pdf(request, **kwargs):
    raise Http404


def meeting_action(request, **kwargs):
    raise Http404


def item_detail(request, **kwargs):
    raise Http404


def item_action(request, **kwargs):
    raise Http404


def resolution_detail(request, **kwargs):
    raise Http404


def decision_pdf(request, **kwargs):
    raise Http404


def resolution_action(request, **kwargs):
    raise Http404


def supervision_list(request, **kwargs):
    raise Http404


def supervision_detail(request, **kwargs):
    raise Http404


def supervision_action(request, **kwargs):
    raise Http404


def monthly_report(request, **kwargs):
    raise Http404


def half_year_review(request, **kwargs):
    raise Http404


def half_year_review_pdf(request, **kwargs):
    raise Http404
