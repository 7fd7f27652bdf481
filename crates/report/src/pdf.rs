//! PDF through typst: the document becomes typst markup in code mode (every text a string
//! literal, so nothing in the data is read as markup), the charts are virtual SVG files, and
//! the fonts are the system's Noto Sans CJK collections, read once per process.

use crate::ReportError;
use app::stats::report::doc::{Block, Cell, ReportDoc, Table};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The font files read: regular and bold of the sans collection.
const FONT_FILES: [&str; 2] = ["NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"];
/// The family the document asks for.
const FAMILY: &str = "Noto Sans CJK SC";

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Fonts by directory, read once.
fn fonts(dir: &Path) -> Result<Arc<Fonts>, ReportError> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Fonts>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(f) = cache.lock().ok().and_then(|c| c.get(dir).cloned()) {
        return Ok(f);
    }
    let mut fonts = Vec::new();
    for (i, name) in FONT_FILES.iter().enumerate() {
        match std::fs::read(dir.join(name)) {
            Ok(data) => fonts.extend(Font::iter(Bytes::new(data))),
            // The bold face is optional: typst emboldens the regular one.
            Err(_) if i > 0 => {}
            Err(_) => return Err(ReportError::FontMissing(dir.to_path_buf())),
        }
    }
    if fonts.is_empty() {
        return Err(ReportError::FontMissing(dir.to_path_buf()));
    }
    let loaded = Arc::new(Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    });
    if let Ok(mut c) = cache.lock() {
        c.insert(dir.to_path_buf(), loaded.clone());
    }
    Ok(loaded)
}

struct ReportWorld {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: Source,
    files: HashMap<String, Bytes>,
}

fn file_id(path: &str) -> Result<FileId, ReportError> {
    let vpath = VirtualPath::new(path).map_err(|e| ReportError::Typeset(format!("{e:?}")))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.get().vpath().get_with_slash();
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| FileError::NotFound(PathBuf::from(path)))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// A typst string literal.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Content holding a text: `[#"…"]`.
fn content(s: &str) -> String {
    format!("[#{}]", lit(s))
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(
        out,
        "#block(breakable: false, below: 0.4em, text(weight: \"bold\", {}))",
        content(&t.caption)
    );
    let numeric: Vec<bool> = (0..t.headers.len())
        .map(|c| {
            t.rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Num(..) | Cell::Pct(..) | Cell::Int(_))))
        })
        .collect();
    let columns: Vec<&str> = numeric
        .iter()
        .map(|n| if *n { "auto" } else { "1fr" })
        .collect();
    let align: Vec<&str> = numeric
        .iter()
        .map(|n| if *n { "right" } else { "left" })
        .collect();
    let _ = write!(
        out,
        "#table(columns: ({},), align: ({},), stroke: 0.4pt + luma(170), inset: 4pt, fill: (x, y) => if y == 0 {{ rgb(\"#dde6f4\") }}, table.header(",
        columns.join(", "),
        align.join(", ")
    );
    let headers: Vec<String> = t
        .headers
        .iter()
        .map(|h| format!("text(weight: \"bold\", {})", content(h)))
        .collect();
    out.push_str(&headers.join(", "));
    out.push(')');
    for row in &t.rows {
        for cell in row {
            out.push_str(", ");
            out.push_str(&content(&cell.display()));
        }
    }
    out.push_str(")\n");
}

/// Height over width of an SVG from its `viewBox` (none when it has none).
fn aspect(svg: &str) -> Option<f64> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let rest = &svg[start..];
    let v: Vec<f64> = rest[..rest.find('"')?]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match v.as_slice() {
        [_, _, w, h] if *w > 0.0 => Some(h / w),
        _ => None,
    }
}

/// Taller than this (height over width) a chart would not fit the page at full width (a
/// chain map), so it is fitted to the page's height instead.
const TALL: f64 = 1.3;

/// The typst source of a report and its chart files.
pub(crate) fn source(doc: &ReportDoc) -> (String, HashMap<String, Bytes>) {
    let mut out = String::new();
    let mut files = HashMap::new();
    let _ = writeln!(out, "#set document(title: {})", lit(&doc.title));
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (x: 1.8cm, y: 2cm), numbering: \"1 / 1\")"
    );
    let _ = writeln!(
        out,
        "#set text(font: {}, size: 9.5pt, lang: \"zh\", region: \"cn\")",
        lit(FAMILY)
    );
    out.push_str(
        "#set par(justify: true, leading: 0.8em, first-line-indent: (amount: 2em, all: true))\n",
    );
    out.push_str("#show heading: set block(above: 1.4em, below: 0.8em)\n");
    out.push_str("#set table(align: left)\n");
    let _ = writeln!(
        out,
        "#align(center, text(size: 18pt, weight: \"bold\", {}))",
        content(&doc.title)
    );
    let _ = writeln!(
        out,
        "#align(center, text(size: 9pt, fill: luma(90), {}))",
        content(&doc.subtitle)
    );
    for s in &doc.sections {
        let _ = writeln!(out, "#heading(level: 1, {})", content(&s.heading));
        for p in &s.text {
            let _ = writeln!(out, "#par({})", content(p));
        }
        for b in &s.blocks {
            match b {
                Block::Table(t) => {
                    out.push_str("#text(size: 8pt)[\n");
                    table(&mut out, t);
                    out.push_str("]\n#v(0.6em)\n");
                }
                Block::Chart(c) => {
                    let path = format!("/chart-{}.svg", files.len());
                    files.insert(path.clone(), Bytes::new(c.svg.clone().into_bytes()));
                    let size = if aspect(&c.svg).is_some_and(|a| a > TALL) {
                        "height: 22cm"
                    } else {
                        "width: 92%"
                    };
                    let _ = writeln!(
                        out,
                        "#align(center, image({}, {size}, alt: {}))\n#v(0.4em)",
                        lit(&path),
                        lit(&c.title)
                    );
                }
            }
        }
    }
    (out, files)
}

/// Typesets the report.
pub(crate) fn render(doc: &ReportDoc, font_dir: &Path) -> Result<Vec<u8>, ReportError> {
    let fonts = fonts(font_dir)?;
    let (text, files) = source(doc);
    let world = ReportWorld {
        library: LazyHash::new(Library::default()),
        fonts,
        main: Source::new(file_id("/main.typ")?, text),
        files,
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errs| ReportError::Typeset(messages(&errs)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errs| ReportError::Typeset(messages(&errs)))
}

fn messages(errs: &[typst::diag::SourceDiagnostic]) -> String {
    errs.iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
