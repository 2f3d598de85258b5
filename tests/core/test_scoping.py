import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from apps.core.models import Department
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate


@pytest.mark.django_db
def test_scope_shows_only_the_users_procuratorate(people, procuratorate):
    visible = scope_to_procuratorate(Department.objects.all(), people["staff"])
    assert set(visible.values_list("procuratorate_id", flat=True)) == {procuratorate.pk}


@pytest.mark.django_db
def test_anonymous_and_profileless_accounts_see_nothing(people):
    assert not scope_to_procuratorate(
        Department.objects.all(), AnonymousUser()
    ).exists()


@pytest.mark.django_db
def test_guessing_another_procuratorates_id_is_not_found(people):
    theirs = people["outsider"].staff.department
    with pytest.raises(Http404):
        get_scoped_or_404(Department.objects.all(), people["staff"], pk=theirs.pk)
    ours = people["staff"].staff.department
    assert (
        get_scoped_or_404(Department.objects.all(), people["staff"], pk=ours.pk) == ours
    )
