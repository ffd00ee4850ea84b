"""Proving that a status request comes from whoever sent the item: a secret only they have.

Tracking codes are sequential (ADU-2026-00042), so anyone can list them; what the sender knows about themselves (an
e-mail address, a name) is known to others too. So the proof is one of two things the sender alone received:

* the secret (PIN), shown once on the confirmation page to every sender: 16 characters from an alphabet without
  look-alikes (no 0/O, 1/I/L), i.e. 80 random bits, stored only as its SHA-256;
* a status link, in every mail to the sender: the code signed with SECRET_KEY (django.core.signing) and bound to the
  item's secret hash, so it cannot be made for another code, and a new secret for the item revokes the old links.

Every comparison is constant-time, and an unknown code costs the same work as a wrong secret for a real one, so
timing tells an attacker nothing about which codes exist.
"""

import hashlib
import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_GROUPS = 4
SECRET_GROUP_LENGTH = 4


def new_secret():
    """'7KQ4-MZ2P-…': groups of four, easy to copy by hand."""
    groups = (
        "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_GROUP_LENGTH)) for _ in range(SECRET_GROUPS)
    )
    return "-".join(groups)


def normalise_secret(value):
    return "".join(ch for ch in str(value).upper() if ch.isalnum())


def hash_secret(secret):
    return hashlib.sha256(normalise_secret(secret).encode()).hexdigest()


def normalise_code(value):
    """'adu 2026 42' or 'ADU-2026-00042 ' → 'ADU-2026-00042' when it has that shape; otherwise the cleaned text."""
    text = "".join(ch for ch in str(value).upper() if ch.isalnum() or ch == "-").strip("-")
    parts = [p for p in text.replace("-", " ").split() if p]
    if len(parts) == 1 and len(text) >= 9 and text[:3].isalpha() and text[3:].isdigit():
        parts = [text[:3], text[3:7], text[7:]]
    if len(parts) == 3 and parts[0].isalpha() and parts[1].isdigit() and parts[2].isdigit():
        return f"{parts[0]}-{parts[1]}-{int(parts[2]):05d}"
    return text[:20]


# Compared against when the code does not exist, so that case takes as long as a wrong answer for a real code.
_DUMMY_HASH = hash_secret("unused-dummy-secret")


def secret_matches(item, secret):
    """True when `secret` is the item's secret (any case, with or without dashes or spaces). `item` may be None.

    Nothing else is proof: an e-mail address typed here is hashed like any wrong secret and fails.
    """
    secret_hash = (item.secret_hash if item is not None else "") or _DUMMY_HASH
    matched = constant_time_compare(hash_secret(secret or ""), secret_hash)
    return matched and item is not None and bool(item.secret_hash)


def _binding(secret_hash):
    """What a link says about the secret: a keyed digest of its hash, not the hash itself."""
    return salted_hmac("home.tracking.link-binding", secret_hash).hexdigest()[:16]


def link_token(code, secret_hash, salt):
    """The signed value of a status link for `code`: it names the code and no personal data."""
    return signing.dumps({"c": code, "b": _binding(secret_hash)}, salt=salt, compress=False)


def link_code(token, salt):
    """(code, binding) from a token made by link_token; raises signing.BadSignature for anything else."""
    data = signing.loads(token, salt=salt)
    if not isinstance(data, dict) or not isinstance(data.get("c"), str) or not isinstance(data.get("b"), str):
        raise signing.BadSignature("not a status link")
    return data["c"], data["b"]


def link_matches(item, binding):
    """True when a link's binding is the item's current secret. `item` may be None (same work)."""
    secret_hash = (item.secret_hash if item is not None else "") or _DUMMY_HASH
    matched = constant_time_compare(_binding(secret_hash), binding)
    return matched and item is not None and bool(item.secret_hash)


# The receipt page after a submission (Post/Redirect/Get): the code and the secret travel in the session, never in
# the address, and the secret is shown once — a reload shows the code but no longer the secret.
REMEMBERED_CODES = 10


def keep_receipt(session, key, code, secret, created):
    """Store the receipt for the page after the redirect. A double submit (`created` False for the same code) keeps
    the secret the first request stored: the second one has none to show."""
    previous = session.get(key) or {}
    if created or previous.get("code") != code:
        session[key] = {"code": code, "secret": secret or ""}


def take_receipt(session, key):
    """(code, secret, shown_before) for the receipt page, or None when there is none; the secret is handed out once."""
    receipt = session.get(key)
    if not receipt or not receipt.get("code"):
        return None
    secret = receipt.get("secret", "")
    if secret:
        session[key] = {"code": receipt["code"], "secret": "", "secret_shown": True}
    return receipt["code"], secret, receipt.get("secret_shown", False)


def remember_code(session, key, code):
    """The codes this browser has proved, newest first: their status pages open without asking again."""
    codes = [c for c in session.get(key, []) if c != code]
    session[key] = [code, *codes][:REMEMBERED_CODES]
