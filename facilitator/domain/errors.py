"""The one error type domain validation raises."""


class ValidationError(ValueError):
    """Bad input: says which field is wrong, why, and a stable machine code."""

    def __init__(self, field: str, message: str, code: str = "invalid"):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = code

    def as_dict(self) -> dict:
        """The error as plain data for an ack or a JSON answer."""
        return {"code": self.code, "field": self.field, "message": self.message}
