//! Where photo bytes live: behind [`PhotoStore`], so an S3-compatible store can replace the
//! directory without touching the features. Keys are made by [`new_key`] (random hex), never
//! taken from a request.

use std::io;
use std::path::PathBuf;

use rand::RngCore;

/// Put, get and delete bytes by key. Blocking: called from `tokio::task::spawn_blocking`.
/// Several servers share one store (a shared directory or bucket), as they share the database.
pub trait PhotoStore: Send + Sync + std::fmt::Debug {
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Deleting what is not there is not an error.
    fn delete(&self, key: &str) -> io::Result<()>;
}

/// A fresh key: 128 random bits in hex.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The key of a photo's thumbnail.
pub fn thumb_key(key: &str) -> String {
    format!("{key}-thumb")
}

/// Files in one directory (`--photo-dir`), two hex characters of fan-out.
#[derive(Debug, Clone)]
pub struct FsPhotoStore {
    dir: PathBuf,
}

impl FsPhotoStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        // Keys are ours, but a path is built from them: only letters, digits and '-' (no '/',
        // no '.') get near one.
        let safe = key.len() >= 2 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !safe {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad photo key"));
        }
        Ok(self.dir.join(&key[..2]).join(format!("{key}.jpg")))
    }
}

impl PhotoStore for FsPhotoStore {
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Written aside and renamed, so a reader never sees half a file.
        let partial = path.with_extension("part");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, &path)
    }

    fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(key)?)
    }

    fn delete(&self, key: &str) -> io::Result<()> {
        match std::fs::remove_file(self.path(key)?) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_by_key_and_go() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsPhotoStore::new(dir.path());
        let key = new_key();
        assert_eq!(key.len(), 32);
        store.put(&key, b"jpeg").unwrap();
        store.put(&thumb_key(&key), b"thumb").unwrap();
        assert_eq!(store.get(&thumb_key(&key)).unwrap(), b"thumb");
        assert_eq!(store.get(&key).unwrap(), b"jpeg");
        store.delete(&key).unwrap();
        store.delete(&key).unwrap();
        assert!(store.get(&key).is_err());
    }

    #[test]
    fn keys_that_could_leave_the_directory_are_refused() {
        let store = FsPhotoStore::new("/tmp/photos");
        assert!(store.get("../../etc/passwd").is_err());
        assert!(store.put("ab/../../x", b"").is_err());
    }
}
