use std::time::Duration;

use leptos::prelude::*;

/// Renders its children one task after the rest of the view.
///
/// The first render of a page runs as one long task on the main thread (the wasm functions it
/// calls are compiled on first use, then run), and a phone cannot answer a tap until it ends.
/// Parts below the fold go in a second task, so the first is shorter and the page paints and
/// answers sooner. Nothing is shown in their place: use it only where that moves nothing the
/// resident can already see (below the fold, or below a placeholder that fills the screen).
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    // `try_set`: the page may have been left before the timer fires.
    set_timeout(
        move || {
            let _ = ready.try_set(true);
        },
        Duration::ZERO,
    );
    move || ready.get().then(|| children())
}
