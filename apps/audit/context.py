"""The client address of the request being served, for the audit trail.

Services do not take the request; the middleware records the address here and
`audit_record` reads it. Celery tasks have none, which the trail shows as empty.
"""

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)
