"""Use cases over a database session: they add and flush; the edge commits."""


class ServiceError(Exception):
    """A request the current state refuses, with a stable code and a human message."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def as_dict(self) -> dict:
        """The error as plain data for an ack or a JSON answer."""
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return error
