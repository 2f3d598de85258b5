"""The action layer: one way from a page, through a service, to a change.

Services use four things from here (see ``docs/actions.md`` for one example):

- ``authorize(actor, perm, obj)`` refuses unless the actor holds the permission,
  a named predicate of the app's ``rules.py``;
- ``locked(obj)`` re-reads the row under ``SELECT … FOR UPDATE`` in the
  caller's transaction, so two people acting at once give one change;
- ``locked_for_step(actor, obj, "approve")`` does both: the usual preamble;
- ``transition_check(actor, obj.approve)`` asks the model's transition
  (django-fsm-2, carrying its ``permission=``) whether this actor may take it
  from the state the row is in now: the state graph lives in the model only;
- ``Refused`` is the one refusal; it carries the sentence the user reads.

Pages declare their actions next to their views, as an ``ActionSet`` of
``Action`` specs (who may, which form, which service, what to say, where to
go). ``ActionSet.offered(request, obj)`` gives the actions the user may take
now, each with its form, for ``core/_actions.html``; ``ActionSet.view`` is the
one POST endpoint. It always answers with a redirect (post/redirect/get), also
after a refusal: what the user typed is kept in the session and shown again,
with its errors, on the page the browser is sent back to.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

NOT_ALLOWED = _("You may not do this.")
WRONG_STEP = _(
    "This step is not open now (someone may just have acted on this record). "
    "Reload the page to see where it is now."
)
FILES_AGAIN = _("Please choose the files again: they are not kept after an error.")

# Sent when a page's action is refused, so that the audit trail (which core
# may not import) can record refused attempts: sender is the ActionSet.
action_refused = Signal()


class Refused(PermissionDenied):
    """A service refused an action; ``message`` is the sentence the user reads.

    ``code`` says why in a word tests can check: ``not_allowed`` (the actor may
    not), ``wrong_step`` (the record is not at this step), or an app's own.
    Uncaught it is a 403; the action runner shows it as a message instead.
    """

    def __init__(self, message=None, *, code="not_allowed"):
        self.message = message if message is not None else NOT_ALLOWED
        self.code = code
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


# ------------------------------------------------------------------ services
def authorize(actor, perm, obj=None, *, message=None):
    """Refuse unless ``actor`` holds ``perm`` (on ``obj``)."""
    if not actor.has_perm(perm, obj):
        raise Refused(message, code="not_allowed")


def refuse_unless(condition, message, *, code="refused"):
    """Refuse with ``message`` unless ``condition`` holds (a business rule)."""
    if not condition:
        raise Refused(message, code=code)


def locked(obj, *, related=()):
    """Return ``obj``'s row re-read under a row lock, with ``related`` joined.

    Call it inside the service's transaction, then check the state on what it
    returns: the state a page showed may already be gone.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("locked() must run inside the caller's transaction")
    queryset = type(obj)._default_manager.select_for_update(of=("self",))
    if related:  # select_related() without names would join every table
        queryset = queryset.select_related(*related)
    return queryset.get(pk=obj.pk)


def transition_check(actor, transition, *, wrong_step=None, message=None):
    """Refuse unless ``actor`` may take the bound ``transition`` now.

    The model's transition holds the states it leaves from and its
    ``permission=``; nothing else repeats them.
    """
    if not can_proceed(transition):
        raise Refused(wrong_step or WRONG_STEP, code="wrong_step")
    if not has_transition_perm(transition, actor):
        raise Refused(message, code="not_allowed")


def locked_for_step(actor, obj, transition, *, related=(), wrong_step=None):
    """``obj`` re-read under a lock, once ``actor`` may take its ``transition``
    (a name) from the state the row is in now: the preamble of most services.

    ``wrong_step`` is the app's sentence for a step that is not open, or a
    callable of the locked object that says it.
    """
    obj = locked(obj, related=related)
    message = wrong_step(obj) if callable(wrong_step) else wrong_step
    transition_check(actor, getattr(obj, transition), wrong_step=message)
    return obj


def transition_available(user, obj, name):
    """Whether ``user`` may take ``obj``'s transition ``name`` now (for pages)."""
    return has_transition_perm(getattr(obj, name), user)


