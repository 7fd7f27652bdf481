//! Attachments (附件): the limits a context puts on the files of its records (size, count,
//! kinds) and the recognition of a file's kind from its content, whatever its name says.
//!
//! One type serves every context: the talent rule file's `[attachments]` and the innovation
//! rule file's `[attachments]` are both [`AttachmentRules`].

use serde::{Deserialize, Serialize};

/// Limits on the files of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRules {
    /// Largest file, in bytes.
    pub max_bytes: u64,
    /// Most files per record.
    pub max_files: u32,
    /// Kinds accepted, recognised by their content (see [`file_kind`]).
    pub kinds: Vec<String>,
}

impl Default for AttachmentRules {
    /// For rule files older than the attachment rules: nothing is accepted until set.
    fn default() -> Self {
        AttachmentRules {
            max_bytes: 0,
            max_files: 0,
            kinds: Vec::new(),
        }
    }
}

/// Why a file is refused; each names a message-catalogue key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// Empty file.
    Empty,
    /// Larger than `max_bytes`.
    TooLarge {
        /// The limit.
        max_bytes: u64,
    },
    /// Not one of the accepted kinds (by content).
    Kind {
        /// The kinds accepted, `/`-separated.
        kinds: String,
    },
    /// The record already has `max_files`.
    TooMany {
        /// The limit.
        max_files: u32,
    },
}

impl AttachmentProblem {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            AttachmentProblem::Empty => "attachment.empty",
            AttachmentProblem::TooLarge { .. } => "attachment.too_large",
            AttachmentProblem::Kind { .. } => "attachment.kind",
            AttachmentProblem::TooMany { .. } => "attachment.too_many",
        }
    }
}

/// Every kind [`file_kind`] recognises, with its content type.
pub const KINDS: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("jpg", "image/jpeg"),
    ("png", "image/png"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("mp4", "video/mp4"),
];

fn kind(code: &str) -> Option<(&'static str, &'static str)> {
    KINDS.iter().find(|(k, _)| *k == code).copied()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The kind of a file from its bytes, whatever its name says: the magic numbers of PDF, JPEG
/// and PNG; an ISO media file (`ftyp` box first) for MP4; and for the Office Open XML files,
/// a ZIP archive whose entries name the part only that kind has (`word/document.xml`,
/// `xl/workbook.xml`, `ppt/presentation.xml`) beside `[Content_Types].xml`. Entry names are
/// stored uncompressed in a ZIP (local headers and central directory), so finding them needs
/// no unpacking.
pub fn file_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        kind("pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        kind("jpg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        kind("png")
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        kind("mp4")
    } else if bytes.starts_with(b"PK\x03\x04") && contains(bytes, b"[Content_Types].xml") {
        [
            (&b"word/document.xml"[..], "docx"),
            (b"xl/workbook.xml", "xlsx"),
            (b"ppt/presentation.xml", "pptx"),
        ]
        .into_iter()
        .find(|(part, _)| contains(bytes, part))
        .and_then(|(_, k)| kind(k))
    } else {
        None
    }
}

impl AttachmentRules {
    /// Checks a file against the limits, given how many the record has; returns its content
    /// type.
    pub fn check(&self, bytes: &[u8], existing: u32) -> Result<&'static str, AttachmentProblem> {
        if existing >= self.max_files {
            return Err(AttachmentProblem::TooMany {
                max_files: self.max_files,
            });
        }
        if bytes.is_empty() {
            return Err(AttachmentProblem::Empty);
        }
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > self.max_bytes {
            return Err(AttachmentProblem::TooLarge {
                max_bytes: self.max_bytes,
            });
        }
        match file_kind(bytes) {
            Some((kind, mime)) if self.kinds.iter().any(|k| k == kind) => Ok(mime),
            _ => Err(AttachmentProblem::Kind {
                kinds: self.kinds.join("/"),
            }),
        }
    }

    /// Kinds named that [`file_kind`] does not recognise (a rule file's mistake).
    pub fn unknown_kinds(&self) -> Vec<&str> {
        self.kinds
            .iter()
            .map(String::as_str)
            .filter(|k| kind(k).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(kinds: &[&str]) -> AttachmentRules {
        AttachmentRules {
            max_bytes: 100,
            max_files: 2,
            kinds: kinds.iter().map(|k| (*k).to_string()).collect(),
        }
    }

    /// A ZIP's first local header followed by the entry names an Office file would hold.
    fn office(part: &str) -> Vec<u8> {
        let mut b = b"PK\x03\x04".to_vec();
        b.extend_from_slice(&[0; 26]);
        b.extend_from_slice(b"[Content_Types].xml");
        b.extend_from_slice(b"PK\x03\x04 ");
        b.extend_from_slice(part.as_bytes());
        b
    }

    #[test]
    fn kinds_are_recognised_by_content_not_name() {
        assert_eq!(file_kind(b"%PDF-1.4\n").unwrap().0, "pdf");
        assert_eq!(file_kind(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap().0, "jpg");
        assert_eq!(file_kind(b"\x00\x00\x00\x18ftypmp42").unwrap().0, "mp4");
        assert_eq!(file_kind(&office("word/document.xml")).unwrap().0, "docx");
        assert_eq!(file_kind(&office("xl/workbook.xml")).unwrap().0, "xlsx");
        assert_eq!(
            file_kind(&office("ppt/presentation.xml")).unwrap().0,
            "pptx"
        );
        // A plain ZIP, or an Office file without its main part, is none of them.
        assert_eq!(file_kind(&office("data/readme.txt")), None);
        assert_eq!(file_kind(b"PK\x03\x04 word/document.xml"), None);
        assert_eq!(file_kind(b"not a pdf"), None);
        assert_eq!(file_kind(b"ftyp"), None);
    }

    #[test]
    fn limits_are_checked_in_order_count_empty_size_kind() {
        let r = rules(&["pdf", "docx"]);
        assert_eq!(r.check(b"%PDF-1.4", 0), Ok("application/pdf"));
        assert_eq!(
            r.check(b"%PDF-1.4", 2),
            Err(AttachmentProblem::TooMany { max_files: 2 })
        );
        assert_eq!(r.check(b"", 0), Err(AttachmentProblem::Empty));
        let mut big = b"%PDF-1.4".to_vec();
        big.resize(101, b' ');
        assert_eq!(
            r.check(&big, 0),
            Err(AttachmentProblem::TooLarge { max_bytes: 100 })
        );
        // A PNG is a known kind, but not one these rules accept.
        assert_eq!(
            r.check(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A], 0),
            Err(AttachmentProblem::Kind {
                kinds: "pdf/docx".into()
            })
        );
        assert!(r.unknown_kinds().is_empty());
        assert_eq!(rules(&["pdf", "exe"]).unknown_kinds(), vec!["exe"]);
    }

    #[test]
    fn nothing_is_accepted_by_default() {
        let r = AttachmentRules::default();
        assert!(r.check(b"%PDF-1.4", 0).is_err());
    }
}
