"""Pacing: an optional countdown per prompt, which may close the prompt when it ends.

Pure Python: the limits and the checks shared by the console form, the agenda file and the
services. A countdown is whole seconds from COUNTDOWN_MIN to COUNTDOWN_MAX, or none at all;
`auto_close` needs a countdown.
"""

from facilitator.domain.errors import ValidationError

COUNTDOWN_MIN = 10
COUNTDOWN_MAX = 3600
ADD_TIME_MAX = 3600


def validate_pacing(countdown, auto_close) -> tuple[int | None, bool]:
    """(countdown seconds or None, auto_close) checked; raises ValidationError naming the field."""
    if countdown is not None and (
        type(countdown) is not int or not COUNTDOWN_MIN <= countdown <= COUNTDOWN_MAX
    ):
        raise ValidationError(
            "countdown",
            f"must be a whole number of seconds from {COUNTDOWN_MIN} to {COUNTDOWN_MAX} (one hour)",
            code="invalid_countdown",
        )
    if type(auto_close) is not bool:
        raise ValidationError("auto_close", "must be true or false", code="invalid_type")
    if auto_close and countdown is None:
        raise ValidationError(
            "auto_close",
            "needs a countdown: say after how many seconds the prompt closes itself",
            code="auto_close_without_countdown",
        )
    return countdown, auto_close
