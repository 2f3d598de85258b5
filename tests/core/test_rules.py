import pytest

from apps.core.rules import heads_department_of, oversees_department


@pytest.mark.django_db
def test_role_permissions_matrix(people):
    expected = {
        # permission: roles that hold it
        "core.use_business_apps": {
            "pg",
            "deputy",
            "head",
            "officer",
            "clerk",
            "staff",
            "office_reviewer",
            "office_head",
            "committee_office",
            "appraisal_office",
            "outsider",
        },
        "core.access_admin": {"system_admin", "security_admin", "audit_admin"},
        "core.change_staff": {"system_admin"},
        "audit.view_auditevent": {"audit_admin"},
        "dashboard.view_board": {"pg", "deputy"},
    }
    wrong = [
        f"{perm} for {role}: {user.has_perm(perm)}"
        for perm, holders in expected.items()
        for role, user in people.items()
        if user.has_perm(perm) != (role in holders)
    ]
    assert not wrong, wrong


@pytest.mark.django_db
def test_department_relations(people, prosecution, office):
    assert heads_department_of(people["head"], prosecution)
    assert not heads_department_of(people["head"], office)
    assert not heads_department_of(people["staff"], prosecution)
    assert oversees_department(people["deputy"], prosecution)
    assert not oversees_department(people["deputy"], office)


@pytest.mark.django_db
def test_inactive_account_loses_its_roles(people):
    head = people["head"]
    head.is_active = False
    head.save()
    assert not head.has_perm("core.use_business_apps")
