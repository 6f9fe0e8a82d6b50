use linli_app::App;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    // index.html paints a static shell so something useful shows before the wasm runs;
    // the app replaces it the moment it can render.
    if let Some(shell) = document.get_element_by_id("static-shell") {
        shell.remove();
    }
    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has <div id=\"app\">");
    leptos::mount::mount_to(root, App).forget();
}
