"""Fixtures for the disclosure tests: a settable clock, the catalogue, a store."""

import datetime

import pytest
from django.utils import timezone

from apps.disclosure.models import ServiceKind, StockItem
from apps.disclosure.services import service_request_submit

TZ = timezone.get_fixed_timezone(8 * 60)


def at(y, m, d, h=10, mi=0, s=0):
    """An aware moment in Beijing time."""
    return datetime.datetime(y, m, d, h, mi, s, tzinfo=TZ)


def end_of(y, m, d):
    return timezone.localtime(datetime.datetime(y, m, d, 23, 59, 59, tzinfo=TZ))


class Clock:
    """`timezone.now()` under the test's control: set `clock.now` or `clock.at(...)`."""

    def __init__(self, now):
        self.now = now

    def at(self, *args):
        self.now = at(*args)
        return self.now

    def set(self, moment):
        self.now = moment
        return moment


@pytest.fixture
def clock(monkeypatch):
    # Django's clock, not ours: services and auto_now fields read it at call time.
    fake = Clock(at(2025, 11, 24))
    monkeypatch.setattr(timezone, "now", lambda: fake.now)
    return fake


@pytest.fixture
def catalogue(db):
    """The seeded service kinds, board columns and time limits (migrations put
    them there; the root conftest keeps them across flushes)."""


@pytest.fixture
def supplies(catalogue):
    return ServiceKind.objects.get(code="supplies")


@pytest.fixture
def vehicle(catalogue):
    return ServiceKind.objects.get(code="vehicle")


def make_item(procuratorate, name="签字笔", quantity=10, unit="支", low=0):
    return StockItem.objects.create(
        procuratorate=procuratorate,
        name=name,
        unit=unit,
        quantity=quantity,
        low_stock_level=low,
    )


@pytest.fixture
def pens(procuratorate):
    return make_item(procuratorate, "签字笔", 10, "支")


@pytest.fixture
def paper(procuratorate):
    return make_item(procuratorate, "A4复印纸", 0, "包")


def submit(actor, kind, *lines, title="申请购买办公用品", urgent=False):
    """Submit a request for `lines` given as (item or name, quantity)."""
    payload = []
    for thing, quantity in lines:
        if isinstance(thing, StockItem):
            payload.append({"stock_item": thing, "quantity": quantity})
        else:
            payload.append({"name": thing, "quantity": quantity, "unit": "个"})
    return service_request_submit(
        actor=actor,
        kind=kind,
        title=title,
        content="公诉科办案需要，申请如下用品。",
        lines=payload,
        urgent=urgent,
    )
