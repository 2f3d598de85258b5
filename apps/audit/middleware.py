from .context import client_address


class ClientAddressMiddleware:
    """Remember the client address for audit events written while serving a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Behind the intranet proxy REMOTE_ADDR is set by gunicorn from the socket;
        # a forwarded header is only trusted when the proxy is configured to set it.
        token = client_address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
