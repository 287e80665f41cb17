//! What a file really is, judged by its content rather than its name: [`check`] holds a file
//! against the kind its extension promises and says, in Vietnamese, what it found instead.
//!
//! The head (first [`HEAD_LEN`] bytes) settles most kinds by their magic numbers (`sniff`, with
//! infer's matchers). Where it cannot, a few more bounded pieces are read: the ZIP central
//! directory (`archive`, with the zip crate) to tell `.docx`/`.xlsx`/`.odt`/`.ods` apart, the
//! directory of an old OLE2 Office file (`ole`, with cfb) for `.doc` vs `.xls`, and the last
//! 4 KiB of a PDF to spot a cut download. The whole file is never read.

mod archive;
mod ole;
mod reader;
mod sniff;

use crate::problem::messages::evidence as msg;
use crate::problem::Problem;
use reader::Kept;
use sniff::Sniff;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// How many bytes of a file [`detect`] needs (and [`check`] reads first).
pub const HEAD_LEN: usize = 64 * 1024;

/// The kinds of file an evidence folder is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    Doc,
    Xls,
    Ods,
    Odt,
    Jpeg,
    Png,
    Gif,
    Heic,
    Mp4,
    Mov,
    Mp3,
    Wav,
    M4a,
    Avi,
    Text,
    Zip,
    Other,
}

impl Kind {
    /// Vietnamese name of the kind, as used in messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "tài liệu Word .docx",
            Kind::Xlsx => "bảng tính Excel .xlsx",
            Kind::Doc => "tài liệu Word cũ .doc",
            Kind::Xls => "bảng tính Excel cũ .xls",
            Kind::Ods => "bảng tính OpenDocument .ods",
            Kind::Odt => "văn bản OpenDocument .odt",
            Kind::Jpeg => "ảnh JPEG",
            Kind::Png => "ảnh PNG",
            Kind::Gif => "ảnh GIF",
            Kind::Heic => "ảnh HEIC",
            Kind::Mp4 => "video MP4",
            Kind::Mov => "video QuickTime .mov",
            Kind::Mp3 => "âm thanh MP3",
            Kind::Wav => "âm thanh WAV",
            Kind::M4a => "âm thanh M4A",
            Kind::Avi => "video AVI",
            Kind::Text => "văn bản thuần",
            Kind::Zip => "tệp nén ZIP",
            Kind::Other => "định dạng khác",
        }
    }
}

/// Images, audio and video: evidence that is exempt from digital signing.
pub fn is_media(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Jpeg
            | Kind::Png
            | Kind::Gif
            | Kind::Heic
            | Kind::Mp4
            | Kind::Mov
            | Kind::Mp3
            | Kind::Wav
            | Kind::M4a
            | Kind::Avi
    )
}

/// Office and PDF documents (the kinds that can carry a signature or be
/// converted to a signed PDF).  Plain text, ZIP and unknown files are not.
pub fn is_document(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Pdf | Kind::Docx | Kind::Xlsx | Kind::Doc | Kind::Xls | Kind::Ods | Kind::Odt
    )
}

/// The kind an extension (without the dot, any case) promises, or `None`
/// for extensions this module does not know.
pub fn kind_for_extension(ext: &str) -> Option<Kind> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "pdf" => Kind::Pdf,
        "docx" => Kind::Docx,
        "doc" => Kind::Doc,
        "xlsx" | "xlsm" => Kind::Xlsx,
        "xls" => Kind::Xls,
        "ods" => Kind::Ods,
        "odt" => Kind::Odt,
        "jpg" | "jpeg" => Kind::Jpeg,
        "png" => Kind::Png,
        "gif" => Kind::Gif,
        "heic" => Kind::Heic,
        "mp4" | "m4v" => Kind::Mp4,
        "mov" => Kind::Mov,
        "mp3" => Kind::Mp3,
        "wav" => Kind::Wav,
        "m4a" => Kind::M4a,
        "avi" => Kind::Avi,
        "txt" | "md" | "csv" | "toml" => Kind::Text,
        "zip" => Kind::Zip,
        _ => return None,
    })
}

/// What the content of a file is, judged from its first bytes (pass at most
/// [`HEAD_LEN`]; fewer is fine).  `ext` (without the dot) only breaks ties
/// the head cannot settle, e.g. an old OLE2 Office file whose directory lies
/// beyond the head.  Content that matches no known signature and is not
/// text gives [`Kind::Other`].
#[cfg(test)]
pub fn detect(head: &[u8], ext: &str) -> Kind {
    let head = &head[..head.len().min(HEAD_LEN)];
    sniff::sniff(head, ext, &mut std::io::Cursor::new(head)).kind
}

