//! Photos on the phone: a picked image shrunk before it is sent (a phone's 12-megapixel
//! photo is 4–8 MB; shrunk to 1600 px JPEG it is ~150 KB, which a weak network carries and
//! localStorage keeps), shown from memory through blob: URLs, and kept as base64 text in a
//! draft.

use js_sys::{Array, Promise, Uint8Array};
use linli_api_types::PHOTO_LONGEST_SIDE;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlCanvasElement, HtmlImageElement, Url};

/// JPEG quality of the shrunk photo: small, and still readable for a broken lamp or a crack.
const JPEG_QUALITY: f64 = 0.8;

/// `file` (any image the browser reads) drawn at most [`PHOTO_LONGEST_SIDE`] px on its
/// longest side and encoded as JPEG. The browser applies the photo's EXIF rotation when it
/// draws, and the canvas carries no metadata: no GPS leaves the phone.
pub async fn shrink(file: &Blob) -> Result<Vec<u8>, JsValue> {
    let url = Url::create_object_url_with_blob(file)?;
    let shrunk = draw_shrunk(&url).await;
    let _ = Url::revoke_object_url(&url);
    shrunk
}

async fn draw_shrunk(url: &str) -> Result<Vec<u8>, JsValue> {
    let image = HtmlImageElement::new()?;
    image.set_src(url);
    JsFuture::from(image.decode()).await?;
    let (width, height) = (image.natural_width(), image.natural_height());
    if width == 0 || height == 0 {
        return Err(JsValue::from_str("empty image"));
    }
    let (w, h) = fit(width, height, PHOTO_LONGEST_SIDE);
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width(w);
    canvas.set_height(h);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into();
    // A transparent PNG would turn black in JPEG: paint white under it.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(w), f64::from(h))?;
    let blob = to_jpeg(&canvas).await?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `canvas.toBlob` as a future.
async fn to_jpeg(canvas: &HtmlCanvasElement) -> Result<Blob, JsValue> {
    let canvas = canvas.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("toBlob gave nothing"));
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
    });
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// The size that fits `longest` on the longer side, never enlarged.
pub fn fit(width: u32, height: u32, longest: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= longest {
        return (width, height);
    }
    let scale = f64::from(longest) / f64::from(long);
    let w = (f64::from(width) * scale).round().max(1.0) as u32;
    let h = (f64::from(height) * scale).round().max(1.0) as u32;
    (w, h)
}

/// A blob: URL showing `bytes`; revoke it with [`revoke`] when its image goes.
pub fn object_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke(url: &str) {
    let _ = Url::revoke_object_url(url);
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Bytes as base64 text, to keep a shrunk photo in localStorage (which holds only strings).
pub fn to_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_shrink_to_the_longest_side_and_never_grow() {
        assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit(800, 600, 1600), (800, 600));
        assert_eq!(fit(10000, 10, 1600), (1600, 2));
    }

    #[test]
    fn base64_goes_there_and_back() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", &[0xff, 0x00, 0xd8, 0xff, 0xe0]] {
            let text = to_base64(bytes);
            assert_eq!(from_base64(&text).as_deref(), Some(bytes), "{text}");
        }
        assert_eq!(to_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(to_base64(b"fo"), "Zm8=");
    }
}
