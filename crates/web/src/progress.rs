//! Where each running import is, so that the import page can draw a progress bar.
//!
//! The page names its upload with a random token (`?progress=`); the import reports its stage
//! under (user, token), and the page asks for it while the upload runs. Nothing here is kept
//! after the import ends, and a user can read only the stages of their own imports.

use app::io::ImportStage;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The stages of the imports running in this server, by (user id, token).
#[derive(Clone, Default, Debug)]
pub struct ImportBoard {
    stages: Arc<Mutex<HashMap<(i64, String), ImportStage>>>,
}

/// A token is 16 to 64 lower-case hex digits (the page makes 32 from `crypto.getRandomValues`).
pub fn valid_token(token: &str) -> bool {
    (16..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An import's entry on the board, taken off when the import ends (however it ends).
pub struct Entry {
    board: ImportBoard,
    key: (i64, String),
}

impl Entry {
    /// Records the import's stage.
    pub fn report(&self, stage: ImportStage) {
        self.board.lock().insert(self.key.clone(), stage);
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.board.lock().remove(&self.key);
    }
}

impl ImportBoard {
    /// Puts an import of `user` under `token` on the board; `None` for a malformed token.
    pub fn enter(&self, user: i64, token: &str) -> Option<Entry> {
        if !valid_token(token) {
            return None;
        }
        let key = (user, token.to_string());
        self.lock()
            .insert(key.clone(), ImportStage::Checking { done: 0, total: 0 });
        Some(Entry {
            board: self.clone(),
            key,
        })
    }

    /// The stage of `user`'s import under `token`, while it runs.
    pub fn stage(&self, user: i64, token: &str) -> Option<ImportStage> {
        self.lock().get(&(user, token.to_string())).copied()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<(i64, String), ImportStage>> {
        self.stages.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
