//! 评单: the resident confirms the service was done and rates it.

use leptos::prelude::*;
use linli_api_types::{Order, RateRequest, RatingTag, RATE_WINDOW_DAYS, RATING_COMMENT_MAX_CHARS};

use super::api::Step;
use super::common::Steps;
use super::order_steps::step_message;
use super::texts::{texts, ServicesTexts};
use super::wording;
use crate::components::{ActionError, TextArea};
use crate::i18n::use_i18n;

/// 评单: 1–5 big stars (a radio group), quick tags, an optional comment; once only.
#[component]
pub fn RateForm(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let stars = RwSignal::new(0u8);
    let tags = RwSignal::new(Vec::<RatingTag>::new());
    let comment = RwSignal::new(String::new());
    let stars_error = RwSignal::new(None::<String>);
    let comment_error = Signal::derive(move || steps.failed("rate").and_then(|e| e.field("comment")));
    let server_stars_error = move || steps.failed("rate").and_then(|e| e.field("stars").or_else(|| e.field("tags")));
    let pending = steps.pending;
    let rate_by = move || order.with(|o| o.rate_by);
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = stars.get_untracked();
        if n == 0 {
            stars_error.set(Some(ServicesTexts::of(i18n.locale_untracked()).stars_required.to_owned()));
            return;
        }
        stars_error.set(None);
        steps.send(Step::Rate(RateRequest {
            stars: n,
            tags: tags.get_untracked(),
            comment: comment.get_untracked().trim().to_owned(),
        }));
    };
    view! {
        <form class="rate-form" on:submit=submit novalidate aria-labelledby="rate-heading">
            <h2 class="card__title" id="rate-heading">{move || texts().rate_heading}</h2>
            <p class="rate-form__window">
                <span class="badge">{move || (texts().rate_window)(RATE_WINDOW_DAYS)}</span>
                {move || rate_by().map(|by| view! { " " <span class="muted">{move || (texts().rate_by)(&wording::short_date(texts(), by))}</span> })}
            </p>
            <fieldset class="stars" aria-describedby="stars-error">
                <legend class="field__label">{move || texts().stars_legend}</legend>
                <div class="stars__row">
                    {(1u8..=5).map(|n| view! {
                        <label class="star" class:star--on={move || stars.get() >= n}>
                            <input type="radio" name="stars" value=n.to_string()
                                prop:checked=move || stars.get() == n
                                on:change=move |_| { stars.set(n); stars_error.set(None); } />
                            <span class="star__glyph" aria-hidden="true">"★"</span>
                            <span class="visually-hidden">{move || texts().star_names[usize::from(n - 1)]}</span>
                        </label>
                    }).collect_view()}
                </div>
                <p class="stars__words" aria-hidden="true">
                    {move || match stars.get() { 0 => String::new(), n => texts().star_names[usize::from(n - 1)].to_owned() }}
                </p>
                <p class="field__error" id="stars-error" role="alert">{move || stars_error.get().or_else(server_stars_error)}</p>
            </fieldset>
            <fieldset class="tags">
                <legend class="field__label">{move || texts().tags_legend}</legend>
                <div class="tags__row">
                    {RatingTag::ALL.into_iter().map(|tag| view! {
                        <label class="tag">
                            <input type="checkbox" value=tag.as_str()
                                prop:checked=move || tags.with(|t| t.contains(&tag))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    tags.update(|t| { t.retain(|x| *x != tag); if on { t.push(tag); } });
                                } />
                            <span>{move || texts().tag(tag)}</span>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <TextArea id="comment" label=Signal::derive(move || texts().comment_label) value=comment error=comment_error
                max_chars=RATING_COMMENT_MAX_CHARS rows=3 />
            <button type="submit" class="button button--primary button--block" data-step="rate" disabled=move || pending.get()>
                {move || if pending.get() { texts().submitting_rating } else { texts().submit_rating }}
            </button>
            <ActionError message=step_message(steps, "rate") />
        </form>
    }
}
