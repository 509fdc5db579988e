"""The passphrase policy: zxcvbn's score, with the worker's name and the app's words as guesses."""

from __future__ import annotations

import time

import pytest

from caseapp.services.errors import ValidationError
from caseapp.services.passphrase_policy import MIN_LENGTH, assess, check_new_passphrase

STRONG = "violet kettle orbit marsh"


def test_a_few_unrelated_words_are_strong() -> None:
    result = assess(STRONG, user_inputs=["Sam Jones"])
    assert result.score == 4
    assert result.acceptable
    assert result.warning == ""
    assert result.crack_time == "centuries"


def test_common_password_is_weak_with_a_plain_warning() -> None:
    result = assess("Password1234", user_inputs=[])
    assert result.score < 3
    assert not result.acceptable
    assert result.warning.endswith(".")
    assert all(s.endswith(".") for s in result.suggestions)
    # zxcvbn's American spelling never reaches the screen.
    assert not any("Capitalization" in s for s in result.suggestions)


@pytest.mark.parametrize("passphrase", ["Sam Jones 2024", "samjones2024!"])
def test_the_workers_name_counts_as_an_easy_guess(passphrase: str) -> None:
    # Strong enough for zxcvbn alone; weak once it knows who is choosing it.
    assert assess(passphrase, user_inputs=[]).acceptable
    result = assess(passphrase, user_inputs=["Sam Jones"])
    assert result.score < 3
    assert "your own name" in result.warning


@pytest.mark.parametrize("passphrase", ["caseapp council", "Council-Caseapp-99", "caseapp folder 1"])
def test_app_council_and_folder_words_are_easy_guesses(passphrase: str) -> None:
    assert not assess(passphrase, user_inputs=["folder"]).acceptable


def test_crack_time_is_a_phrase() -> None:
    assert assess("", user_inputs=[]).crack_time == "less than a minute"
    assert assess("Sam Jones 2024", user_inputs=["Sam Jones"]).crack_time.startswith("about ")


def test_very_long_passphrases_are_scored_quickly() -> None:
    started = time.perf_counter()
    result = assess("x9" * 5000, user_inputs=["Sam Jones"])
    assert time.perf_counter() - started < 2
    assert 0 <= result.score <= 4


def test_an_acceptable_passphrase_passes() -> None:
    assert check_new_passphrase(STRONG, STRONG, user_inputs=["Sam Jones"]).score == 4


def test_too_short_is_refused_even_if_random() -> None:
    short = "q7#Zp!x2"
    assert len(short) < MIN_LENGTH
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase(short, short, user_inputs=[])
    assert set(caught.value.problems) == {"passphrase"}
    assert "at least 12 characters" in caught.value.problems["passphrase"]


def test_weak_is_refused_with_advice() -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase("Password12345", "Password12345", user_inputs=[])
    message = caught.value.problems["passphrase"]
    assert message.startswith("This passphrase would be too easy to guess.")
    assert len(message.split(". ")) >= 2  # says why, or what to do


def test_mismatch_is_refused_on_the_confirm_field() -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase(STRONG, STRONG + " ", user_inputs=[])
    assert set(caught.value.problems) == {"confirm"}


def test_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase("short", "other", user_inputs=[])
    assert set(caught.value.problems) == {"passphrase", "confirm"}


def test_no_passphrase_in_the_error_text() -> None:
    secret = "Password12345"
    with pytest.raises(ValidationError) as caught:
        check_new_passphrase(secret, secret + "x", user_inputs=["Sam Jones"])
    assert secret not in str(caught.value)
    assert "Sam" not in str(caught.value)
