//! The innovation part of the demo (filled in by the later parts).

use crate::{App, AppError};

/// Seeds the innovation demo.
pub async fn seed(_app: &App) -> Result<(), AppError> {
    Ok(())
}
