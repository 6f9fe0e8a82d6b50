//! The refusals every operation inherits from its extractors, added to the OpenAPI document in
//! one place. `ApiJson` answers 400/413/415/422 on any route with a JSON body, and
//! `IdempotencyKey` 400/422 on any route taking the header, `ApiPath` 404 on any route with path
//! parameters, `AuthUser` 401 on any signed-in route, whatever the handler does; listing
//! them by hand on each route drifted (schemathesis found 21 routes missing some), so a route's
//! own annotation only describes its own refusals, and this fills in what it leaves out. The
//! `Idempotency-Key` header's rule (1–100 visible ASCII characters) is stated here too. Every
//! operation may also answer 503 `overloaded` with Retry-After when no database connection
//! comes free in time (`AppError::Overloaded`); `/health` keeps its own 503.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::SchemaFormat;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, KnownFormat, Ref, RefOr, Required, ResponseBuilder};
use utoipa::Modify;

use crate::platform::error::{OVERLOADED, OVERLOADED_RETRY_AFTER_SECS};
use crate::platform::idempotency;

pub struct ExtractorRefusals;

impl Modify for ExtractorRefusals {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add_refusals(operation);
            }
        }
    }
}

fn add_refusals(operation: &mut Operation) {
    let has_body = operation.request_body.is_some();
    let mut has_key = false;
    for parameter in operation.parameters.iter_mut().flatten() {
        if parameter.parameter_in == ParameterIn::Header
            && parameter.name.eq_ignore_ascii_case(idempotency::HEADER)
        {
            has_key = true;
            // `Option<String>` in the annotation reads as "string or null": a header is never null.
            parameter.required = Required::False;
            parameter.schema = Some(idempotency_key_schema());
        }
    }
    let signed_in = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_path = operation
        .parameters
        .iter()
        .flatten()
        .any(|parameter| parameter.parameter_in == ParameterIn::Path);
    let mut add = |status: &str, description: &str| {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(description));
    };
    if signed_in {
        add(
            "401",
            "No valid session (`unauthenticated`, `session_expired`)",
        );
    }
    if has_path {
        add("404", "Nothing by that name (`not_found`)");
    }
    match (has_body, has_key) {
        (true, true) => {
            add(
                "400",
                "Not JSON (`bad_json`) or a bad Idempotency-Key (`bad_idempotency_key`)",
            );
            add("422", "Field errors (`validation`), or the Idempotency-Key was used for a different request (`idempotency_key_reused`)");
        }
        (true, false) => {
            add("400", "Not JSON (`bad_json`)");
            add("422", "Field errors (`validation`)");
        }
        (false, true) => {
            add("400", "A bad Idempotency-Key (`bad_idempotency_key`)");
            add(
                "422",
                "The Idempotency-Key was used for a different request (`idempotency_key_reused`)",
            );
        }
        (false, false) => {}
    }
    if has_body {
        add("413", "Body over 64 KiB (`payload_too_large`)");
        add(
            "415",
            "Body is not application/json (`unsupported_media_type`)",
        );
    }
    operation
        .responses
        .responses
        .entry("503".to_owned())
        .or_insert_with(overloaded);
}

fn overloaded() -> RefOr<utoipa::openapi::Response> {
    let retry_after = HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(0)),
        )
        .description(Some(format!(
            "Seconds until trying again can succeed ({OVERLOADED_RETRY_AFTER_SECS})"
        )))
        .build();
    let description = format!(
        "The server is overloaded: no database connection came free in time (`{OVERLOADED}`); \
         try again after Retry-After, with the same Idempotency-Key"
    );
    problem_response(&description)
        .header("Retry-After", retry_after)
        .build()
        .into()
}

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    problem_response(description).build().into()
}

fn problem_response(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        linli_api_types::PROBLEM_CONTENT_TYPE,
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    )
}

/// What `IdempotencyKey::parse` accepts.
fn idempotency_key_schema() -> RefOr<utoipa::openapi::Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(idempotency::MAX_KEY_LEN))
        .pattern(Some("^[!-~]+$"))
        .into()
}
