"""Proving that a status request comes from whoever sent the item: the e-mail address given, or a secret.

The secret is shown once, on the confirmation page, to a citizen who left no e-mail address (anonymous or not). It
is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), i.e. 80 random bits, stored only as its
SHA-256. Every comparison is constant-time, and a wrong or unknown code costs the same work as a right one, so
timing tells an attacker nothing about which codes exist.
"""

import hashlib
import secrets

from django.utils.crypto import constant_time_compare

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
_DUMMY_EMAIL = "nobody@invalid.example"
_DUMMY_HASH = hash_secret("unused-dummy-secret")


def proof_matches(item, proof):
    """True when `proof` is the item's e-mail address (any case) or its secret. `item` may be None."""
    given = str(proof or "").strip()
    email = (item.email if item is not None else "") or _DUMMY_EMAIL
    secret_hash = (item.secret_hash if item is not None else "") or _DUMMY_HASH
    email_ok = constant_time_compare(given.lower(), email.lower())
    secret_ok = constant_time_compare(hash_secret(given), secret_hash)
    if item is None:
        return False
    return (email_ok and bool(item.email)) or (secret_ok and bool(item.secret_hash))
