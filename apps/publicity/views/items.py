"""Item pages: my items, the form, the detail page with its actions, the queues."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.actions import Action, ActionSet, Refused, apply_errors
from apps.core.uploads import file_response

from .. import selectors, services
from ..forms import (
    AdoptionForm,
    CoAuthorFormSet,
    CommentForm,
    DispatchForm,
    ItemForm,
    OfficeEditForm,
    ReturnForm,
    ReviewForm,
    staff_users,
)
from ..models import Item

NOT_ALLOWED = _("You may not do this with this item.")


def load_item(request, pk, perm="publicity.view_item"):
    item = selectors.item_get(user=request.user, pk=pk)
    if not request.user.has_perm(perm, item):
        raise PermissionDenied
    return item


# ------------------------------------------------------------------ lists
@permission_required("publicity.use", raise_exception=True)
def my_items(request):
    state = request.GET.get("state") or None
    if state not in Item.State.values:
        state = None
    return render(
        request,
        "publicity/my_items.html",
        {
            "items": selectors.item_list_mine(user=request.user, state=state),
            "state": state,
            "states": Item.State.choices,
        },
    )


@permission_required("publicity.view_department_queue", raise_exception=True)
def department_queue(request):
    waiting = request.GET.get("show") != "all"
    return render(
        request,
        "publicity/queue.html",
        {
            "title": _("Department approval"),
            "items": selectors.department_queue(user=request.user, waiting=waiting),
            "tabs": [
                ("", _("Waiting for approval"), waiting),
                ("all", _("All of the department"), not waiting),
            ],
            "tab_param": "show",
            "queue": "department",
        },
    )


@permission_required("publicity.view_office_queue", raise_exception=True)
def office_queue(request):
    tab = request.GET.get("tab", "review")
    if tab not in selectors.OFFICE_TABS:
        tab = "review"
    counts = selectors.office_queue_counts(user=request.user)
    labels = {
        "review": _("To review"),
        "sign_off": _("Awaiting sign-off"),
        "dispatch": _("To dispatch"),
        "dispatched": _("Dispatched"),
    }
    return render(
        request,
        "publicity/queue.html",
        {
            "title": _("Office review and dispatch"),
            "items": selectors.office_queue(user=request.user, tab=tab),
            "tabs": [(t, labels[t], t == tab, counts[t]) for t in labels],
            "tab_param": "tab",
            "queue": "office",
        },
    )


@permission_required("publicity.view_sign_off_queue", raise_exception=True)
def sign_off_queue(request):
    return render(
        request,
        "publicity/queue.html",
        {
            "title": _("Sign-off"),
            "items": selectors.sign_off_queue(user=request.user),
            "tabs": [],
            "queue": "sign_off",
        },
    )


# ------------------------------------------------------------------ the form
def _coauthor_initial(item):
    return [
        {"user": a.user_id, "share": a.share}
        for a in item.authorships.all()
        if a.user_id != item.author_id
    ]


def _my_share(item):
    return next(
        (a.share for a in item.authorships.all() if a.user_id == item.author_id), 100
    )


def _item_form(request, item=None):
    users = staff_users(request.user.staff.procuratorate_id).exclude(pk=request.user.pk)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ItemForm(
        data,
        files,
        instance=item,
        user=request.user,
        initial={"my_share": _my_share(item)} if item else None,
    )
    formset = CoAuthorFormSet(
        data,
        prefix="coauthors",
        users=users,
        initial=_coauthor_initial(item) if item and data is None else None,
    )
    return form, formset


def _save_item(request, form, formset, item=None):
    """Call the create or update service; return the item, or None on errors."""
    shares = [
        (request.user if item is None else item.author, form.cleaned_data["my_share"])
    ]
    shares += formset.pairs()
    fields = {
        "kind": form.cleaned_data["kind"],
        "category": form.cleaned_data["category"],
        "urgency": form.cleaned_data["urgency"],
        "title": form.cleaned_data["title"],
        "body": form.cleaned_data["body"],
        "department": form.cleaned_data["department"],
        "shares": shares,
        "files": form.cleaned_data.get("files") or [],
    }
    try:
        if item is None:
            return services.item_create(actor=request.user, **fields)
        return services.item_update(
            actor=request.user,
            item=item,
            note=form.cleaned_data.get("note", ""),
            **fields,
        )
    except ValidationError as exc:
        apply_errors(form, exc)
    except Refused as exc:
        form.add_error(None, exc.message)
    return None


def _after_save(request, item):
    if request.POST.get("then") != "submit":
        messages.success(request, _("The item was saved."))
        return redirect(item)
    try:
        services.item_submit(actor=request.user, item=item)
    except ValidationError as exc:
        messages.error(
            request,
            _("The item was saved but not submitted: %(reason)s")
            % {"reason": " ".join(exc.messages)},
        )
        return redirect("publicity:item_edit", pk=item.pk)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect(item)
    messages.success(request, _("The item was submitted for department approval."))
    return redirect(item)


@permission_required("publicity.add_item", raise_exception=True)
def item_create(request):
    form, formset = _item_form(request)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        item = _save_item(request, form, formset)
        if item is not None:
            return _after_save(request, item)
    return render(
        request,
        "publicity/item_form.html",
        {"form": form, "formset": formset, "item": None},
    )


def item_edit(request, pk):
    item = selectors.item_get(user=request.user, pk=pk)
    if not request.user.has_perm("publicity.change_item", item):
        if request.user.has_perm("publicity.view_item", item):
            messages.error(
                request, _("A submitted item can no longer be changed by its author.")
            )
            return redirect(item)
        raise PermissionDenied
    form, formset = _item_form(request, item)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = _save_item(request, form, formset, item)
        if saved is not None:
            return _after_save(request, saved)
    return render(
        request,
        "publicity/item_form.html",
        {"form": form, "formset": formset, "item": item},
    )


@require_POST
def item_delete(request, pk):
    item = load_item(request, pk, "publicity.delete_item")
    services.item_delete(actor=request.user, item=item)
    messages.success(request, _("The draft was deleted."))
    return redirect("publicity:index")


# ------------------------------------------------------------------ detail
def _outlets(request, item):
    return {"outlets": selectors.outlet_choices()}


ITEM_ACTIONS = ActionSet(
    "publicity:item_action",
    load=lambda request, pk: load_item(request, pk),
    actions=[
        Action(
            "submit",
            lambda item: _("Resubmit") if item.has_been_submitted else _("Submit"),
            transition="submit",
            run=lambda user, item, data: services.item_submit(actor=user, item=item),
            done=_("The item was submitted for department approval."),
        ),
        Action(
            "approve",
            _("Approve"),
            title=_("Department approval"),
            transition="approve",
            form=CommentForm,
            run=lambda user, item, data: services.item_approve(
                actor=user, item=item, comment=data["comment"]
            ),
            done=_("Approved; the office has been asked to review it."),
        ),
        Action(
            "review",
            _("Pass the review"),
            title=_("Office review"),
            transition="review",
            form=ReviewForm,
            run=lambda user, item, data: services.item_review(
                actor=user,
                item=item,
                is_fine=data["is_fine"],
                is_highlight=data["is_highlight"],
                comment=data["comment"],
            ),
            done=_("Reviewed; the item waits for the procurator-general's sign-off."),
        ),
        Action(
            "sign_off",
            _("Sign off"),
            title=_("Sign-off"),
            transition="sign_off",
            form=CommentForm,
            run=lambda user, item, data: services.item_sign_off(
                actor=user, item=item, comment=data["comment"]
            ),
            done=_("Signed off; the office will dispatch it."),
        ),
        Action(
            "dispatch",
            _("Dispatch"),
            transition="dispatch",
            form=DispatchForm,
            form_kwargs=_outlets,
            run=lambda user, item, data: services.item_dispatch(
                actor=user, item=item, outlets=data["outlets"]
            ),
            done=_("The item was dispatched."),
        ),
        Action(
            "return",
            _("Return"),
            title=_("Return to the author"),
            transition="return_to_author",
            form=ReturnForm,
            style="outline-danger",
            run=lambda user, item, data: services.item_return(
                actor=user, item=item, comment=data["comment"]
            ),
            done=_("The item was returned to its author."),
        ),
        Action(
            "adopt",
            _("Record"),
            title=_("Record an adoption"),
            perm="publicity.record_adoption",
            form=AdoptionForm,
            form_kwargs=_outlets,
            run=lambda user, item, data: services.adoption_record(
                actor=user,
                item=item,
                outlet=data["outlet"],
                adopted_on=data["adopted_on"],
                form=data["form"],
                link=data["link"],
                clipping=data.get("clipping"),
                note=data["note"],
            ),
            done=_("The adoption was recorded."),
        ),
    ],
)


def item_detail(request, pk):
    item = load_item(request, pk)
    return render(
        request,
        "publicity/item_detail.html",
        {
            "item": item,
            "events": selectors.item_history(item=item),
            "revisions": selectors.item_revisions(item=item),
            "offers": ITEM_ACTIONS.offered(request, item),
            "late": selectors.is_late(item),
            "can": {
                "edit": request.user.has_perm("publicity.change_item", item),
                "delete": request.user.has_perm("publicity.delete_item", item),
                "office_edit": request.user.has_perm(
                    "publicity.edit_item_in_review", item
                ),
            },
        },
    )


item_action = ITEM_ACTIONS.view


def item_office_edit(request, pk):
    item = load_item(request, pk, "publicity.edit_item_in_review")
    form = OfficeEditForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_office_edit(
                actor=request.user,
                item=item,
                note=form.cleaned_data["note"],
                **{
                    f: form.cleaned_data[f]
                    for f in ("title", "body", "kind", "category", "urgency")
                },
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except Refused as exc:
            messages.error(request, exc.message)
            return redirect(item)
        else:
            messages.success(request, _("The change was saved as a new revision."))
            return redirect(item)
    return render(request, "publicity/office_edit.html", {"form": form, "item": item})


# ------------------------------------------------------------------ files
def attachment_download(request, pk):
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    item = selectors.item_get(user=request.user, pk=attachment.item_id)
    if not request.user.has_perm("publicity.view_item", item):
        raise PermissionDenied
    return file_response(attachment.file, filename=attachment.original_name)


@require_POST
def attachment_delete(request, pk):
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    item = load_item(request, attachment.item_id, "publicity.add_attachment")
    try:
        services.attachment_remove(actor=request.user, attachment=attachment)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The attachment was removed."))
    return redirect("publicity:item_edit", pk=item.pk)


@permission_required("publicity.view_adoptions", raise_exception=True)
def clipping_download(request, pk):
    adoption = selectors.adoption_get(user=request.user, pk=pk)
    if not adoption.clipping:
        raise PermissionDenied
    return file_response(adoption.clipping, filename=adoption.clipping_name or None)
