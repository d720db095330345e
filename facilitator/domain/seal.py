"""Sealed constituencies: an answer row's group, readable only with the participant secret.

Each response and endorsement row keeps its participant's constituency, which the breakdowns
need, but never in clear: AES-GCM with a fresh random nonce per row, under a key derived from
PARTICIPANT_SECRET, bound to the row's prompt. Without the secret every sealed value is random
and unique, so a database dump cannot tell a lone member's rows from anyone else's or link them
across prompts (docs/anonymity.md).
"""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE = 12
LENGTH = 44  # base64 of nonce (12) + group id (4) + tag (16)


def seal_key(secret: bytes) -> bytes:
    """The AES-256 key for sealing, derived from the participant secret with its own label."""
    return hmac.new(secret, b"facilitator:constituency-seal:v1", hashlib.sha256).digest()


def _context(kind: str, prompt_id: int) -> bytes:
    return f"{kind}:{prompt_id}".encode()


def seal(key: bytes, group_id: int, kind: str, prompt_id: int) -> str:
    """The constituency id sealed for one row of a prompt ("response" or "endorsement")."""
    nonce = os.urandom(NONCE)
    sealed = AESGCM(key).encrypt(nonce, group_id.to_bytes(4, "big"), _context(kind, prompt_id))
    return base64.b64encode(nonce + sealed).decode()


def unseal(keys: list[bytes], sealed: str, kind: str, prompt_id: int) -> int:
    """The constituency id of a sealed value, trying each key (the current secret first)."""
    raw = base64.b64decode(sealed)
    for key in keys:
        try:
            plain = AESGCM(key).decrypt(raw[:NONCE], raw[NONCE:], _context(kind, prompt_id))
        except InvalidTag:
            continue
        return int.from_bytes(plain, "big")
    raise ValueError("a sealed constituency that no configured secret opens")
