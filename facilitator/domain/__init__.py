"""Pure Python rules of Facilitator: prompt kinds, validation, aggregation, anonymity."""