# ------------------------------------------------------------------ pages
def apply_errors(form, exc):
    """Show a service's ValidationError on ``form``, by field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def calls(service, target, *fields):
    """An ``Action``'s ``run``: ``service(actor=user, <target>=obj, <field>=…)``,
    for a service that takes the form's fields under their own names."""

    def run(user, obj, data):
        return service(actor=user, **{target: obj}, **{f: data[f] for f in fields})

    return run


def form_call(form, call):
    """Call the one service of a create/edit form; return what it returned.

    A ValidationError lands on the form's fields and a refusal on the form,
    and the result is None: the page is shown again with what was typed.
    """
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
    except Refused as exc:
        form.add_error(None, exc.message)
    return None


def perform(request, call, *, done, back):
    """Run ``call()`` (one service) for a page's POST and redirect to ``back``.

    For page actions that are not on one object (compute this year's ledger):
    a refusal or a ValidationError becomes an error message, success says
    ``done``; the answer is always a redirect (post/redirect/get).
    """
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Refused as exc:
        messages.error(request, exc.message)
    except TransitionNotAllowed:
        messages.error(request, WRONG_STEP)
    else:
        if done:
            messages.success(request, done)
    return redirect(back)


@dataclass(frozen=True)
class Action:
    """One action a page offers on an object.

    ``run(user, obj, data)`` calls the service (``data`` is the form's cleaned
    data, or ``{}``). The action is offered when the model's ``transition``
    is available to the user (states and permission from the model) and the
    user holds ``perm`` on the object, whichever of the two are given.
    ``confirm`` asks once before an irreversible step, saying what cannot be
    undone. ``next(obj, result)`` names where to go after success (default:
    the object's page).
    """

    name: str
    label: Any
    run: Callable[[Any, Any, dict], Any]
    done: Any = ""
    transition: str | None = None
    perm: str | None = None
    form: type | None = None
    form_kwargs: Callable[[Any, Any], dict] | None = None
    title: Any = None
    confirm: str | None = None
    style: str = "primary"
    next: Callable[[Any, Any], str] | None = None
    wrong_step: Callable[[Any], str] | None = None

    def __post_init__(self):
        if not (self.transition or self.perm):
            raise ValueError(f"action {self.name!r} needs a transition or a perm")

    def may(self, user, obj):
        """Whether ``user`` may take this action on ``obj`` now."""
        if self.transition and not transition_available(user, obj, self.transition):
            return False
        return not self.perm or user.has_perm(self.perm, obj)

    def is_open(self, obj):
        """Whether ``obj`` is at a step where this action exists at all."""
        return not self.transition or can_proceed(getattr(obj, self.transition))

    def make_form(self, request, obj, data=None, files=None):
        kwargs = self.form_kwargs(request, obj) if self.form_kwargs else {}
        return self.form(data, files, prefix=self.name, **kwargs)

    def done_message(self, result):
        return self.done(result) if callable(self.done) else self.done

    def wrong_step_message(self, obj):
        """Why the action is not open on ``obj`` now (the app may say it better)."""
        return self.wrong_step(obj) if self.wrong_step else WRONG_STEP


@dataclass
class Offer:
    """An action offered on a page: the spec, its form (or None) and its URL.

    An action's ``label`` and ``title`` may be callables of the object (a
    returned item is "resubmitted", not "submitted").
    """

    action: Action
    form: Any
    url: str
    obj: Any = None

    @property
    def name(self):
        return self.action.name

    @property
    def label(self):
        label = self.action.label
        return label(self.obj) if callable(label) else label

    @property
    def title(self):
        title = self.action.title
        if title is None:
            return self.label
        return title(self.obj) if callable(title) else title

    @property
    def has_fields(self):
        return self.form is not None and bool(self.form.fields)


_STASH_KEY = "core.actions.stash"
_STASH_SECONDS = 600


