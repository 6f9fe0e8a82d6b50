//! Component tests: the real app mounted in headless Chromium (wasm-bindgen-test), with no
//! server behind it. They cover what happens before any request: the sign-in form's own
//! checks, language and elder mode, and the redirect of signed-out visitors.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use leptos::prelude::*;
use linli_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app fresh: no session, default language, normal mode.
async fn mount_app() -> leptos::mount::UnmountHandle<impl Mountable> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let _ = document().document_element().unwrap().class_list().remove_1("elder");
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/tasks")).unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root, App);
    settle().await;
    handle
}

/// Lets effects and the router's navigation run.
async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
}

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .text_content()
        .unwrap_or_default()
}

fn click(selector: &str) {
    document().query_selector(selector).unwrap().unwrap().unchecked_into::<HtmlElement>().click();
}

fn type_into(selector: &str, value: &str) {
    let input: HtmlInputElement = document().query_selector(selector).unwrap().unwrap().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn button_with_text(text: &str) -> HtmlElement {
    let buttons = document().query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("a button says {text}"))
}

#[wasm_bindgen_test]
async fn a_signed_out_visitor_is_sent_to_sign_in_and_back_afterwards() {
    let _app = mount_app().await;
    let location = web_sys::window().unwrap().location();
    assert_eq!(location.pathname().unwrap(), "/login");
    assert_eq!(location.search().unwrap(), "?next=%2Ftasks");
    assert_eq!(text_of("h1"), "欢迎来到邻里");
    assert_eq!(document().title(), "登录 · 邻里");
    assert!(document().query_selector(".tab-bar").unwrap().is_none(), "no tab bar before sign-in");
}

#[wasm_bindgen_test]
async fn the_form_explains_empty_and_malformed_fields_at_each_field() {
    let _app = mount_app().await;
    click("form button[type=submit]");
    settle().await;
    assert_eq!(text_of("#phone-error"), "请输入手机号");
    assert_eq!(text_of("#password-error"), "请输入密码");

    type_into("#phone", "138 0000");
    type_into("#password", "secret-words");
    click("form button[type=submit]");
    settle().await;
    assert_eq!(text_of("#phone-error"), "请输入11位手机号码");
    assert_eq!(text_of("#password-error"), "");
    let phone: HtmlInputElement = document().query_selector("#phone").unwrap().unwrap().unchecked_into();
    assert_eq!(phone.value(), "138 0000", "what was typed stays");
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn language_switches_to_english_and_is_remembered() {
    let _app = mount_app().await;
    button_with_text("English").click();
    settle().await;
    assert_eq!(text_of("h1"), "Welcome to Linli");
    assert_eq!(document().title(), "Sign in · Linli");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(storage.get_item("linli.locale").unwrap().as_deref(), Some("en"));
    button_with_text("中文").click();
    settle().await;
    assert_eq!(text_of("h1"), "欢迎来到邻里");
}

#[wasm_bindgen_test]
async fn the_text_size_chosen_before_sign_in_enlarges_text_and_is_remembered() {
    let _app = mount_app().await;
    let html = document().document_element().unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    choose_text_size("特大").await;
    assert!(html.class_list().contains("elder") && html.class_list().contains("elder-xl"));
    assert_eq!(storage.get_item("linli.text-size").unwrap().as_deref(), Some("xlarge"));
    choose_text_size("大").await;
    assert!(html.class_list().contains("elder") && !html.class_list().contains("elder-xl"));
    assert_eq!(storage.get_item("linli.text-size").unwrap().as_deref(), Some("large"));
    choose_text_size("标准").await;
    assert!(!html.class_list().contains("elder") && !html.class_list().contains("elder-xl"));
    assert_eq!(storage.get_item("linli.text-size").unwrap().as_deref(), Some("standard"));
}

/// Taps the sign-in page's text size option whose label is `word`.
async fn choose_text_size(word: &str) {
    let labels = document().query_selector_all(".text-size-chips label").unwrap();
    let label = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|label| label.text_content().unwrap_or_default().trim() == word)
        .unwrap_or_else(|| panic!("a text size option says {word}"));
    label.click();
    settle().await;
}
