"""The one error type: a refusal with a stable code, a message for people and the field at fault.

Domain rules, services and models raise it (or ValidationError, its form for bad input, which
names the field first); the edges turn it into an ack, a form error or a CLI message as it is.
"""


class Refusal(Exception):
    """A request refused: a stable machine code, a human message, and the field at fault if any."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(f"{field}: {message}" if field else message)
        self.code = code
        self.message = message
        self.field = field

    def as_dict(self) -> dict:
        """The error as plain data for an ack or a JSON answer."""
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return error


class ValidationError(Refusal, ValueError):
    """Bad input: says which field is wrong, why, and a stable machine code."""

    def __init__(self, field: str, message: str, code: str = "invalid"):
        super().__init__(code, message, field)
