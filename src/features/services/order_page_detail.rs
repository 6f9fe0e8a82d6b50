//! One order: its facts, its timeline, and the buttons the signed-in person may use on it now
//! (the server says which: cancel, rate, assign, accept/decline, claim, start, complete).
//!
//! (Over 400 lines: every step's button and form shares the page's one order and its refresh;
//! issue 17 reworks these actions and should split them by actor.)

use leptos::prelude::*;
use linli_api_types::{
    Order, OrderStatus, RateRequest, RatingTag, COMPLETION_NOTE_MAX_CHARS, DECLINE_REASON_MAX_CHARS,
    RATE_WINDOW_DAYS, RATING_COMMENT_MAX_CHARS,
};

use super::api::{self, Step};
use super::common::{use_steps, when, LoadError, StatusChip, Steps};
use super::frame::{Frame, Skeleton};
use super::texts::{texts, ServicesTexts};
use super::wording;
use crate::api::{load_by_id, use_api, ApiError};
use crate::components::TextArea;
use crate::i18n::use_i18n;

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let order = load_by_id(api::order);
    view! {
        <Frame title=|t| t.order_detail_title back=crate::routes::my_orders()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! { <OrderView order /> }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.order_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn OrderView(order: Order) -> impl IntoView {
    let id = order.id;
    let order = RwSignal::new(order);
    let steps = use_steps(id, move |updated| order.set(updated));
    // Someone else changed the order first (a reassignment, another claim): show it as it is
    // now, with the buttons that still apply, under the server's "刷新后再操作" message.
    let api = use_api();
    Effect::new(move |_| {
        let changed = steps.action.value().with(|v| matches!(v, Some(Err(e)) if e.has_code(&["order_changed"])));
        if changed {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = api::order(api, id).await {
                    order.set(fresh);
                }
            });
        }
    });
    view! {
        {move || view! { <Facts order=order.get() /> }}
        <Actions order steps />
        {move || order.with(|o| o.rating.clone()).map(|rating| view! {
            <section class="card rating" aria-labelledby="rating-heading">
                <h2 class="card__title" id="rating-heading">{move || texts().your_rating}</h2>
                <p class="rating__stars">
                    <span aria-hidden="true">{"★".repeat(rating.stars.into())}{"☆".repeat(5 - usize::from(rating.stars.min(5)))}</span>
                    <span class="visually-hidden">{move || (texts().stars_of)(rating.stars)}</span>
                </p>
                <ul class="chips">
                    {rating.tags.iter().map(|&tag| view! { <li class="chip">{move || texts().tag(tag)}</li> }).collect_view()}
                </ul>
                {(!rating.comment.is_empty()).then(|| view! { <p class="rating__comment">{rating.comment.clone()}</p> })}
            </section>
        })}
        {move || view! { <Timeline order=order.get() /> }}
    }
}

#[component]
fn Facts(order: Order) -> impl IntoView {
    let Order {
        service, status, preferred_start, address, contact_phone, note, resident, volunteer, points, completion_note, ..
    } = order;
    let points_line = move || {
        let t = texts();
        match status {
            OrderStatus::Cancelled => (t.points_returned)(points),
            OrderStatus::Rated | OrderStatus::Closed => (t.points_settled)(points),
            _ => (t.points_held)(points),
        }
    };
    view! {
        <section class="card order-facts">
            <div class="order-card__head">
                <h2 class="order-facts__name">{service.name.clone()}</h2>
                <StatusChip status />
            </div>
            <p class="service-card__provider">{move || (texts().provider)(&service.provider_name)}</p>
            {(points > 0).then(|| view! { <p class="order-facts__points">{points_line}</p> })}
            <dl class="facts">
                <div><dt>{move || texts().when_label}</dt><dd>{move || when(preferred_start)}</dd></div>
                <div><dt>{move || texts().address_label}</dt><dd>{address}</dd></div>
                <div><dt>{move || texts().phone_label}</dt><dd><a href=format!("tel:{contact_phone}")>{contact_phone.clone()}</a></dd></div>
                <div><dt>{move || texts().resident_label}</dt><dd>{resident.name}</dd></div>
                {volunteer.map(|v| view! { <div><dt>{move || texts().volunteer_label}</dt><dd>{v.name}</dd></div> })}
                {(!note.is_empty()).then(|| view! { <div><dt>{move || texts().note_label}</dt><dd class="pre">{note}</dd></div> })}
                {completion_note.filter(|n| !n.is_empty()).map(|n| view! {
                    <div><dt>{move || texts().completion_note_label}</dt><dd class="pre">{n}</dd></div>
                })}
            </dl>
        </section>
    }
}

