//! Values remembered until the next write.
//!
//! Every write is audited in its own transaction, so anything computed from the database while
//! the newest audit id was `n` still holds as long as the newest id is `n`: a remembered value
//! is filed under the id read *before* it was computed (a write racing the computation moves
//! the id, and the next reader recomputes), and handed out only while the id is unchanged. The
//! check is one indexed lookup. Each instance keeps its own memory and reads the shared audit
//! log, so several instances on one PostgreSQL stay correct.
//!
//! What is remembered is data, never an authorisation decision: callers check permission and
//! scope on every request and key the memory by what that check admitted.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The newest audit id (0 on an empty log): the stamp values are filed under.
pub(crate) async fn stamp<C: store::ConnectionTrait>(conn: &C) -> Result<i64, crate::AppError> {
    Ok(store::audit::newest_id(conn).await?.unwrap_or(0))
}

/// Values by key, each with the audit stamp it was computed at; at most `max` of them (past
/// that the memory starts over, which costs a recomputation, never a wrong answer).
pub(crate) struct AuditMemo<K, V> {
    entries: Mutex<HashMap<K, (i64, V)>>,
    max: usize,
}

impl<K, V> std::fmt::Debug for AuditMemo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditMemo").field("max", &self.max).finish()
    }
}

impl<K: Eq + Hash, V: Clone> AuditMemo<K, V> {
    /// An empty memory of at most `max` values.
    pub fn new(max: usize) -> Self {
        AuditMemo {
            entries: Mutex::new(HashMap::new()),
            max,
        }
    }

    /// The value of `key` if it was computed at stamp `at`.
    pub fn get(&self, key: &K, at: i64) -> Option<V> {
        self.lock()
            .get(key)
            .filter(|(stamp, _)| *stamp == at)
            .map(|(_, v)| v.clone())
    }

    /// The value last filed under `key`, whatever its stamp (a starting point for computing
    /// the current value when the caller knows which part of it still holds).
    pub fn latest(&self, key: &K) -> Option<V> {
        self.lock().get(key).map(|(_, v)| v.clone())
    }

    /// The value of `key` at stamp `at`: remembered, or computed by `compute` and remembered.
    pub async fn get_or<F, Fut>(&self, key: K, at: i64, compute: F) -> Result<V, crate::AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, crate::AppError>>,
    {
        if let Some(v) = self.get(&key, at) {
            return Ok(v);
        }
        let v = compute().await?;
        self.put(key, at, v.clone());
        Ok(v)
    }

    /// Files `value` under `key`, computed at stamp `at`.
    pub fn put(&self, key: K, at: i64, value: V) {
        let mut entries = self.lock();
        if entries.len() >= self.max && !entries.contains_key(&key) {
            // Entries of older stamps can never be handed out again: drop those first.
            entries.retain(|_, (stamp, _)| *stamp >= at);
            if entries.len() >= self.max {
                entries.clear();
            }
        }
        entries.insert(key, (at, value));
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, (i64, V)>> {
        // A panic while holding the lock cannot leave a half-written entry (insert is one
        // step), so the map is still sound.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::AuditMemo;

    #[test]
    fn a_value_is_handed_out_only_at_the_stamp_it_was_computed_at() {
        let memo: AuditMemo<&str, u32> = AuditMemo::new(2);
        assert_eq!(memo.get(&"a", 1), None);
        assert_eq!(memo.latest(&"a"), None);
        memo.put("a", 1, 10);
        assert_eq!(memo.latest(&"a"), Some(10), "whatever the stamp");
        assert_eq!(memo.get(&"a", 1), Some(10));
        assert_eq!(memo.get(&"a", 2), None, "a write since: recompute");
        memo.put("a", 2, 11);
        assert_eq!(memo.get(&"a", 2), Some(11));
        assert_eq!(memo.get(&"a", 1), None);
    }

    #[test]
    fn a_full_memory_drops_stale_entries_before_current_ones() {
        let memo: AuditMemo<&str, u32> = AuditMemo::new(2);
        memo.put("old", 1, 1);
        memo.put("b", 5, 2);
        memo.put("c", 5, 3);
        assert_eq!(memo.get(&"b", 5), Some(2), "the stale entry made room");
        assert_eq!(memo.get(&"c", 5), Some(3));
        memo.put("d", 5, 4);
        assert_eq!(
            memo.get(&"d", 5),
            Some(4),
            "full of current entries: starts over"
        );
        assert_eq!(memo.get(&"b", 5), None);
    }
}