class ActionSet:
    """The actions of one kind of object, their POST view and what to offer.

    ``url_name`` is the route of the view, taking ``pk`` and ``action``;
    ``load(request, pk)`` returns the object the user may see (404 otherwise);
    ``back(obj)`` is where the browser goes after a POST (default: the
    object's ``get_absolute_url()``).
    """

    def __init__(self, url_name, *, load, actions, back=None):
        self.url_name = url_name
        self.load = load
        self.actions = {a.name: a for a in actions}
        if len(self.actions) != len(actions):
            raise ValueError(f"{url_name}: two actions share a name")
        self.back = back or (lambda obj: obj.get_absolute_url())

    def __getitem__(self, name):
        return self.actions[name]

    def url(self, obj, name):
        return reverse(self.url_name, kwargs={"pk": obj.pk, "action": name})

    def offered(self, request, obj, *, only=None):
        """The actions ``request.user`` may take on ``obj`` now, with forms.

        A form the user sent and that was refused comes back bound, with its
        errors, so nothing typed is lost.
        """
        stash = self._stash_take(request, obj)
        offers = []
        for action in self.actions.values():
            if only is not None and action.name not in only:
                continue
            if not action.may(request.user, obj):
                continue
            form = None
            if action.form is not None:
                if stash and stash["action"] == action.name:
                    form = self._restore(request, action, obj, stash)
                else:
                    form = action.make_form(request, obj)
            offers.append(Offer(action, form, self.url(obj, action.name), obj))
        return offers

    def view(self, request, pk, action):
        """POST endpoint: check, call the service, say what happened, redirect."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.load(request, pk)
        spec = self.actions.get(action)
        if spec is None:
            raise Http404
        back = self.back(obj)
        if not spec.may(request.user, obj):
            if spec.is_open(obj):
                action_refused.send(
                    sender=self, user=request.user, obj=obj, action=action
                )
                raise PermissionDenied
            messages.error(request, spec.wrong_step_message(obj))
            return redirect(back)
        form, data = None, {}
        if spec.form is not None:
            form = spec.make_form(request, obj, request.POST, request.FILES)
            if not form.is_valid():
                self._stash_put(request, spec, obj, errors=form.errors)
                return redirect(back)
            data = form.cleaned_data
        try:
            result = spec.run(request.user, obj, data)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
            else:
                self._stash_put(request, spec, obj, errors=exc)
            return redirect(back)
        except Refused as exc:
            messages.error(request, exc.message)
            return redirect(back)
        except TransitionNotAllowed:
            messages.error(request, WRONG_STEP)
            return redirect(back)
        message = spec.done_message(result)
        if message:
            messages.success(request, message)
        return redirect(spec.next(obj, result) if spec.next else back)

    # -------------------------------------------------------------- the stash
    def _stash_put(self, request, spec, obj, *, errors):
        """Keep what was typed (not files) and the service's errors for the GET."""
        data = {
            key: values
            for key, values in request.POST.lists()
            if key != "csrfmiddlewaretoken"
        }
        service_errors = None
        if isinstance(errors, dict):  # the form's own errors (ErrorDict)
            service_errors = {
                field: [str(m) for m in messages_]
                for field, messages_ in errors.items()
            }
        elif errors is not None:
            if hasattr(errors, "error_dict"):
                service_errors = {
                    field: [str(m) for m in ValidationError(errs).messages]
                    for field, errs in errors.error_dict.items()
                }
            else:
                service_errors = {"__all__": [str(m) for m in errors.messages]}
        request.session[_STASH_KEY] = {
            "set": self.url_name,
            "pk": str(obj.pk),
            "action": spec.name,
            "data": data,
            "errors": service_errors,
            "had_files": bool(request.FILES),
            "at": time.time(),
        }
        messages.error(request, gettext("Please correct the errors below."))

    def _stash_take(self, request, obj):
        stash = request.session.get(_STASH_KEY)
        if not stash or stash.get("set") != self.url_name:
            return None
        if stash.get("pk") != str(obj.pk):
            return None
        del request.session[_STASH_KEY]
        if time.time() - stash.get("at", 0) > _STASH_SECONDS:
            return None
        return stash

    def _restore(self, request, action, obj, stash):
        from django.utils.datastructures import MultiValueDict

        form = action.make_form(request, obj, MultiValueDict(stash["data"]), None)
        form.is_valid()  # recompute the form's own errors
        # Add what cannot be recomputed: the service's refusals, and errors on
        # files the browser does not send again.
        for field, errors in (stash["errors"] or {}).items():
            target = field if field in form.fields else None
            shown = form.errors.get(target or "__all__", [])
            for message in errors:
                if message not in shown:
                    form.add_error(target, message)
        if stash["had_files"]:
            form.add_error(None, FILES_AGAIN)
        return form
