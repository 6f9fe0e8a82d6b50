//! Photos that reports and 微心愿 wishes carry. The pipeline, in order:
//!
//! 1. `POST /api/v1/photos` (`features/photos`) reads at most
//!    [`PHOTO_UPLOAD_MAX_BYTES`](linli_api_types::PHOTO_UPLOAD_MAX_BYTES) of body;
//! 2. [`process::process`] reads the type from the bytes (JPEG, PNG or WebP, whatever the
//!    Content-Type says), refuses more than `PHOTO_MAX_PIXELS` before decoding anything,
//!    decodes within [`image::Limits`], turns it upright (EXIF orientation), shrinks it and
//!    re-encodes it as JPEG with a thumbnail — no EXIF, no GPS survives;
//! 3. the bytes go to the [`PhotoStore`] under a random key and a `photos` row records them,
//!    unattached, as the uploader's ([`table::insert`]);
//! 4. a feature names the photo in what it creates and calls [`table::attach`] in its
//!    transaction (the uploader's own, unattached, same community — or a clear refusal);
//! 5. the feature lists them with [`table::refs_for`] and serves them from its own route after
//!    its own visibility check, with [`serve::jpeg`] and [`table::find_attached`].
//!
//! Unattached photos older than a day are removed by the hourly housekeeping
//! ([`table::prune_unattached`]).

pub mod process;
pub mod refusals;
pub mod serve;
pub mod store;
pub mod table;
pub mod upload;

pub use refusals::PhotoRefusal;
pub use store::{FsPhotoStore, PhotoStore};
pub use table::{AttachTo, StoredPhoto};
