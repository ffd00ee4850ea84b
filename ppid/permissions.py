"""Who may do what at the PPID desk. Only the PPID roles (ppid/migrations/0002_ppid_roles.py) and superusers see
anything; every admin view asks here.

- view_ppidrequest: see the inbox, a request with its identity and files (each file opening is logged), objections;
- handle_request (Petugas PPID): change states, extend, notes, units, enter walk-in/letter/phone requests;
- decide_objection (Atasan PPID): decide objections.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

VIEW = "ppid.view_ppidrequest"
HANDLE = "ppid.handle_request"
DECIDE = "ppid.decide_objection"


def can_view(user):
    return user.is_active and user.is_authenticated and user.has_perm(VIEW)


def can_handle(user):
    return can_view(user) and user.has_perm(HANDLE)


def can_decide(user):
    return can_view(user) and user.has_perm(DECIDE)


def request_for(user, pk, *, handle=False):
    from ppid.models import PPIDRequest

    if not (can_handle(user) if handle else can_view(user)):
        raise PermissionDenied
    return get_object_or_404(PPIDRequest, pk=pk)
