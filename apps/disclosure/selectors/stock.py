from django.db.models import F

from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from ..models import StockItem


def stock_item_list(*, user, active_only=False):
    """The store's items, the low ones first; one query."""
    qs = scope_to_procuratorate(StockItem.objects.all(), user)
    if active_only:
        qs = qs.filter(is_active=True)
    low_first = F("quantity") - F("low_stock_level")
    return qs.order_by("-is_active", low_first.asc(), "name")


def stock_item_detail(*, user, pk, ledger_size=100):
    """One item with its latest ledger entries (two queries)."""
    item = get_scoped_or_404(StockItem.objects.all(), user, pk=pk)
    ledger = list(
        item.movements.select_related("actor__staff", "request").order_by(
            "-created_at", "-id"
        )[:ledger_size]
    )
    return item, ledger
