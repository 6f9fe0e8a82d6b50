use linli_app::App;
use wasm_bindgen::{closure::Closure, JsCast};

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a static shell so something useful shows before the wasm runs. On a
    // fast connection the wasm can be ready before the browser's first paint, and the shell
    // would never show: then Lighthouse takes the app's late content as the largest paint
    // (4–5 s on its simulated slow 4G instead of the shell's 1 s, which is what residents on
    // a slow network do see). So the app mounts after one frame has been painted: at most a
    // frame's delay. A hidden page gets no frames (background tab): it mounts at once.
    let document = leptos::prelude::document();
    let window = leptos::prelude::window();
    if document.hidden() {
        mount();
        return;
    }
    let after_paint = Closure::once_into_js(move || {
        let mount_now = Closure::once_into_js(mount);
        if leptos::prelude::window().set_timeout_with_callback(mount_now.unchecked_ref()).is_err() {
            mount();
        }
    });
    if window.request_animation_frame(after_paint.unchecked_ref()).is_err() {
        mount();
    }
}

fn mount() {
    let document = leptos::prelude::document();
    // The app replaces the static shell the moment it can render.
    if let Some(shell) = document.get_element_by_id("static-shell") {
        shell.remove();
    }
    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has <div id=\"app\">");
    leptos::mount::mount_to(root, App).forget();
}
