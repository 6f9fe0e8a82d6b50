//! 消息设置: which kinds of message to receive, grouped as the contract groups them, and 免打扰
//! (quiet hours, 22:00–07:00 Shanghai time unless changed) during which reminders and messages
//! forwarded outside the app wait. Saving replaces the whole preferences.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use linli_api_types::{Me, MessageGroup, MessageKind, MessagePrefs};

use super::api;
use super::frame::{Frame, LoadError, Skeleton};
use super::texts::{texts, texts_in, GROUPS};
use crate::api::use_api;
use crate::components::{ActionError, FormErrors};
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || api::prefs(api));
    view! {
        <Frame title=|t| t.settings_title back=routes::messages()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(prefs) => view! { <PrefsForm prefs /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// Kinds that can only reach someone in a role are offered to those in it; the others keep
/// whatever they were set to.
fn offered(kind: MessageKind, me: &Me) -> bool {
    match kind {
        MessageKind::OrderAssigned => me.is_volunteer,
        MessageKind::RegistrationWaiting | MessageKind::ReportWaiting | MessageKind::ReportOverdue => !me.roles.is_empty(),
        _ => true,
    }
}

/// Minutes after midnight as `<input type="time">` holds them: "07:00".
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// An `<input type="time">` value ("22:00", or "22:00:00" with seconds) as minutes after midnight.
fn minutes(value: &str) -> Option<u16> {
    let mut parts = value.trim().split(':');
    let hours: u16 = parts.next()?.parse().ok()?;
    let mins: u16 = parts.next()?.parse().ok()?;
    (hours < 24 && mins < 60).then_some(hours * 60 + mins)
}

const FIELDS: &[&str] = &["quiet_start", "quiet_end"];

#[component]
fn PrefsForm(prefs: MessagePrefs) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let session = use_session();
    let off = RwSignal::new(prefs.off);
    let quiet = RwSignal::new(prefs.quiet_hours);
    let start = RwSignal::new(clock(prefs.quiet_start));
    let end = RwSignal::new(clock(prefs.quiet_end));
    let errors = FormErrors::new(FIELDS);
    // What the server stored last: "已保存" shows while the form still says exactly that.
    let saved = RwSignal::new(None::<MessagePrefs>);
    let on_screen = move || {
        Some(MessagePrefs {
            off: off.get(),
            quiet_hours: quiet.get(),
            quiet_start: minutes(&start.get())?,
            quiet_end: minutes(&end.get())?,
        })
    };
    let shows_saved = move || saved.with(|s| s.is_some() && *s == on_screen());

    let save = Action::new_local(move |prefs: &MessagePrefs| {
        let prefs = prefs.clone();
        async move { api::save_prefs(api, &prefs).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(stored)) => {
            off.set(stored.off.clone());
            quiet.set(stored.quiet_hours);
            start.set(clock(stored.quiet_start));
            end.set(clock(stored.quiet_end));
            saved.set(Some(stored));
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let pending = save.pending();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let (from, to) = (minutes(&start.get_untracked()), minutes(&end.get_untracked()));
        errors.at("quiet_start").set(from.is_none().then(|| t.time_required.to_owned()));
        errors.at("quiet_end").set(to.is_none().then(|| t.time_required.to_owned()));
        errors.form.set(None);
        if let (Some(quiet_start), Some(quiet_end)) = (from, to) {
            save.dispatch(MessagePrefs { off: off.get_untracked(), quiet_hours: quiet.get_untracked(), quiet_start, quiet_end });
        }
    };

    let me = session.me();
    view! {
        <p class="muted compose-intro">{move || texts().settings_intro}</p>
        <form class="settings-form message-prefs" on:submit=submit novalidate>
            {GROUPS.into_iter().filter_map(|group| {
                let kinds: Vec<MessageKind> = MessageKind::ALL
                    .into_iter()
                    .filter(|k| k.group() == group && me.as_ref().is_none_or(|me| offered(*k, me)))
                    .collect();
                (!kinds.is_empty()).then(|| view! { <KindGroup group kinds off /> })
            }).collect_view()}
            <fieldset class="card message-prefs__quiet">
                <legend class="card__title">{move || texts().quiet_heading}</legend>
                <label class="check">
                    <input type="checkbox" role="switch" id="quiet_hours" prop:checked=move || quiet.get()
                        aria-describedby="quiet-hint" on:change=move |ev| quiet.set(event_target_checked(&ev)) />
                    <span>{move || texts().quiet_on}</span>
                </label>
                <p class="field__hint" id="quiet-hint">{move || texts().quiet_hint}</p>
                <Show when=move || quiet.get()>
                    <div class="rule__numbers">
                        <TimeField id="quiet_start" label=|t| t.quiet_start value=start error=errors.at("quiet_start") />
                        <TimeField id="quiet_end" label=|t| t.quiet_end value=end error=errors.at("quiet_end") />
                    </div>
                    <p class="muted">
                        {move || match (minutes(&start.get()), minutes(&end.get())) {
                            (Some(from), Some(to)) if from != to => (texts().quiet_span)(&clock(from), &clock(to), from > to),
                            _ => String::new(),
                        }}
                    </p>
                </Show>
            </fieldset>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().saving } else { texts().save_settings }}
            </button>
            <Show when=shows_saved>
                <p class="banner banner--ok" role="status">{move || texts().saved}</p>
            </Show>
            <ActionError message=Signal::derive(move || errors.form.get().map(|error| error.message(i18n.t()))) />
        </form>
    }
}

/// One section of kinds, each a switch: on unless listed in `off`.
#[component]
fn KindGroup(group: MessageGroup, kinds: Vec<MessageKind>, off: RwSignal<Vec<MessageKind>>) -> impl IntoView {
    view! {
        <fieldset class="card message-prefs__group">
            <legend class="card__title">{move || texts().group(group)}</legend>
            {kinds.into_iter().map(|kind| {
                let id = format!("kind-{}", kind.as_str());
                view! {
                    <label class="check message-prefs__kind">
                        <input type="checkbox" role="switch" id=id name=kind.as_str()
                            prop:checked=move || off.with(|off| !off.contains(&kind))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                off.update(|off| {
                                    off.retain(|k| *k != kind);
                                    if !on {
                                        off.push(kind);
                                    }
                                });
                            } />
                        <span>{move || texts().kind(kind)}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A time of day with its label and the error beneath it.
#[component]
fn TimeField(
    id: &'static str,
    label: fn(&super::texts::MessageTexts) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{move || label(texts())}</label>
            <input id=id name=id class="field__input" type="time" step="60" bind:value=value
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described_by />
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_go_both_ways() {
        assert_eq!(clock(22 * 60), "22:00");
        assert_eq!(clock(7 * 60 + 5), "07:05");
        assert_eq!(minutes("22:00"), Some(1320));
        assert_eq!(minutes("07:05:00"), Some(425));
        assert_eq!(minutes(""), None);
        assert_eq!(minutes("24:00"), None);
        assert_eq!(minutes("7"), None);
    }
}
