//! From untrusted bytes to a clean JPEG and its thumbnail. Pure and blocking: callers run it in
//! `tokio::task::spawn_blocking`.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use linli_api_types::{PHOTO_LONGEST_SIDE, PHOTO_MAX_PIXELS, THUMBNAIL_LONGEST_SIDE};

use super::PhotoRefusal;

/// JPEG quality of what is stored: small on a phone's data plan, no visible blocks.
const JPEG_QUALITY: u8 = 82;
/// No side longer than this even within the pixel count (a 40000×1000 strip is no photo).
const MAX_SIDE: u32 = 20_000;

#[derive(Debug)]
pub struct Processed {
    /// The photo as stored: JPEG, upright, at most [`PHOTO_LONGEST_SIDE`] on its longest side.
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Reads, checks and re-encodes an uploaded image.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoRefusal> {
    let format = guessed_format(bytes)?;
    // The header alone says how big the picture is: a PNG of 20000×20000 zeros is a few
    // kilobytes but 1.6 GB decoded, so the count is checked before anything is decoded.
    let (width, height) = reader(bytes, format)
        .into_dimensions()
        .map_err(|_| PhotoRefusal::Unreadable)?;
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > PHOTO_MAX_PIXELS {
        return Err(PhotoRefusal::TooManyPixels);
    }
    let mut decoder = reader(bytes, format)
        .into_decoder()
        .map_err(|_| PhotoRefusal::Unreadable)?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|error| match error {
        image::ImageError::Limits(_) => PhotoRefusal::TooManyPixels,
        _ => PhotoRefusal::Unreadable,
    })?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    let image = shrink(image, PHOTO_LONGEST_SIDE);
    let thumb = shrink(image.clone(), THUMBNAIL_LONGEST_SIDE);
    Ok(Processed {
        width: image.width(),
        height: image.height(),
        full: jpeg(&image)?,
        thumb: jpeg(&thumb)?,
    })
}

/// The format the bytes are in, by content; only what phones send.
fn guessed_format(bytes: &[u8]) -> Result<ImageFormat, PhotoRefusal> {
    let format = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoRefusal::NotAnImage)?
        .format();
    match format {
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        _ => Err(PhotoRefusal::NotAnImage),
    }
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // The decoded picture (RGBA) and some room for the decoder's own buffers.
    limits.max_alloc = Some(PHOTO_MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    reader
}

fn shrink(image: DynamicImage, longest: u32) -> DynamicImage {
    if image.width().max(image.height()) <= longest {
        image
    } else {
        image.resize(longest, longest, FilterType::Triangle)
    }
}

/// Baseline JPEG without any metadata segment (the encoder writes none).
fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoRefusal> {
    let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|_| PhotoRefusal::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90u8]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_large_png_becomes_a_shrunk_jpeg_and_thumbnail() {
        let processed = process(&png(2000, 1000)).unwrap();
        assert_eq!((processed.width, processed.height), (1600, 800));
        assert_eq!(&processed.full[..2], &[0xFF, 0xD8]);
        let thumb = image::load_from_memory(&processed.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 160));
    }

    #[test]
    fn small_photos_keep_their_size() {
        let processed = process(&png(40, 30)).unwrap();
        assert_eq!((processed.width, processed.height), (40, 30));
    }

    #[test]
    fn what_is_not_a_photo_is_refused() {
        assert_eq!(
            process(b"%PDF-1.7\n1 0 obj <<>> endobj").unwrap_err(),
            PhotoRefusal::NotAnImage
        );
        assert_eq!(process(b"").unwrap_err(), PhotoRefusal::NotAnImage);
        let mut truncated = png(40, 30);
        truncated.truncate(60);
        assert_eq!(process(&truncated).unwrap_err(), PhotoRefusal::Unreadable);
    }
}
