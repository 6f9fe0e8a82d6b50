//! Photos of reports: what survives the upload (no EXIF, no GPS), and who may fetch them.

use image::ImageFormat;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::photos::{image_bytes, upload, upload_jpeg};
use crate::reports::{file, home_report, step_ok};

const SECRET: &[u8] = b"GPS-SECRET-28.1N";

/// An APP1 Exif segment whose IFD0 points at a GPS IFD holding a map datum of `SECRET`.
fn exif_with_gps() -> Vec<u8> {
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    // IFD0 at 8: one entry, GPSInfo (0x8825, LONG) → the GPS IFD at 26.
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 26]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at 26: GPSMapDatum (0x0012, ASCII, 17) → the text at 44.
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x12, 0x00, 0x02, 0, 0, 0, 17, 0, 0, 0, 44]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 44);
    tiff.extend_from_slice(SECRET);
    tiff.push(0);
    let mut segment = vec![0xFF, 0xE1];
    let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(b"Exif\x00\x00");
    segment.extend_from_slice(&tiff);
    segment
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[tokio::test]
async fn a_jpeg_with_gps_comes_back_without_any_exif() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let jpeg = image_bytes(ImageFormat::Jpeg, 120, 90);
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut tagged = jpeg[..2].to_vec();
    tagged.extend_from_slice(&exif_with_gps());
    tagged.extend_from_slice(&jpeg[2..]);
    assert!(contains(&tagged, SECRET));
    let response = upload(&resident, tagged, "image/jpeg").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let photo: linli_api_types::PhotoUploaded = response.json().await.unwrap();
    let mut draft = home_report("楼道堆放杂物");
    draft["photo_ids"] = json!([photo.id]);
    let view = file(&resident, draft).await;
    assert_eq!(view.photos.len(), 1);
    let path = view.photos[0].path.clone();
    let thumb_path = view.photos[0].thumb_path.clone();
    assert_eq!(
        view.summary.thumbnail.as_ref().map(|t| t.id),
        Some(photo.id)
    );
    for path in [path, thumb_path] {
        let response = resident.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "image/jpeg");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private"));
        let bytes = response.bytes().await.unwrap();
        assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
        assert!(!contains(&bytes, b"Exif"), "{path} keeps an Exif segment");
        assert!(!contains(&bytes, SECRET), "{path} keeps the GPS data");
        assert!(
            !contains(&bytes, &[0xFF, 0xE1]),
            "{path} keeps an APP1 segment"
        );
        assert!(image::load_from_memory(&bytes).is_ok());
    }
}

#[tokio::test]
async fn photos_follow_the_report_they_belong_to() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let photo = upload_jpeg(&resident).await;
    let mut draft = home_report("楼道堆放杂物");
    draft["photo_ids"] = json!([photo]);
    let with_photo = file(&resident, draft.clone()).await.summary.id;
    let other = file(&resident, home_report("路灯不亮")).await.summary.id;
    // The same photo cannot be attached twice.
    let again = problem(
        resident.post("/reports", Some(&draft), Some("again")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(again.errors[0].field, "photo_ids");
    assert_eq!(again.errors[0].code, "photo_not_available");
    // Through a report it does not belong to: 404, even for the reporter.
    let wrong = resident
        .get(&format!("/reports/{other}/photos/{photo}"))
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    // A stranger (another building; another community) gets 404 through the right report.
    for phone in [RESIDENT_5, OTHER_RESIDENT] {
        let stranger = Client::new(&app, phone).await;
        let response = stranger
            .get(&format!("/reports/{with_photo}/photos/{photo}"))
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{phone}");
    }
    // The handler and staff see it.
    for phone in [UNIT_HEAD, STAFF] {
        let client = Client::new(&app, phone).await;
        let response = client
            .get(&format!("/reports/{with_photo}/photos/{photo}"))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{phone}");
    }
    // A stranger's unattached upload cannot be named in someone else's report.
    let stranger = Client::new(&app, RESIDENT_5).await;
    let theirs = upload_jpeg(&stranger).await;
    let mut draft = home_report("楼道堆放杂物");
    draft["photo_ids"] = json!([theirs]);
    let refused = problem(
        resident
            .post("/reports", Some(&draft), Some("theirs"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "photo_ids");
    let unattached = resident
        .get(&format!("/reports/{with_photo}/photos/{theirs}"))
        .await;
    assert_eq!(unattached.status(), StatusCode::NOT_FOUND);
    // The handler's photo of the result shows on the timeline.
    let head = Client::new(&app, UNIT_HEAD).await;
    let after = upload_jpeg(&head).await;
    let view = step_ok(
        &head,
        with_photo,
        "resolve",
        json!({ "note": "已清理", "photo_id": after }),
    )
    .await;
    let shown = view
        .events
        .last()
        .unwrap()
        .photo
        .clone()
        .expect("the result's photo");
    assert_eq!(resident.get(&shown.path).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn unattached_photos_are_removed_after_a_day() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let photo = upload_jpeg(&resident).await;
    sqlx::query("UPDATE photos SET created_at = created_at - 25 * 3600 * 1000 WHERE id = $1")
        .bind(photo)
        .execute(&app.db.write)
        .await
        .unwrap();
    let store =
        linli_server::platform::photos::FsPhotoStore::new(std::env::temp_dir().join("none"));
    let removed = linli_server::platform::photos::table::prune_unattached(
        &app.db,
        &store,
        linli_server::platform::db::now_ms(),
    )
    .await
    .unwrap();
    assert_eq!(removed, 1);
    let mut draft = home_report("楼道堆放杂物");
    draft["photo_ids"] = json!([photo]);
    let refused = problem(
        resident.post("/reports", Some(&draft), Some("gone")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].field, "photo_ids");
    let _ = image_bytes(ImageFormat::Png, 1, 1);
}
