//! What the photo pipeline refuses, in both languages.

use axum::http::StatusCode;

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoRefusal {
    /// Not JPEG, PNG or WebP by its content (a PDF renamed .jpg).
    NotAnImage,
    /// Its header says JPEG/PNG/WebP but it does not decode.
    Unreadable,
    /// More pixels than `PHOTO_MAX_PIXELS` (or a side longer than the decoder allows).
    TooManyPixels,
}

impl Refusal for PhotoRefusal {
    fn status(&self) -> StatusCode {
        match self {
            PhotoRefusal::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PhotoRefusal::NotAnImage => "photo_not_an_image",
            PhotoRefusal::Unreadable => "photo_unreadable",
            PhotoRefusal::TooManyPixels => "photo_too_many_pixels",
        }
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            PhotoRefusal::NotAnImage => lang
                .pick(
                    "只能上传照片（JPEG、PNG 或 WebP 格式）",
                    "Only photos can be uploaded (JPEG, PNG or WebP)",
                )
                .into(),
            PhotoRefusal::Unreadable => lang
                .pick(
                    "照片文件已损坏，请重新拍摄或选择",
                    "The photo file is damaged. Take or choose it again",
                )
                .into(),
            PhotoRefusal::TooManyPixels => lang
                .pick(
                    "照片尺寸太大，请缩小后再上传",
                    "The photo is too large. Make it smaller and upload it again",
                )
                .into(),
        }
    }
}

/// At `field` (`photo_ids`, `photo_id`): a photo that is not the sender's, is already used by
/// something else, belongs to another community or was removed.
pub fn not_available(field: &str) -> FieldIssue {
    FieldIssue::own(
        field,
        "photo_not_available",
        Said::new(
            "照片已失效，请重新上传",
            "That photo is no longer available. Upload it again",
        ),
    )
}

/// At `field`: more photos than what carries them takes.
pub fn too_many(field: &str, max: usize) -> FieldIssue {
    FieldIssue::own(
        field,
        "too_many_photos",
        Said::new(
            format!("最多上传{max}张照片"),
            format!("At most {max} photos"),
        ),
    )
}
