"""Build publicity data by calling the real services, as the users would."""

import datetime

from django.utils import timezone

from apps.publicity import services
from apps.publicity.models import Category, Kind, Outlet, Urgency

BODY = "本院公诉科深入开展案件质量评查活动，共评查案件三十余件。"


def outlet(name="检察日报"):
    return Outlet.objects.get(name=name)


def draft(people, *, author="staff", title="公诉科开展案件质量评查", **kwargs):
    user = people[author] if isinstance(author, str) else author
    fields = {
        "kind": Kind.INFORMATION,
        "category": Category.UPDATE,
        "urgency": Urgency.ROUTINE,
        "title": title,
        "body": BODY,
    }
    fields.update(kwargs)
    return services.item_create(actor=user, **fields)


def submitted(people, **kwargs):
    item = draft(people, **kwargs)
    return services.item_submit(actor=item.author, item=item)


def approved(people, **kwargs):
    return services.item_approve(actor=people["head"], item=submitted(people, **kwargs))


def reviewed(people, *, is_fine=False, **kwargs):
    return services.item_review(
        actor=people["office_reviewer"],
        item=approved(people, **kwargs),
        is_fine=is_fine,
    )


def signed_off(people, **kwargs):
    return services.item_sign_off(actor=people["pg"], item=reviewed(people, **kwargs))


def dispatched(people, outlets=("检察日报",), **kwargs):
    return services.item_dispatch(
        actor=people["office_reviewer"],
        item=signed_off(people, **kwargs),
        outlets=[outlet(n) for n in outlets],
    )


def adopted(people, *, outlet_name="检察日报", on=None, **kwargs):
    """A dispatched item with one adoption; return the item."""
    item = dispatched(people, **kwargs)
    services.adoption_record(
        actor=people["office_reviewer"],
        item=item,
        outlet=outlet(outlet_name),
        adopted_on=on or timezone.localdate(),
        form="full",
        link="http://www.jcrb.com/a/1.html",
    )
    return item


def backdate(item, when):
    """Move an item's dispatch (and submission) into the past, for statistics."""
    from apps.publicity.models import Item

    Item.objects.filter(pk=item.pk).update(
        submitted_at=when,
        dispatched_at=when + datetime.timedelta(hours=1)
        if item.dispatched_at
        else None,
    )


def adopted_in_past(people, day, *, outlet_name="检察日报", **kwargs):
    """An item dispatched and adopted on `day` (a past date)."""
    from apps.publicity.models import Item

    item = dispatched(people, **kwargs)
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Item.objects.filter(pk=item.pk).update(
        submitted_at=when - datetime.timedelta(days=1),
        last_submitted_at=when - datetime.timedelta(days=1),
        signed_off_at=when,
        dispatched_at=when,
    )
    item.refresh_from_db()
    services.adoption_record(
        actor=people["office_reviewer"],
        item=item,
        outlet=outlet(outlet_name),
        adopted_on=day,
        form="full",
    )
    return item
