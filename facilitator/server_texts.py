"""Texts the server sends by stable code or shows on its error pages, marked for translation.

The scripts show an error's text in the phone's language by its code (i18n_js.catalogue), and
pages translate a refusal's message the same way (i18n.translate_error).
"""


def N_(text: str) -> str:
    """Mark a text for extraction without translating it yet."""
    return text


# Human messages of the server's stable error codes that can reach a phone or a projector.
# English pages keep the server's own (often more precise) message.
ERRORS = {
    "room_not_found": N_("No room has this code. Check the code and retry."),
    "invalid_room": N_("No room has this code. Check the code and retry."),
    "prompt_not_found": N_("This question is not part of your room."),
    "wrong_kind": N_("This question does not take this kind of answer."),
    "prompt_not_open": N_("This question is not open for answers now."),
    "unknown_constituency": N_("Choose one of this event's groups."),
    "duplicate_client_id": N_("Send this proposal again as a new one."),
    "limit_reached": N_("You have sent the most proposals this question takes."),
    "proposal_not_found": N_("This proposal is not available."),
    "too_long": N_("This text is too long."),
    "empty": N_("Write something first."),
    "control_chars": N_("This text contains characters that cannot be sent."),
    "invalid_vote": N_("Choose agree, disagree or pass."),
    "no_opinion_not_allowed": N_("This question needs a position on the scale."),
    "out_of_range": N_("Choose one of the points of the scale."),
    "unknown_option": N_("This ranking does not fit the question. Rank the options again."),
    "duplicate_option": N_("This ranking does not fit the question. Rank the options again."),
    "wrong_length": N_("This ranking does not fit the question. Rank the options again."),
    "invalid_token": N_("This phone's key is not valid. Reload the page."),
    "invalid_payload": N_("The server did not understand this. Reload the page."),
    "invalid_type": N_("The server did not understand this. Reload the page."),
    "missing_field": N_("The server did not understand this. Reload the page."),
    "unknown_field": N_("The server did not understand this. Reload the page."),
    "invalid_client_id": N_("The server did not understand this. Reload the page."),
    "forbidden": N_("This page may not do that."),
    "bad_host": N_("This server does not answer to that address."),
    "server_error": N_(
        "Something went wrong on the server; nothing was changed. Please try again."
    ),
    "rate_limited": N_("Too many messages at once; sending again in a moment."),
    "malformed": N_("The server did not understand this. Reload the page."),
    "not_saved": N_("Your answer was not saved; please send it again."),
    "timeout": N_("No answer from the server."),
    "offline": N_("Not connected."),
}

# Error-page descriptions of the participant's and the projector's pages (abort(404, ...)).
PAGE_TEXTS = (
    N_("No room has this code."),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually please "
        "check your spelling and try again."
    ),
)

# Texts the scripts translate by value, t(name): the built-in constituency's name.
VALUE_KEYS = (N_("Prefer not to say"),)
