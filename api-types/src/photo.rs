//! Photos of reports and wishes: uploaded first (`POST /api/v1/photos`, the image as the body),
//! then named by id in the report or wish that carries them. The server re-encodes every
//! photo (no metadata, no GPS survives) and serves it only to those who may see what carries it.

use serde::{Deserialize, Serialize};

/// The largest upload the server reads (the app shrinks photos to ~1600 px JPEG first).
pub const PHOTO_UPLOAD_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels a photo may have (before decoding: decompression bombs are refused).
pub const PHOTO_MAX_PIXELS: u64 = 40_000_000;
/// The longest side of the stored photo and of its thumbnail.
pub const PHOTO_LONGEST_SIDE: u32 = 1600;
pub const THUMBNAIL_LONGEST_SIDE: u32 = 320;

/// `POST /api/v1/photos` answers this; the photo stays the uploader's, unattached, until a
/// report or wish names it (unattached photos are removed after a day).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoUploaded {
    pub id: i64,
    pub width: u32,
    pub height: u32,
}

/// A photo as a report or wish shows it: its paths under `/api/v1` (fetched with the session's
/// token; the server checks the viewer may see what carries it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoRef {
    pub id: i64,
    /// e.g. "/reports/12/photos/40".
    pub path: String,
    /// e.g. "/reports/12/photos/40?size=thumb".
    pub thumb_path: String,
    pub width: u32,
    pub height: u32,
}
