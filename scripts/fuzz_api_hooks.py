"""schemathesis hooks for scripts/fuzz-api.sh (docs/fuzz.md, "Positive data").

`positive_data_refused_for_state` judges what the built-in `positive_data_acceptance` lets
through: a 422 answer to a request the document calls valid. The document states every rule
of shape (lengths, patterns, ranges, formats, enums), so such a 422 passes only when each field
error names a rule about the community's state, which no schema can state: an id that names
nothing (`unknown`), a time already past, a check-in code that changed, a password that is too
common, a key reused with another body. Any other code fails the run.
"""

import schemathesis

# Field-error codes about state, not shape (platform `Rule::code` in server/src/platform/error.rs, and the
# features' own codes in server/src/features/*/refusals.rs).
STATE_RULES = {
    "unknown",
    "out_of_scope",
    "in_past",
    "after_expiry",
    "not_after_start",
    "wrong_code",
    "above_policy",
    "outside_opening",
    "too_far_ahead",
    "not_offered",
    "own_account",
    "own_household",
    "own_order",
    "too_common",
    "same_as_current",
    "wrong_password",
    "invalid_credentials",
}

# Problem codes of a 422 that are about state, not the body's shape.
STATE_PROBLEMS = {"idempotency_key_reused"}


def _body_value(case, field):
    """The value at a field error's path (`target.id`) in the request body."""
    value = case.body
    for key in (field or "").split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _documented_exception(case, error):
    field, code = error.get("field"), error.get("code")
    # Cursors are opaque: only a `next_cursor` the server issued names a page.
    if field == "cursor" and code == "bad_format":
        return True
    # JSON Schema counts 7.0 as an integer; the server's JSON reader wants 7.
    if code == "wrong_type":
        value = _body_value(case, field)
        return isinstance(value, float) and value.is_integer()
    # A staff member without a household must name an address: who asks, not what is sent.
    if field == "address" and code == "required":
        return True
    return False


@schemathesis.check
def positive_data_refused_for_state(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        problem = response.json()
    except ValueError:
        raise AssertionError("A 422 without a problem+json body")
    if problem.get("code") in STATE_PROBLEMS:
        return None
    shape = [
        e
        for e in problem.get("errors", [])
        if e.get("code") not in STATE_RULES and not _documented_exception(case, e)
    ]
    if shape or not problem.get("errors"):
        raise AssertionError(
            "Valid data refused for its shape: "
            + ", ".join(f"{e.get('field')}: {e.get('code')}" for e in shape or [problem])
        )
    return None
