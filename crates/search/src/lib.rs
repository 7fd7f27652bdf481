//! The Chinese full-text index of enterprises.
//!
//! The index is a projection of the database: the `app` layer feeds it, and rebuilds it when it
//! is absent or stale. Nothing here touches the database.
