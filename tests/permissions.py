"""The permission matrix: URL × role → expected status, checked in one go.

Each app's test_views.py declares its matrix and calls `assert_matrix`; a
failure lists every cell that differs, not just the first.
"""

from collections.abc import Callable, Mapping

ANONYMOUS = "anonymous"


def assert_matrix(
    client,
    users: Mapping[str, object],
    matrix: Mapping[str, Mapping[str, int]],
    method: str = "get",
    data: Mapping | Callable | None = None,
):
    """Request each URL as each user and compare the status with the matrix.

    `users` maps a role name to a User (or None for anonymous); `matrix` maps a
    URL to {role name: expected status}. A redirect to the login page counts as
    302. POST data may be a callable taking the role name.
    """
    failures = []
    for url, expected_by_role in matrix.items():
        for role, expected in expected_by_role.items():
            user = users.get(role) if role != ANONYMOUS else None
            client.logout()
            if user is not None:
                client.force_login(user)
            payload = data(role) if callable(data) else (data or {})
            response = getattr(client, method)(url, payload)
            if response.status_code != expected:
                failures.append(
                    f"{method.upper()} {url} as {role}: "
                    f"{response.status_code} != {expected}"
                )
    client.logout()
    assert not failures, "permission matrix mismatches:\n" + "\n".join(failures)
