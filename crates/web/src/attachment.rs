//! Serving a stored file: one response shape for every context's downloads (talent evidence,
//! competition projects, challenge applications) — the content type recognised at upload, a
//! download disposition with the name in RFC 5987 form, and `nosniff` so a browser never
//! reads a file as something else.

use app::attachment::FileView;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// `filename*` of RFC 5987: every byte outside the unreserved set percent-encoded.
fn encoded(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The download of a file the use case handed out.
pub fn file_response(f: &FileView, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"file-{}\"; filename*=UTF-8''{}",
                    f.id,
                    encoded(&f.name)
                ),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::encoded;

    #[test]
    fn names_are_percent_encoded_outside_the_unreserved_set() {
        assert_eq!(encoded("plan-1.pdf"), "plan-1.pdf");
        assert_eq!(encoded("a b\".pdf"), "a%20b%22.pdf");
        assert_eq!(encoded("方"), "%E6%96%B9");
    }
}
