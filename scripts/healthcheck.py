#!/usr/bin/env python3
"""Container healthcheck: exit 0 when the web app answers /healthz/ with 200 "ok".

The request claims to come through the TLS proxy (X-Forwarded-Proto), or
production settings would redirect it to https; redirects count as failures.
Standard library only, as the image has no curl.

    python scripts/healthcheck.py [URL]   (default http://127.0.0.1:8000/healthz/)
"""

import http.client
import os
import sys
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8000/healthz/"


def main(argv: list[str]) -> int:
    url = urlsplit(argv[0] if argv else DEFAULT_URL)
    # A name that DJANGO_ALLOWED_HOSTS holds; the compose file adds "localhost".
    host = os.environ.get("HEALTHCHECK_HOST", "localhost")
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=5)
    try:
        connection.request(
            "GET", url.path or "/", headers={"Host": host, "X-Forwarded-Proto": "https"}
        )
        response = connection.getresponse()
        body = response.read(64).decode(errors="replace").strip()
    except OSError as error:
        print(f"unhealthy: {error}")
        return 1
    finally:
        connection.close()
    if response.status != 200 or body != "ok":
        print(f"unhealthy: HTTP {response.status} {body[:40]!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