/// Checks that the file at `path` is what its extension says.
///
/// Returns the kind promised by the extension (`.xlsm` gives
/// [`Kind::Xlsx`], `.m4v` [`Kind::Mp4`]) when the content agrees; an unknown
/// extension gives `Ok(Kind::Other)` without looking at the content.  `Err`
/// (a problem without its place) when the file cannot be read, is empty
/// (whatever its extension), its content is another format, a PDF or
/// ZIP-based file is cut short, or a text file (`.txt`, `.md`, `.csv`,
/// `.toml`) is not UTF-8. (Boxed: a problem is large beside a kind.)
pub fn check(path: &Path) -> Result<Kind, Box<Problem>> {
    check_as(path, Text::Utf8)
}

/// What a text file (`.txt`, `.csv`, …) must be encoded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// UTF-8 (a BOM is fine) or ASCII: evidence read by people and the levels above.
    Utf8,
    /// Any: a sheet hoso reads itself, whose reader judges its encoding (Windows-1258 is read).
    AnyEncoding,
}

/// [`check`], with the encoding a text file must have.
pub fn check_as(path: &Path, text: Text) -> Result<Kind, Box<Problem>> {
    let io = |e: std::io::Error| msg::file_unreadable(&crate::problem::oserr::reason(&e)).into();
    let mut file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Err(msg::file_empty().into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(expected) = kind_for_extension(&ext) else {
        return Ok(Kind::Other);
    };
    let mut head = Vec::with_capacity(HEAD_LEN.min(len as usize));
    (&mut file)
        .take(HEAD_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.is_empty() {
        return Err(msg::file_empty().into());
    }
    let mut r = Kept::new(file);
    let got = sniff::sniff(&head, &ext, &mut r);
    r.error().map_or(Ok(()), |e| Err(io(e)))?;
    let kind = judge(&ext, (expected, text), &got, &head, len, &mut r)?;
    r.error().map_or(Ok(kind), |e| Err(io(e)))
}

/// The verdict on content `got` under extension `ext` (promising `expected`).
fn judge<R: Read + Seek>(
    ext: &str,
    (expected, text): (Kind, Text),
    got: &Sniff,
    head: &[u8],
    len: u64,
    r: &mut R,
) -> Result<Kind, Box<Problem>> {
    if expected == Kind::Text {
        if !got.textual && got.what != msg::UNKNOWN_FORMAT {
            return Err(mismatch(ext, expected, got).into());
        }
        if text == Text::AnyEncoding {
            return Ok(Kind::Text);
        }
        return check_utf8(head, len > head.len() as u64, ext).map(|()| Kind::Text);
    }
    if !accepts(expected, got.kind) {
        return Err(mismatch(ext, expected, got).into());
    }
    // The content is the right format; catch the commonest damage: a
    // download or copy cut short.
    match got.kind {
        Kind::Pdf if !pdf_has_eof(r, len) => Err(msg::pdf_cut().into()),
        Kind::Docx | Kind::Xlsx | Kind::Ods | Kind::Odt | Kind::Zip
            if !archive::has_directory(r) =>
        {
            Err(msg::zip_cut(ext).into())
        }
        _ => Ok(expected),
    }
}

/// Whether content of kind `got` is acceptable under an extension promising
/// `expected`.
fn accepts(expected: Kind, got: Kind) -> bool {
    expected == got
        || matches!(
            (expected, got),
            // One ISO media family: players take either.
            (Kind::Mp4, Kind::Mov)
                | (Kind::Mov, Kind::Mp4)
                | (Kind::Mp4, Kind::M4a)
                | (Kind::M4a, Kind::Mp4)
                // Every OOXML/ODF file is a ZIP archive.
                | (Kind::Zip, Kind::Docx | Kind::Xlsx | Kind::Ods | Kind::Odt)
        )
}

fn expected_label(ext: &str, kind: Kind) -> &'static str {
    match ext {
        "xlsm" => "bảng tính Excel .xlsm",
        "m4v" => "video MP4 (.m4v)",
        _ => kind.label(),
    }
}

fn mismatch(ext: &str, expected: Kind, got: &Sniff) -> Problem {
    msg::wrong_content(ext, expected_label(ext, expected), got.what)
}

/// Text files must be UTF-8 (a BOM is fine) or plain ASCII.  Only the head
/// is examined; `truncated` says the file goes on beyond it, so a multi-byte
/// character cut at the end of the head is not an error.
fn check_utf8(head: &[u8], truncated: bool, ext: &str) -> Result<(), Box<Problem>> {
    let ok = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => truncated && e.error_len().is_none(),
    };
    if ok && !head.contains(&0) {
        return Ok(());
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    Err(msg::not_utf8(ext, utf16 || head.contains(&0)).into())
}

/// Whether the last 4 KiB of a file of `len` bytes hold the PDF end marker `%%EOF`.
fn pdf_has_eof<R: Read + Seek>(r: &mut R, len: u64) -> bool {
    let n = len.min(4096);
    let mut tail = vec![0u8; n as usize];
    r.seek(SeekFrom::Start(len - n))
        .and_then(|_| r.read_exact(&mut tail))
        .is_ok()
        && memchr::memmem::find(&tail, b"%%EOF").is_some()
}

#[cfg(test)]
mod testfiles;
#[cfg(test)]
mod tests;
