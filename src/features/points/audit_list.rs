//! 积分审计: every correction and every credit above the threshold, newest first, a page at a
//! time (加载更多), with this month's created points by source and the policy's changes.

use chrono::Utc;
use leptos::prelude::*;
use linli_api_types::{AuditItem, AuditKind, MonthCreated, PointsAudit, PolicyChange};

use super::admin_api;
use super::admin_texts::admin_texts;
use super::month_chart::MonthChart;
use super::reason::{reason, signed};
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::LoadMore;
use crate::i18n::{time, use_i18n};

/// The audit; starts again from the newest line whenever `changed` moves.
#[component]
pub fn AuditList(changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let items = RwSignal::new(Vec::<AuditItem>::new());
    let month = RwSignal::new(None::<MonthCreated>);
    let changes = RwSignal::new(Vec::<PolicyChange>::new());
    let threshold = RwSignal::new(None::<i64>);
    let next_cursor = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let load = Action::new_local(move |cursor: &Option<String>| admin_api::audit(api, cursor.clone()));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(PointsAudit { threshold: limit, month: this_month, policy_changes, items: page, next_cursor: cursor })) => {
            items.update(|all| all.extend(page));
            month.set(Some(this_month));
            changes.set(policy_changes);
            threshold.set(Some(limit));
            next_cursor.set(cursor);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    // The first load, and again from the start after each change on this page.
    Effect::new(move |_| {
        changed.track();
        items.set(Vec::new());
        next_cursor.set(None);
        load.dispatch(None);
    });
    let pending = load.pending();
    view! {
        {move || month.get().map(|month| view! { <MonthChart month /> })}
        <section class="card" aria-labelledby="audit-heading" aria-busy=move || pending.get().to_string()>
            <h2 class="card__title" id="audit-heading">{move || admin_texts().audit_title}</h2>
            {move || threshold.get().map(|n| view! { <p class="muted">{move || (admin_texts().audit_hint)(n)}</p> })}
            <Show when=move || !pending.get() && failure.with(Option::is_none) && items.with(Vec::is_empty)>
                <p class="muted">{move || admin_texts().audit_empty}</p>
            </Show>
            <ul class="ledger">
                <For each=move || items.get() key=|item| (item.kind == AuditKind::Correction, item.id) let:item>
                    <AuditRow item />
                </For>
            </ul>
            <LoadMore failure next_cursor pending=pending.into() more=Callback::new(move |_| { load.dispatch(next_cursor.get_untracked()); }) />
        </section>
        <Show when=move || changes.with(|c| !c.is_empty())>
            <section class="card" aria-labelledby="policy-changes-heading">
                <h2 class="card__title" id="policy-changes-heading">{move || admin_texts().policy_changes}</h2>
                <ul class="ledger">
                    {move || changes.get().into_iter().map(|change| {
                        let PolicyChange { points_per_hour, correction_approval_threshold, changed_by, changed_at } = change;
                        view! {
                            <li class="ledger__row">
                                <span class="ledger__reason">
                                    {move || (admin_texts().policy_change)(&time::full(i18n.t(), changed_at), points_per_hour, correction_approval_threshold)}
                                </span>
                                <span class="ledger__meta">{changed_by.name}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn AuditRow(item: AuditItem) -> impl IntoView {
    let i18n = use_i18n();
    let AuditItem { kind, amount, ledger_kind, subject, note, status, actor, approver, member, at, .. } = item;
    let about = note.filter(|n| !n.is_empty()).unwrap_or(subject);
    let is_correction = kind == AuditKind::Correction;
    let actor = actor.map(|person| person.name);
    let approver = approver.map(|person| person.name);
    view! {
        <li class="ledger__row">
            <span class="ledger__reason">{member.name} " · " {move || reason(texts(), ledger_kind, &about, None)}</span>
            <span class={if amount >= 0 { "ledger__amount ledger__amount--plus" } else { "ledger__amount ledger__amount--minus" }}>
                {signed(amount)}
            </span>
            <span class="ledger__meta">
                <time datetime=at.to_rfc3339()>{move || time::relative(i18n.t(), at, Utc::now())}</time>
                {is_correction.then(|| view! { " · " {move || (admin_texts().status)(status)} })}
                {actor.map(|name| view! {
                    " · " {move || if is_correction { (admin_texts().by)(&name) } else { (admin_texts().credit_by)(&name) }}
                })}
                {approver.map(|name| view! { " · " {move || (admin_texts().approved_by)(&name)} })}
            </span>
        </li>
    }
}
