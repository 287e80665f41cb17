//! Document model → typst markup (`source`) → PDF/A-2b, in process. An in-memory [`World`] serves
//! the generated source, the fonts embedded in the binary (parsed once per process) and the report
//! date as "today": no file system, no system fonts, no clock. The model's text went through the
//! document stage's filter, so it holds no glyph the fonts lack and PDF/A export cannot fail on a
//! commune's emoji.

mod source;

pub use source::to_typst;

use crate::document::model::Document;
use crate::problem::messages::render as msg;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    library: LazyHash<Library>,
}

/// Fonts and the standard library, built once per process.
fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| {
        let fonts: Vec<Font> = crate::forms::fonts()
            .iter()
            .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            library: LazyHash::new(Library::default()),
        }
    })
}

struct HosoWorld {
    main: Source,
    today: Datetime,
}

impl World for HosoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &fonts().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Compiles and exports a document to PDF/A-2b. Errors say which document failed, in Vietnamese.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, String> {
    let source = to_typst(doc);
    compile_source(&source, doc.date, &doc.file_stem)
}

fn joined(errs: &[typst::diag::SourceDiagnostic]) -> String {
    errs.iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Compiles typst `source` dated `date` and exports it to PDF/A-2b with the signature fields;
/// `name` names the document in errors.
pub fn compile_source(source: &str, date: (i32, u32, u32), name: &str) -> Result<Vec<u8>, String> {
    let (y, m, d) = date;
    let today =
        Datetime::from_ymd(y, m as u8, d as u8).ok_or_else(|| msg::bad_report_date(name))?;
    let id = RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").map_err(|e| format!("{e:?}"))?,
    )
    .intern();
    let world = HosoWorld {
        main: Source::new(id, source.to_string()),
        today,
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned
        .output
        .map_err(|errs| msg::layout_failed(name, &joined(&errs)))?;
    let standards =
        PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| format!("{name}: {}", e.message()))?;
    let ts = Datetime::from_ymd_hms(y, m as u8, d as u8, 0, 0, 0)
        .ok_or_else(|| msg::bad_report_date(name))?;
    let options = PdfOptions {
        ident: Smart::Custom(name.to_string()),
        creator: Smart::Custom(Some("hoso".into())),
        timestamp: Some(Timestamp::new_utc(ts)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errs| msg::pdf_failed(name, &joined(&errs)))?;
    // Empty signature fields at the ND30 places (render/fields).
    super::fields::add_fields(pdf, &super::fields::places(&document))
        .map_err(|e| format!("{name}: {e}"))
}

#[cfg(test)]
mod render_tests {
    use super::*;

    #[test]
    fn renders_every_block_as_pdf_a_with_the_report_date() {
        let doc = crate::document::sample::sample();
        let pdf = render_pdf(&doc).expect("the sample compiles");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("pdfaid:part"), "PDF/A identification in XMP");
        assert!(
            text.contains("2024-11-10"),
            "creation date is the report date"
        );
        // Same input, same bytes.
        assert_eq!(pdf, render_pdf(&doc).unwrap());
        if let Ok(dir) = std::env::var("HOSO_TEST_PDF_DIR") {
            std::fs::write(format!("{dir}/sample.pdf"), &pdf).unwrap();
        }
    }
}

/// Reference for benches/bench.sh: a bare typst compile + PDF export of the `.typ` files that
/// `hoso build --typ` wrote (same World, same fonts), so typesetting can be quoted as a ratio.
#[cfg(test)]
mod bench_tests {
    #[test]
    #[ignore = "benchmark: run by benches/bench.sh with HOSO_BENCH_TYP_DIR"]
    fn bare_typst_compile_and_export() {
        let Ok(dir) = std::env::var("HOSO_BENCH_TYP_DIR") else {
            return;
        };
        let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        sources.sort();
        // Fonts are parsed before timing (hoso parses them once per process too); typst's memo
        // cache starts cold, as in a fresh `hoso build`: run this test in a new process per sample.
        let _ = super::fonts();
        let t = std::time::Instant::now();
        for (name, src) in &sources {
            super::compile_source(src, (2024, 11, 10), name).unwrap();
        }
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!("bare_typst_ms once={ms:.1} files={}", sources.len());
    }
}