#[component]
fn Timeline(order: Order) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 class="card__title" id="timeline-heading">{move || texts().timeline}</h2>
            <ol class="timeline">
                {order.timeline.into_iter().map(|event| {
                    let kind = event.kind;
                    let reason = matches!(kind, linli_api_types::OrderEventKind::Declined | linli_api_types::OrderEventKind::Completed)
                        .then(|| event.note.clone())
                        .flatten()
                        .filter(|n| !n.is_empty());
                    let parts = {
                        let event = event.clone();
                        move || wording::event_parts(texts(), &event)
                    };
                    let parts2 = parts.clone();
                    view! {
                        <li class=format!("timeline__step timeline__step--{}", kind.as_str())>
                            <p class="timeline__when">{move || parts().0}</p>
                            <p class="timeline__what">{move || parts2().1}</p>
                            {reason.map(|r| view! { <p class="timeline__note">{r}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The message of a failed step: at its field when the server names one, else above the buttons.
fn failure(steps: Steps) -> Option<ApiError> {
    steps.action.value().get().and_then(Result::err)
}

#[component]
fn Actions(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Memo::new(move |_| order.with(|o| o.actions));
    let pending = steps.action.pending();
    let any = move || {
        let a = actions.get();
        a.cancel || a.rate || a.assign || a.accept || a.decline || a.claim || a.start || a.complete
    };
    let general_error = move || {
        failure(steps).filter(|e| {
            !["reason", "note", "stars", "comment", "tags", "volunteer_id"].iter().any(|f| e.field(f).is_some())
        })
    };
    view! {
        <Show when=any>
            <section class="card actions" aria-busy=move || pending.get().to_string()>
                <Show when=move || actions.get().rate>
                    <RateForm order steps />
                </Show>
                <Show when=move || actions.get().assign>
                    <AssignForm order steps />
                </Show>
                <Show when=move || actions.get().claim>
                    <StepButton steps step=Step::Claim label=|t| t.claim primary=true />
                </Show>
                <Show when=move || actions.get().accept>
                    <StepButton steps step=Step::Accept label=|t| t.accept primary=true />
                </Show>
                <Show when=move || actions.get().start>
                    <StepButton steps step=Step::Start label=|t| t.start primary=true />
                </Show>
                <Show when=move || actions.get().complete>
                    <NoteForm steps id="complete-note" label=|t| t.complete_note button=|t| t.complete_send
                        max=COMPLETION_NOTE_MAX_CHARS required=false make=Step::Complete field="note" />
                </Show>
                <Show when=move || actions.get().decline>
                    <Reveal label=|t| t.decline>
                        <NoteForm steps id="decline-reason" label=|t| t.decline_reason button=|t| t.decline_send
                            max=DECLINE_REASON_MAX_CHARS required=true make=Step::Decline field="reason" />
                    </Reveal>
                </Show>
                <Show when=move || actions.get().cancel>
                    <CancelButton steps />
                </Show>
                {move || general_error().map(|error| view! {
                    <p class="banner banner--error" role="alert">{error.message(i18n.t())}</p>
                })}
            </section>
        </Show>
    }
}

/// A step with nothing to fill in.
#[component]
fn StepButton(
    steps: Steps,
    step: Step,
    label: fn(&ServicesTexts) -> &'static str,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    let pending = steps.action.pending();
    let mine = {
        let step = step.clone();
        move || pending.get() && steps.action.input().with(|i| i.as_ref() == Some(&step))
    };
    let class = if primary { "button button--primary button--block" } else { "button button--ghost button--block" };
    view! {
        <button type="button" class=class disabled=move || pending.get()
            on:click=move |_| { steps.action.dispatch(step.clone()); }>
            {move || if mine() { texts().working } else { label(texts()) }}
        </button>
    }
}

/// A ghost button that opens what it guards (a reason to give before declining).
#[component]
fn Reveal(label: fn(&ServicesTexts) -> &'static str, children: ChildrenFn) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="button button--ghost button--block" aria-expanded="false"
                on:click=move |_| open.set(true)>{move || label(texts())}</button>
        }>
            {children()}
        </Show>
    }
}

/// A text (the decline reason, the completion record) and the button that sends it.
#[component]
fn NoteForm(
    steps: Steps,
    id: &'static str,
    label: fn(&ServicesTexts) -> &'static str,
    button: fn(&ServicesTexts) -> &'static str,
    max: usize,
    required: bool,
    make: fn(String) -> Step,
    field: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = Signal::derive(move || local_error.get().or_else(|| failure(steps).and_then(|e| e.field(field))));
    let pending = steps.action.pending();
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = ServicesTexts::of(i18n.locale_untracked());
        let value = text.get_untracked().trim().to_owned();
        let n = value.chars().count();
        local_error.set(if required && n == 0 {
            Some(t.reason_required.to_owned())
        } else if n > max {
            Some((t.too_long)(max))
        } else {
            None
        });
        if local_error.get_untracked().is_none() {
            steps.action.dispatch(make(value));
        }
    };
    view! {
        <form class="note-form" on:submit=submit novalidate>
            <TextArea id label=Signal::derive(move || label(texts())) value=text error max_chars=max rows=3 />
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().working } else { button(texts()) }}
            </button>
        </form>
    }
}

#[component]
fn CancelButton(steps: Steps) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let pending = steps.action.pending();
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="button button--danger-outline button--block" on:click=move |_| confirming.set(true)>
                {move || texts().cancel_order}
            </button>
        }>
            <div class="confirm" role="alertdialog" aria-labelledby="cancel-question">
                <p id="cancel-question">{move || texts().cancel_confirm}</p>
                <div class="confirm__buttons">
                    <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>
                        {move || texts().keep_order}
                    </button>
                    <button type="button" class="button button--danger" disabled=move || pending.get()
                        on:click=move |_| { steps.action.dispatch(Step::Cancel); }>
                        {move || if pending.get() { texts().cancelling } else { texts().cancel_yes }}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// 评单: 1–5 big stars (a radio group), quick tags, an optional comment; once only.
#[component]
fn RateForm(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let stars = RwSignal::new(0u8);
    let tags = RwSignal::new(Vec::<RatingTag>::new());
    let comment = RwSignal::new(String::new());
    let stars_error = RwSignal::new(None::<String>);
    let comment_error = Signal::derive(move || failure(steps).and_then(|e| e.field("comment")));
    let server_stars_error = move || failure(steps).and_then(|e| e.field("stars").or_else(|| e.field("tags")));
    let pending = steps.action.pending();
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
        steps.action.dispatch(Step::Rate(RateRequest {
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
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().submitting_rating } else { texts().submit_rating }}
            </button>
        </form>
    }
}

/// 中心派单 / 改派: a volunteer who offers the service, fewest active orders first.
#[component]
fn AssignForm(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let api = use_api();
    let (service_id, order_id) = order.with_untracked(|o| (o.service.id, o.id));
    let reassigning = move || order.with(|o| o.volunteer.is_some());
    let current = move || order.with(|o| o.volunteer.as_ref().map(|v| v.id));
    // Without the ordering household's volunteers: they may not be sent their own order.
    let volunteers = LocalResource::new(move || api::volunteers(api, service_id, order_id));
    let chosen = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = move || local_error.get().or_else(|| failure(steps).and_then(|e| e.field("volunteer_id")));
    let pending = steps.action.pending();
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().parse::<i64>() {
            Ok(volunteer_id) => {
                local_error.set(None);
                steps.action.dispatch(Step::Assign(volunteer_id));
            }
            Err(_) => local_error.set(Some(ServicesTexts::of(i18n.locale_untracked()).volunteer_required.to_owned())),
        }
    };
    view! {
        <form class="assign-form" on:submit=submit novalidate>
            <div class="field" class:field--invalid=move || error().is_some()>
                <label class="field__label" for="volunteer">
                    {move || if reassigning() { texts().reassign_to } else { texts().assign_to }}
                </label>
                <Transition fallback=move || view! { <p class="muted">{move || use_i18n().t().loading}</p> }>
                    {move || Suspend::new(async move {
                        let mut list = volunteers.await.unwrap_or_default();
                        list.sort_by_key(|v| v.active_orders);
                        if list.is_empty() {
                            return view! { <p class="muted">{move || texts().no_volunteers}</p> }.into_any();
                        }
                        view! {
                            <select id="volunteer" class="field__input" aria-describedby="volunteer-error"
                                aria-invalid=move || error().is_some().to_string()
                                on:change=move |ev| { chosen.set(event_target_value(&ev)); local_error.set(None); }>
                                <option value="" selected=move || chosen.with(String::is_empty)>{move || texts().choose_volunteer}</option>
                                {list.into_iter().filter(|v| current() != Some(v.id)).map(|v| {
                                    let value = v.id.to_string();
                                    let this = value.clone();
                                    view! {
                                        <option value=value selected=move || chosen.with(|c| *c == this)>
                                            {move || (texts().volunteer_option)(&v.name, v.active_orders)}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    })}
                </Transition>
                <p class="field__error" id="volunteer-error" role="alert">{error}</p>
            </div>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || match (pending.get(), reassigning()) {
                    (true, _) => texts().assigning,
                    (false, true) => texts().reassign,
                    (false, false) => texts().assign,
                }}
            </button>
        </form>
    }
}
