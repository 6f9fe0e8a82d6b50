use leptos::{ev, html, prelude::*};

/// A question asked before an action that is hard to take back (signing out), as a modal
/// `<dialog>`: the page behind is inert to taps, keys and screen readers, Tab cycles between
/// the dialog's own buttons, and Escape or the cancel button answer "no". It opens on the
/// cancel button, so a stray tap or Enter does nothing harmful.
#[component]
pub fn ConfirmDialog(
    /// Shown while true; set back to false when the dialog is dismissed.
    open: RwSignal<bool>,
    /// Unique on the page: the dialog's heading and text are found by ids built from it.
    id: &'static str,
    /// The question, which names the dialog.
    #[prop(into)]
    question: Signal<String>,
    /// What will happen, in a sentence.
    #[prop(into)]
    detail: Signal<String>,
    /// The action's own name on its button ("退出登录").
    #[prop(into)]
    confirm: Signal<String>,
    #[prop(into)] cancel: Signal<String>,
    /// Runs when the action is confirmed; the dialog closes first.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    let (cancel_button, confirm_button) = (
        NodeRef::<html::Button>::new(),
        NodeRef::<html::Button>::new(),
    );
    let keep_tab_inside = move |key: ev::KeyboardEvent| {
        // Tab from the last button goes to the first and Shift+Tab from the first to the last:
        // the modal dialog already shuts the page out, but would let focus leave for the
        // browser's own bar.
        let (Some(first), Some(last)) = (cancel_button.get(), confirm_button.get()) else {
            return;
        };
        let active = document().active_element();
        let wrap_to = match key.shift_key() {
            true if active.as_deref() == Some(&first) => last,
            false if active.as_deref() == Some(&last) => first,
            _ => return,
        };
        if key.key() == "Tab" {
            key.prevent_default();
            let _ = wrap_to.focus();
        }
    };
    let (title_id, detail_id) = (format!("{id}-question"), format!("{id}-detail"));
    let (labelled_by, described_by) = (title_id.clone(), detail_id.clone());
    view! {
        <dialog node_ref=dialog class="confirm-dialog" aria-labelledby=labelled_by aria-describedby=described_by
            on:close=move |_| open.set(false) on:keydown=keep_tab_inside>
            <h2 class="confirm-dialog__question" id=title_id>{question}</h2>
            <p class="confirm-dialog__detail" id=detail_id>{detail}</p>
            <div class="confirm-dialog__buttons">
                <button node_ref=cancel_button type="button" class="button button--ghost" autofocus on:click=move |_| open.set(false)>
                    {cancel}
                </button>
                <button node_ref=confirm_button type="button" class="button button--danger" on:click=move |_| {
                    open.set(false);
                    on_confirm.run(());
                }>
                    {confirm}
                </button>
            </div>
        </dialog>
    }
}
