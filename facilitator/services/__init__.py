"""Use cases over a database session: they add and flush; the edge commits."""

from facilitator.domain.errors import Refusal

# Services refuse with the one error type (domain/errors.py); the name says where it came from.
ServiceError = Refusal
