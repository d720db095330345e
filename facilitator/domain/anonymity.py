"""Anonymity rules: participant tokens, per-scope derived keys and small-group suppression.

The phone holds a random token; the database stores only HMAC(secret, token, scope) per scope,
so a dump cannot link one person's answers across prompts. Group breakdowns show only groups with
at least k members, with complementary suppression so that, the overall total being public,
nothing hidden with fewer than k members can be recovered by subtraction.
"""

import hashlib
import hmac
import re
import secrets

from facilitator.domain.errors import ValidationError

TOKEN_MIN_LENGTH = 22  # 22 base64url characters carry 132 bits
TOKEN_MAX_LENGTH = 128
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")
_SEPARATOR = "\x1f"


def new_token() -> str:
    """A fresh random participant token (256 bits, base64url)."""
    return secrets.token_urlsafe(32)


def validate_token(token) -> str:
    """Return the token if it is 22..128 base64url characters; else ValidationError."""
    if (
        not isinstance(token, str)
        or not TOKEN_MIN_LENGTH <= len(token) <= TOKEN_MAX_LENGTH
        or not _TOKEN_RE.fullmatch(token)
    ):
        raise ValidationError(
            "token",
            f"must be {TOKEN_MIN_LENGTH} to {TOKEN_MAX_LENGTH} characters of A-Z a-z 0-9 _ -",
            code="invalid_token",
        )
    return token


def derive_key(secret: bytes, token: str, scope: str) -> str:
    """HMAC-SHA256(secret, token + "\\x1f" + scope) as 64 hex characters."""
    if not isinstance(secret, bytes | bytearray) or not secret:
        raise ValueError("secret must be non-empty bytes")
    if _SEPARATOR in token or _SEPARATOR in scope:
        raise ValueError("token and scope must not contain the \\x1f separator")
    message = (token + _SEPARATOR + scope).encode("utf-8")
    return hmac.new(bytes(secret), message, hashlib.sha256).hexdigest()


def visible_groups(group_sizes: dict, k: int) -> set:
    """Groups that may be shown: size >= k, with complementary suppression of the remainder."""
    if type(k) is not int or k < 1:
        raise ValueError(f"k must be an int >= 1, got {k!r}")
    if any(type(size) is not int or size < 0 for size in group_sizes.values()):
        raise ValueError("group sizes must be non-negative ints")
    shown = {group for group, size in group_sizes.items() if size >= k}
    remainder = sum(size for group, size in group_sizes.items() if group not in shown)
    while 0 < remainder < k and shown:
        # Suppress the smallest shown group; on a tie, the one whose key sorts last as a string.
        victim = max(shown, key=lambda g: (-group_sizes[g], str(g), repr(g)))
        shown.remove(victim)
        remainder += group_sizes[victim]
    return shown
