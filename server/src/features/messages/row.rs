//! A stored message as read back, and its wire form in the reader's language.

use linli_api_types::{Message, MessageKind, MessageSubject, SubjectKind};

use super::paths::path_of;
use super::texts::{self, Params};
use crate::platform::db::time;
use crate::platform::error::{AppError, Result};
use crate::platform::lang::Lang;

/// The columns every read of messages selects, in [`MessageRow`]'s order.
pub const MESSAGE_COLUMNS: &str = "id, recipient_id, kind, subject_kind, subject_id, params, \
     visible_at, muted, read_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub recipient_id: i64,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub params: String,
    pub visible_at: i64,
    pub muted: i64,
    pub read_at: Option<i64>,
}

impl MessageRow {
    pub fn kind(&self) -> Result<MessageKind> {
        MessageKind::parse(&self.kind)
            .ok_or_else(|| AppError::internal(format!("message kind {}", self.kind)))
    }

    pub fn subject(&self) -> Result<MessageSubject> {
        let kind = SubjectKind::parse(&self.subject_kind)
            .ok_or_else(|| AppError::internal(format!("subject kind {}", self.subject_kind)))?;
        Ok(MessageSubject {
            kind,
            id: self.subject_id,
        })
    }

    pub fn is_muted(&self) -> bool {
        self.muted != 0
    }

    /// The message with its words in `lang`.
    pub fn to_message(&self, lang: Lang) -> Result<Message> {
        let kind = self.kind()?;
        let subject = self.subject()?;
        // Written by `notify` from a map of strings; a row that is not one renders without names.
        let params: Params = serde_json::from_str(&self.params).unwrap_or_default();
        let (title, body) = texts::render(kind, &params, lang);
        Ok(Message {
            id: self.id,
            kind,
            subject,
            title,
            body,
            path: path_of(kind, subject),
            at: time(self.visible_at),
            read: self.read_at.is_some(),
        })
    }
}
