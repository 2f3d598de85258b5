"""The report kinds every app offers, filled when each app's `reports.py` is imported.

An app registers a kind in its own `reports.py` (imported by
`ReportsConfig.ready`)::

    register_report(
        "staff_roster",
        label=_("Staff roster"),
        formats=["xlsx", "pdf"],
        permission="core.export_staff_roster",
        producer=produce_staff_roster,
    )

`producer(job, progress)` runs in a Celery worker, outside any transaction. It
reads `job.format`, `job.params`, `job.procuratorate` and `job.requested_by`,
calls `progress(percent, message)` now and then, and returns
`(filename, content_bytes)`. It raises `ReportError` with a sentence for the
requester when the report cannot be made; any other exception is logged and
the requester sees a general message.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .models import ReportJob

Progress = Callable[[int, str], None]
Producer = Callable[[ReportJob, Progress], tuple[str, bytes]]


class ReportError(Exception):
    """A report cannot be produced; the message is shown to the requester."""


class UnknownReport(LookupError):
    """No report kind of that name is registered."""


@dataclass(frozen=True)
class ReportKind:
    kind: str
    label: str
    formats: tuple[str, ...]
    permission: str
    producer: Producer


_registry: dict[str, ReportKind] = {}


def register_report(
    kind: str,
    *,
    label: str,
    formats: Sequence[str],
    permission: str,
    producer: Producer,
) -> ReportKind:
    """Offer report `kind` in `formats` to users holding `permission`."""
    formats = tuple(formats)
    unknown = set(formats) - set(ReportJob.Format.values)
    if not formats or unknown:
        raise ImproperlyConfigured(
            f"Report {kind!r}: formats must be some of {ReportJob.Format.values}."
        )
    if len(kind) > ReportJob._meta.get_field("kind").max_length:
        raise ImproperlyConfigured(f"Report kind {kind!r} is too long.")
    spec = ReportKind(kind, label, formats, permission, producer)
    existing = _registry.get(kind)
    if existing is not None and _name(existing.producer) != _name(producer):
        raise ImproperlyConfigured(f"Report kind {kind!r} is registered twice.")
    _registry[kind] = spec
    return spec


def _name(function):
    return f"{function.__module__}.{function.__qualname__}"


def unregister_report(kind: str) -> None:
    """Forget `kind` (for tests that register a kind of their own)."""
    _registry.pop(kind, None)


def get_report(kind: str) -> ReportKind:
    try:
        return _registry[kind]
    except KeyError:
        raise UnknownReport(kind) from None


def registered_reports() -> list[ReportKind]:
    return sorted(_registry.values(), key=lambda spec: spec.kind)
