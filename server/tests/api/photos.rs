//! The photo upload against hostile bytes: what is not a photo, what is too big to read, what
//! would explode when decoded. (What a served photo keeps of its EXIF: `reports_photos.rs`.)

use std::io::Cursor;

use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb};
use linli_api_types::{PhotoUploaded, PHOTO_UPLOAD_MAX_BYTES};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;

/// A small photo in `format`.
pub fn image_bytes(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let image = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 120u8]));
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// Uploads `bytes` as `content_type` under a fresh Idempotency-Key.
pub async fn upload(client: &Client<'_>, bytes: Vec<u8>, content_type: &str) -> reqwest::Response {
    client
        .request(
            Method::POST,
            "/photos",
            Some(&format!("photo-{}", rand::random::<u64>())),
        )
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// Uploads a small JPEG and returns its id.
pub async fn upload_jpeg(client: &Client<'_>) -> i64 {
    let response = upload(client, image_bytes(ImageFormat::Jpeg, 64, 48), "image/jpeg").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<PhotoUploaded>().await.unwrap().id
}

#[tokio::test]
async fn a_photo_is_stored_shrunk_and_the_same_key_replays_it() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let png = image_bytes(ImageFormat::Png, 2400, 1200);
    let send = |key: &'static str| {
        resident
            .request(Method::POST, "/photos", Some(key))
            .header("content-type", "image/png")
            .body(png.clone())
            .send()
    };
    let first = send("same-photo").await.unwrap();
    assert_eq!(
        first.status(),
        StatusCode::CREATED,
        "{:?}",
        first.text().await
    );
    let first: PhotoUploaded = first.json().await.unwrap();
    assert_eq!((first.width, first.height), (1600, 800));
    let again = send("same-photo").await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.json::<PhotoUploaded>().await.unwrap(), first);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photos")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn a_pdf_named_jpeg_is_refused_in_the_users_language() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF"
        .to_vec();
    let refused = problem(
        upload(&resident, pdf.clone(), "image/jpeg").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(refused.code, "photo_not_an_image");
    assert!(refused.title.contains("JPEG"), "{}", refused.title);
    assert!(refused.title.contains("照片"), "{}", refused.title);
    let english = Client::new(&app, RESIDENT).await.english();
    let refused = problem(
        upload(&english, pdf, "image/jpeg").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert!(
        refused.title.starts_with("Only photos"),
        "{}",
        refused.title
    );
    // Not an image by its Content-Type either.
    let response = upload(
        &resident,
        image_bytes(ImageFormat::Png, 8, 8),
        "application/json",
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn fifty_megabytes_are_refused_before_they_are_sent() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    // Only the head and a few bytes go out: the answer must come without the rest of the body.
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/photos HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: image/jpeg\r\nContent-Length: {}\r\n\r\n",
        resident.token,
        50 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[0xFF, 0xD8, 0xFF]).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("answered without the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    // Just over the limit, sent whole: 413 as well.
    let response = upload(
        &resident,
        vec![0xFF; PHOTO_UPLOAD_MAX_BYTES + 1],
        "image/jpeg",
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// A PNG whose header says 20000×20000 (1.6 GB decoded) in a few hundred bytes.
fn png_bomb() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&20_000u32.to_be_bytes());
    header.extend_from_slice(&20_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &header);
    // A zlib stream of a run of zeros (what a real bomb would carry many megabytes of).
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0x00, 0x00],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_before_decoding() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let started = std::time::Instant::now();
    let problem = problem(
        upload(&resident, png_bomb(), "image/png").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem.code, "photo_too_many_pixels");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn only_signed_in_members_upload() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/photos"))
        .header("content-type", "image/png")
        .body(image_bytes(ImageFormat::Png, 8, 8))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
