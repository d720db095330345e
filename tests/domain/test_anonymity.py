"""Tokens, derived keys and complementary suppression of small groups."""

import hashlib
import hmac

import pytest

from facilitator.domain.anonymity import derive_key, new_token, validate_token, visible_groups
from facilitator.domain.errors import ValidationError

SECRET = b"server-secret"


def test_new_tokens_are_valid_and_different():
    first, second = new_token(), new_token()
    assert validate_token(first) == first
    assert len(first) == 43
    assert first != second


@pytest.mark.parametrize("token", ["a" * 22, "Z" * 128, "abc-DEF_123" * 2 + "xy"])
def test_tokens_of_22_to_128_base64url_characters_are_accepted(token):
    assert validate_token(token) == token


@pytest.mark.parametrize(
    "token",
    [
        "a" * 21,
        "a" * 129,
        "a" * 21 + "=",
        "a" * 21 + "/",
        "a" * 21 + " ",
        "",
        None,
        12345,
        b"a" * 30,
    ],
)
def test_short_long_or_foreign_tokens_are_invalid(token):
    with pytest.raises(ValidationError) as info:
        validate_token(token)
    assert info.value.code == "invalid_token"
    assert info.value.field == "token"


def test_derived_key_is_hmac_sha256_of_token_and_scope():
    token = "t" * 43
    expected = hmac.new(SECRET, (token + "\x1fprompt:12").encode(), hashlib.sha256).hexdigest()
    assert derive_key(SECRET, token, "prompt:12") == expected
    assert len(expected) == 64


def test_derived_keys_differ_across_scopes_tokens_and_secrets():
    token = "t" * 43
    base = derive_key(SECRET, token, "prompt:12")
    assert derive_key(SECRET, token, "prompt:13") != base
    assert derive_key(SECRET, token, "prompt:12:author") != base
    assert derive_key(SECRET, "u" * 43, "prompt:12") != base
    assert derive_key(b"other", token, "prompt:12") != base


def test_derive_key_refuses_an_empty_or_text_secret():
    with pytest.raises(ValueError):
        derive_key(b"", "t" * 43, "prompt:1")
    with pytest.raises(ValueError):
        derive_key("secret", "t" * 43, "prompt:1")


def test_groups_of_at_least_k_are_shown_when_nothing_is_left_over():
    assert visible_groups({"A": 5, "B": 9, "C": 0}, 5) == {"A", "B"}


def test_small_remainder_forces_the_smallest_shown_group_to_hide():
    # C (3) alone would be recoverable from the total; hiding B (8) makes the remainder 11.
    assert visible_groups({"A": 10, "B": 8, "C": 3}, 5) == {"A"}


def test_single_shown_group_hides_when_it_would_reveal_a_small_remainder():
    assert visible_groups({"A": 10, "B": 3}, 5) == set()


def test_small_groups_that_add_up_to_k_can_stay_hidden_together():
    assert visible_groups({"A": 10, "B": 3, "C": 2}, 5) == {"A"}


def test_ties_for_smallest_hide_the_group_whose_key_sorts_last():
    assert visible_groups({"A": 6, "B": 6, "C": 2}, 5) == {"A"}
    assert visible_groups({2: 6, 10: 6, 3: 1}, 5) == {10}


def test_empty_groups_do_not_force_suppression():
    assert visible_groups({"A": 5, "B": 0, "C": 0}, 5) == {"A"}


def test_no_groups_means_nothing_visible():
    assert visible_groups({}, 5) == set()


@pytest.mark.parametrize("k", [0, -1, 2.0, True])
def test_k_must_be_a_positive_int(k):
    with pytest.raises(ValueError):
        visible_groups({"A": 5}, k)
