//! What a file really is, judged by its content rather than its name.
//!
//! [`detect`] looks only at the first bytes of a file (callers pass at most
//! [`HEAD_LEN`] bytes).  [`check`] opens a file, reads that head and, where
//! the head alone cannot tell, a few more bounded pieces: the ZIP central
//! directory at the end of the file (to tell `.docx`/`.xlsx`/`.odt`/`.ods`
//! apart by their entries), the directory sectors of an old OLE2 Office file
//! (`.doc` vs `.xls`), and the last 4 KiB of a PDF (to spot truncated
//! downloads).  Memory use is bounded whatever the file size; the whole file
//! is never read.
//!
//! Every rejection is a Vietnamese sentence meant for the commune officer who
//! assembled the evidence folder.

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
    sniff(head, ext, &mut SliceSrc(head)).kind
}

/// Checks that the file at `path` is what its extension says.
///
/// Returns the kind promised by the extension (`.xlsm` gives
/// [`Kind::Xlsx`], `.m4v` [`Kind::Mp4`]) when the content agrees; an unknown
/// extension gives `Ok(Kind::Other)` without looking at the content.  `Err`
/// (in Vietnamese) when the file cannot be read, is empty (whatever its
/// extension), its content is another format, a PDF or ZIP-based file is
/// cut short, or a text file (`.txt`, `.md`, `.csv`, `.toml`) is not UTF-8.
pub fn check(path: &Path) -> Result<Kind, String> {
    let io =
        |e: std::io::Error| format!("không đọc được tệp: {}", crate::problem::oserr::reason(&e));
    let mut file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Err("tệp rỗng (0 byte)".to_string());
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
        return Err("tệp rỗng (0 byte)".to_string());
    }
    let mut src = FileSrc::new(file, len);
    let got = sniff(&head, &ext, &mut src);
    if let Some(e) = src.error.take() {
        return Err(io(e));
    }

    if expected == Kind::Text {
        if !got.textual && got.what != UNKNOWN {
            return Err(mismatch(&ext, expected, &got));
        }
        return check_utf8(&head, len > head.len() as u64, &ext).map(|()| Kind::Text);
    }
    if !accepts(expected, got.kind) {
        return Err(mismatch(&ext, expected, &got));
    }
    // The content is the right format; catch the commonest damage: a
    // download or copy cut short.
    match got.kind {
        Kind::Pdf if !pdf_has_eof(&mut src) => {
            return Err(
                "tệp PDF bị cắt cụt hoặc hỏng (không có dấu kết thúc %%EOF) — tải hoặc xuất lại"
                    .to_string(),
            );
        }
        Kind::Docx | Kind::Xlsx | Kind::Ods | Kind::Odt | Kind::Zip
            if find_eocd(&mut src).is_none() =>
        {
            return Err(format!(
                "tệp .{ext} bị cắt cụt hoặc hỏng (không thấy mục lục ZIP ở cuối tệp) — tải hoặc xuất lại"
            ));
        }
        _ => {}
    }
    if let Some(e) = src.error.take() {
        return Err(io(e));
    }
    Ok(expected)
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

fn mismatch(ext: &str, expected: Kind, got: &Sniff) -> String {
    let what = if got.what == UNKNOWN {
        "không nhận ra định dạng".to_string()
    } else {
        format!("là {}", got.what)
    };
    let hint = if got.what == ENCRYPTED_OFFICE {
        "gỡ mật khẩu rồi lưu lại đúng định dạng"
    } else {
        "xuất lại đúng định dạng"
    };
    format!(
        "tệp có đuôi .{ext} nhưng nội dung không phải {} ({what}) — {hint}",
        expected_label(ext, expected)
    )
}

/// Text files must be UTF-8 (a BOM is fine) or plain ASCII.  Only the head
/// is examined; `truncated` says the file goes on beyond it, so a multi-byte
/// character cut at the end of the head is not an error.
fn check_utf8(head: &[u8], truncated: bool, ext: &str) -> Result<(), String> {
    let ok = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => truncated && e.error_len().is_none(),
    };
    if ok && !head.contains(&0) {
        return Ok(());
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    let guess = if utf16 || head.contains(&0) {
        "đang ở mã UTF-16"
    } else {
        "có thể đang ở bảng mã cũ như TCVN3, VNI hoặc Windows-1258"
    };
    Err(format!(
        "tệp .{ext} không phải văn bản UTF-8 ({guess}) — mở và lưu lại với mã hoá UTF-8"
    ))
}

// ---------------------------------------------------------------------------
// Sniffing

const UNKNOWN: &str = "không nhận ra định dạng";
const ENCRYPTED_OFFICE: &str = "tài liệu Office đã đặt mật khẩu (mã hoá)";

/// Result of sniffing: the kind, a more precise Vietnamese description, and
/// whether the content is some sort of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sniff {
    kind: Kind,
    what: &'static str,
    textual: bool,
}

fn k(kind: Kind) -> Sniff {
    Sniff {
        kind,
        what: kind.label(),
        textual: false,
    }
}

fn other(what: &'static str) -> Sniff {
    Sniff {
        kind: Kind::Other,
        what,
        textual: false,
    }
}

fn text(what: &'static str) -> Sniff {
    Sniff {
        kind: Kind::Text,
        what,
        textual: true,
    }
}

/// Random access to the file being sniffed: either the head itself (which
/// may or may not be the whole file) or the open file.
trait Src {
    fn len(&self) -> u64;
    fn read_at(&mut self, off: u64, len: usize) -> Option<Vec<u8>>;
}

#[cfg(test)]
struct SliceSrc<'a>(&'a [u8]);

#[cfg(test)]
impl Src for SliceSrc<'_> {
    fn len(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&mut self, off: u64, len: usize) -> Option<Vec<u8>> {
        let start = usize::try_from(off).ok()?;
        let end = start.checked_add(len)?;
        self.0.get(start..end).map(<[u8]>::to_vec)
    }
}

/// An open file read through a 64 KiB window; the first I/O error is kept
/// for [`check`] to report.
struct FileSrc {
    file: File,
    len: u64,
    win_off: u64,
    win: Vec<u8>,
    error: Option<std::io::Error>,
}

impl FileSrc {
    fn new(file: File, len: u64) -> FileSrc {
        FileSrc {
            file,
            len,
            win_off: 0,
            win: Vec::new(),
            error: None,
        }
    }
}

impl Src for FileSrc {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&mut self, off: u64, len: usize) -> Option<Vec<u8>> {
        let end = off.checked_add(len as u64)?;
        if end > self.len || self.error.is_some() {
            return None;
        }
        let in_window = off >= self.win_off && end <= self.win_off + self.win.len() as u64;
        if !in_window {
            let want = (len.max(HEAD_LEN) as u64).min(self.len - off);
            let mut buf = Vec::with_capacity(want as usize);
            let res = self
                .file
                .seek(SeekFrom::Start(off))
                .and_then(|_| (&mut self.file).take(want).read_to_end(&mut buf));
            if let Err(e) = res {
                self.error = Some(e);
                return None;
            }
            self.win_off = off;
            self.win = buf;
        }
        let s = usize::try_from(off - self.win_off).ok()?;
        self.win.get(s..s.checked_add(len)?).map(<[u8]>::to_vec)
    }
}

fn u16le(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32le(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64le(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32be(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

fn sniff(head: &[u8], ext: &str, src: &mut dyn Src) -> Sniff {
    let ext = ext.to_ascii_lowercase();
    let h = head;
    let at = |i: usize, m: &[u8]| i.checked_add(m.len()).and_then(|e| h.get(i..e)) == Some(m);

    if at(0, &[0xFF, 0xFE]) || at(0, &[0xFE, 0xFF]) {
        // Before the MP3 test: FF FE also looks like an MPEG frame header.
        return Sniff {
            kind: Kind::Text,
            what: "văn bản UTF-16",
            textual: true,
        };
    }
    if at(0, b"%PDF-") {
        return k(Kind::Pdf);
    }
    if at(0, &[0xFF, 0xD8, 0xFF]) {
        return k(Kind::Jpeg);
    }
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return k(Kind::Png);
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return k(Kind::Gif);
    }
    if let Some(s) = iso_media(h) {
        return s;
    }
    if at(0, b"RIFF") || at(0, b"RF64") {
        return match h.get(8..12) {
            Some(b"WAVE") => k(Kind::Wav),
            Some(b"AVI ") => k(Kind::Avi),
            Some(b"WEBP") => other("ảnh WebP"),
            _ => other("tệp RIFF khác"),
        };
    }
    if at(0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return ole_kind(h, &ext, src);
    }
    if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") || at(0, b"PK\x07\x08") {
        return zip_kind(h, src);
    }
    if at(0, b"ID3") || mpeg_audio_frame(h) {
        return k(Kind::Mp3);
    }
    if let Some(s) = other_binary(h) {
        return s;
    }
    // Some PDFs carry junk (a BOM, an HTTP header) before "%PDF-"; accept it
    // within the first KiB when the rest is binary, not a text that merely
    // mentions PDF.
    let first_k = &h[..h.len().min(1024)];
    if contains(first_k, b"%PDF-") && std::str::from_utf8(h).is_err() {
        return k(Kind::Pdf);
    }
    text_kind(h)
}

/// MP4/MOV/M4A/HEIC and relatives (ISO base media file format).
fn iso_media(h: &[u8]) -> Option<Sniff> {
    let typ = h.get(4..8)?;
    if typ == b"ftyp" {
        let size = u32be(h, 0)? as usize;
        let major = h.get(8..12)?;
        let compat: Vec<&[u8]> = h
            .get(16..size.min(h.len()))
            .unwrap_or(&[])
            .chunks_exact(4)
            .collect();
        let has = |b: &[u8]| major == b || compat.contains(&b);
        const HEIF: [&[u8]; 10] = [
            b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1",
            b"msf1",
        ];
        if major == b"avif" || major == b"avis" || (has(b"avif") && !has(b"heic")) {
            return Some(other("ảnh AVIF"));
        }
        if HEIF.contains(&major) {
            return Some(k(Kind::Heic));
        }
        if major == b"qt  " {
            return Some(k(Kind::Mov));
        }
        if matches!(major, b"M4A " | b"M4B " | b"M4P " | b"F4A " | b"F4B ") {
            return Some(k(Kind::M4a));
        }
        if major.starts_with(b"crx") || major == b"jp2 " || major == b"jpx " {
            return Some(other("ảnh (RAW/JPEG 2000)"));
        }
        return Some(k(Kind::Mp4));
    }
    // Old QuickTime files start with a moov/mdat/wide/free atom.  Its size
    // is below 16 MiB (first byte 0) or 1 (64-bit size follows); a text that
    // happens to read "The free…" has a printable first byte.
    let size = u32be(h, 0)?;
    if matches!(
        typ,
        b"moov" | b"mdat" | b"wide" | b"free" | b"skip" | b"pnot"
    ) && (size == 1 || (8..1 << 24).contains(&size))
    {
        return Some(k(Kind::Mov));
    }
    None
}

/// An MPEG audio frame header (MP3 without an ID3 tag).
fn mpeg_audio_frame(h: &[u8]) -> bool {
    let (Some(&b0), Some(&b1), Some(&b2)) = (h.first(), h.get(1), h.get(2)) else {
        return false;
    };
    b0 == 0xFF
        && b1 & 0xE0 == 0xE0
        && (b1 >> 3) & 0x03 != 0x01 // version: not reserved
        && (b1 >> 1) & 0x03 != 0x00 // layer: not reserved (00 is AAC ADTS)
        && b2 >> 4 != 0x0F // bitrate
        && (b2 >> 2) & 0x03 != 0x03 // sample rate
}

/// Formats that are not evidence kinds, named so that the message can say
/// what the file really is.
fn other_binary(h: &[u8]) -> Option<Sniff> {
    let at = |i: usize, m: &[u8]| i.checked_add(m.len()).and_then(|e| h.get(i..e)) == Some(m);
    let s = if at(0, b"Rar!\x1a\x07") {
        other("tệp nén RAR")
    } else if at(0, b"7z\xBC\xAF\x27\x1C") {
        other("tệp nén 7-Zip")
    } else if at(0, &[0x1F, 0x8B]) {
        other("tệp nén GZIP")
    } else if at(0, b"fLaC") {
        other("âm thanh FLAC")
    } else if at(0, b"OggS") {
        other("âm thanh/video OGG")
    } else if at(0, b"#!AMR") {
        other("âm thanh AMR")
    } else if at(0, &[0xFF, 0xF1]) || at(0, &[0xFF, 0xF9]) {
        other("âm thanh AAC")
    } else if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        other("video MKV/WebM")
    } else if at(0, &[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) {
        other("video/âm thanh Windows Media (WMV/WMA)")
    } else if at(0, b"FLV\x01") {
        other("video FLV")
    } else if at(0, &[0x00, 0x00, 0x01, 0xBA]) || at(0, &[0x00, 0x00, 0x01, 0xB3]) {
        other("video MPEG")
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        other("ảnh TIFF")
    } else if at(0, b"BM") && matches!(u32le(h, 14), Some(12 | 40 | 52 | 56 | 64 | 108 | 124)) {
        other("ảnh BMP")
    } else if at(0, b"8BPS") {
        other("ảnh Photoshop PSD")
    } else if at(0, b"MZ") && u32le(h, 0x3C).is_some_and(|p| at(p as usize, b"PE\0\0")) {
        other("chương trình Windows (.exe)")
    } else if at(0, b"\x7fELF") {
        other("chương trình (ELF)")
    } else if at(0, b"SQLite format 3\0") {
        other("cơ sở dữ liệu SQLite")
    } else {
        return None;
    };
    Some(s)
}

/// Text, HTML, RTF, XML … or unknown binary.
fn text_kind(h: &[u8]) -> Sniff {
    let body = h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h);
    let lead = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let t = &body[lead..];
    let early = &t[..t.len().min(2048)];
    if starts_with_ci(t, b"{\\rtf") {
        return text("văn bản RTF");
    }
    if starts_with_ci(t, b"MIME-Version:")
        || (contains_ci(early, b"Content-Type: multipart/related"))
    {
        return text("trang web lưu dạng MHT");
    }
    if t.first() == Some(&b'<') {
        if contains_ci(early, b"urn:schemas-microsoft-com:office:spreadsheet") {
            return text("bảng tính XML (Excel 2003)");
        }
        if contains_ci(early, b"schemas.microsoft.com/office/word/2003/wordml") {
            return text("tài liệu Word XML (2003)");
        }
        if starts_with_ci(t, b"<!doctype html") || contains_ci(early, b"<html") {
            return text("trang web HTML");
        }
        if starts_with_ci(t, b"<?xml") || starts_with_ci(t, b"<svg") {
            return text("tệp XML");
        }
    }
    if h.contains(&0) {
        return other(UNKNOWN);
    }
    let utf8 = match std::str::from_utf8(h) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the head.
        Err(e) => e.error_len().is_none() && h.len() - e.valid_up_to() < 4,
    };
    let controls = h
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x1b'))
        .count();
    if controls * 100 > h.len() {
        return other(UNKNOWN);
    }
    if utf8 {
        return text(Kind::Text.label());
    }
    // Mostly ASCII with some high bytes: text in a legacy 8-bit encoding.
    let high = h.iter().filter(|&&b| b >= 0x80).count();
    if high * 3 < h.len() {
        return text("văn bản bảng mã cũ (không phải UTF-8)");
    }
    other(UNKNOWN)
}

// ---------------------------------------------------------------------------
// ZIP: OOXML, ODF, plain archives

fn zip_kind(head: &[u8], src: &mut dyn Src) -> Sniff {
    // ODF: the first entry is an uncompressed "mimetype".
    if let Some(s) = odf_from_lfh(head, 0) {
        return s;
    }
    let mut mimetype_at = None;
    if let Some(cd) = find_eocd(src) {
        let mut decided = None;
        for_each_cd_entry(src, &cd, |name, lfh| {
            if let Some(s) = ooxml_from_name(name) {
                decided = Some(s);
                return false;
            }
            if name == b"mimetype" {
                mimetype_at = Some(lfh);
            }
            true
        });
        if let Some(s) = decided {
            return s;
        }
        if let Some(off) = mimetype_at {
            if let Some(s) = src
                .read_at(off, 30 + 8 + 256)
                .or_else(|| {
                    src.read_at(
                        off,
                        (src.len().saturating_sub(off)).min(30 + 8 + 256) as usize,
                    )
                })
                .and_then(|b| odf_from_lfh(&b, 0))
            {
                return s;
            }
        }
        return k(Kind::Zip);
    }
    // No central directory reachable (head only, or a cut file): walk the
    // local headers in the head.
    let mut i = 0;
    while let Some(p) = head
        .get(i..)
        .and_then(|rest| rest.windows(4).position(|w| w == b"PK\x03\x04"))
    {
        let at = i + p;
        let n = u16le(head, at + 26).unwrap_or(0) as usize;
        if let Some(name) = head.get(at + 30..at + 30 + n) {
            if let Some(s) = ooxml_from_name(name) {
                return s;
            }
        }
        i = at + 4;
    }
    k(Kind::Zip)
}

fn ooxml_from_name(name: &[u8]) -> Option<Sniff> {
    if name.starts_with(b"word/") {
        Some(k(Kind::Docx))
    } else if name.starts_with(b"xl/") {
        Some(k(Kind::Xlsx))
    } else if name.starts_with(b"ppt/") {
        Some(other("bản trình chiếu PowerPoint .pptx"))
    } else {
        None
    }
}

/// Reads the local file header at `at`; if it is a stored "mimetype" entry,
/// classifies the ODF document by its content.
fn odf_from_lfh(b: &[u8], at: usize) -> Option<Sniff> {
    if b.get(at..at + 4) != Some(b"PK\x03\x04") {
        return None;
    }
    let method = u16le(b, at + 8)?;
    let n = u16le(b, at + 26)? as usize;
    let e = u16le(b, at + 28)? as usize;
    if b.get(at + 30..at + 30 + n)? != b"mimetype" || method != 0 {
        return None;
    }
    let start = at + 30 + n + e;
    let content = b.get(start..(start + 100).min(b.len()))?;
    const ODF: &[u8] = b"application/vnd.oasis.opendocument.";
    Some(if let Some(rest) = content.strip_prefix(ODF) {
        if rest.starts_with(b"text") {
            k(Kind::Odt)
        } else if rest.starts_with(b"spreadsheet") {
            k(Kind::Ods)
        } else if rest.starts_with(b"presentation") {
            other("bản trình chiếu OpenDocument .odp")
        } else {
            other("tài liệu OpenDocument khác")
        }
    } else if content.starts_with(b"application/epub+zip") {
        other("sách điện tử EPUB")
    } else {
        return None;
    })
}

/// Where the central directory is: (offset, size, entry count).
struct CentralDir {
    offset: u64,
    size: u64,
    entries: u64,
}

fn find_eocd(src: &mut dyn Src) -> Option<CentralDir> {
    let len = src.len();
    if len < 22 {
        return None;
    }
    let tail_len = len.min(22 + 0xFFFF);
    let tail_start = len - tail_len;
    let tail = src.read_at(tail_start, tail_len as usize)?;
    let mut pos = tail.len().checked_sub(22)?;
    loop {
        if tail.get(pos..pos + 4) == Some(b"PK\x05\x06") {
            let comment = u16le(&tail, pos + 20)? as usize;
            if pos + 22 + comment <= tail.len() {
                break;
            }
        }
        pos = pos.checked_sub(1)?;
    }
    let eocd_abs = tail_start + pos as u64;
    let mut entries = u64::from(u16le(&tail, pos + 10)?);
    let mut size = u64::from(u32le(&tail, pos + 12)?);
    let mut offset = u64::from(u32le(&tail, pos + 16)?);
    let mut cd_end = eocd_abs;
    if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        // ZIP64: the locator sits just before the EOCD record.
        if let Some(loc) = eocd_abs.checked_sub(20).and_then(|p| src.read_at(p, 20)) {
            if loc.starts_with(b"PK\x06\x07") {
                let rec_off = u64le(&loc, 8)?;
                let rec = src.read_at(rec_off, 56)?;
                if rec.starts_with(b"PK\x06\x06") {
                    entries = u64le(&rec, 32)?;
                    size = u64le(&rec, 40)?;
                    offset = u64le(&rec, 48)?;
                    cd_end = rec_off;
                }
            }
        }
    }
    // A prefixed archive (self-extractor, junk before the data) has offsets
    // shifted; the directory always ends where the EOCD begins.
    let is_cd = |src: &mut dyn Src, off: u64| {
        src.read_at(off, 4).as_deref() == Some(b"PK\x01\x02".as_slice())
    };
    if entries > 0 && !is_cd(src, offset) {
        let alt = cd_end.checked_sub(size)?;
        if !is_cd(src, alt) {
            return None;
        }
        offset = alt;
    }
    Some(CentralDir {
        offset,
        size,
        entries,
    })
}

/// Calls `f(name, local_header_offset)` for each central directory entry
/// until it returns false (at most 200 000 entries).
fn for_each_cd_entry(src: &mut dyn Src, cd: &CentralDir, mut f: impl FnMut(&[u8], u64) -> bool) {
    let end = cd.offset.saturating_add(cd.size);
    let mut pos = cd.offset;
    for _ in 0..cd.entries.min(200_000) {
        if pos.saturating_add(46) > end {
            break;
        }
        let Some(hdr) = src.read_at(pos, 46) else {
            break;
        };
        if !hdr.starts_with(b"PK\x01\x02") {
            break;
        }
        let (Some(n), Some(x), Some(c), Some(lfh)) = (
            u16le(&hdr, 28),
            u16le(&hdr, 30),
            u16le(&hdr, 32),
            u32le(&hdr, 42),
        ) else {
            break;
        };
        let Some(name) = src.read_at(pos + 46, n as usize) else {
            break;
        };
        if !f(&name, u64::from(lfh)) {
            break;
        }
        pos += 46 + u64::from(n) + u64::from(x) + u64::from(c);
    }
}

// ---------------------------------------------------------------------------
// OLE2 compound files: .doc, .xls (and their encrypted OOXML cousins)

fn ole_kind(head: &[u8], ext: &str, src: &mut dyn Src) -> Sniff {
    let names = cfb_root_names(head, src);
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("EncryptedPackage") {
        return other(ENCRYPTED_OFFICE);
    }
    if has("WordDocument") {
        return k(Kind::Doc);
    }
    if has("Workbook") || has("Book") {
        return k(Kind::Xls);
    }
    if has("PowerPoint Document") {
        return other("bản trình chiếu PowerPoint cũ .ppt");
    }
    if !names.is_empty() {
        return other("tệp OLE khác (không phải Word/Excel)");
    }
    // Directory not reachable from what we have: trust the extension.
    match ext {
        "doc" => k(Kind::Doc),
        "xls" => k(Kind::Xls),
        _ => other("tài liệu Office cũ (OLE)"),
    }
}

/// Names of the streams and storages directly under the root storage.
fn cfb_root_names(head: &[u8], src: &mut dyn Src) -> Vec<String> {
    const END: u32 = 0xFFFF_FFFA; // ids >= this are markers, not sectors
    let Some(shift) = u16le(head, 0x1E) else {
        return Vec::new();
    };
    if shift != 9 && shift != 12 {
        return Vec::new();
    }
    let ssize = 1usize << shift;
    let per_fat = (ssize / 4) as u32;
    let (Some(first_dir), Some(first_difat), Some(n_difat)) =
        (u32le(head, 0x30), u32le(head, 0x44), u32le(head, 0x48))
    else {
        return Vec::new();
    };
    let sector = |src: &mut dyn Src, n: u32| -> Option<Vec<u8>> {
        if n >= END {
            return None;
        }
        src.read_at((u64::from(n) + 1) << shift, ssize)
    };

    // FAT sector numbers: 109 in the header, the rest in DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32le(head, 0x4C + 4 * i))
        .filter(|&s| s < END)
        .collect();
    let mut d = first_difat;
    for _ in 0..n_difat.min(64) {
        let Some(b) = sector(src, d) else { break };
        for i in 0..(per_fat as usize - 1) {
            if let Some(s) = u32le(&b, 4 * i).filter(|&s| s < END) {
                fat_sectors.push(s);
            }
        }
        d = u32le(&b, ssize - 4).unwrap_or(u32::MAX);
    }
    let next = |src: &mut dyn Src, n: u32| -> Option<u32> {
        let fs = *fat_sectors.get((n / per_fat) as usize)?;
        let b = sector(src, fs)?;
        u32le(&b, 4 * (n % per_fat) as usize)
    };

    // Directory entries, following the chain (bounded).
    let mut entries: Vec<(String, u32, u32, u32)> = Vec::new(); // name, left, right, child
    let mut s = first_dir;
    for _ in 0..256 {
        let Some(b) = sector(src, s) else { break };
        for e in b.chunks_exact(128) {
            let nlen = (u16le(e, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = e[..nlen.saturating_sub(2)]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            entries.push((
                String::from_utf16_lossy(&units),
                u32le(e, 68).unwrap_or(u32::MAX),
                u32le(e, 72).unwrap_or(u32::MAX),
                u32le(e, 76).unwrap_or(u32::MAX),
            ));
        }
        match next(src, s) {
            Some(n) if n < END => s = n,
            _ => break,
        }
    }
    let Some(root) = entries.first() else {
        return Vec::new();
    };
    // The root's children form a tree linked by left/right siblings.
    let mut out = Vec::new();
    let mut stack = vec![root.3];
    let mut seen = vec![false; entries.len()];
    while let Some(id) = stack.pop() {
        let Some(i) = usize::try_from(id).ok().filter(|&i| i < entries.len()) else {
            continue;
        };
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let (name, left, right, _) = &entries[i];
        out.push(name.clone());
        stack.push(*left);
        stack.push(*right);
    }
    out
}

// ---------------------------------------------------------------------------
// PDF end marker

fn pdf_has_eof(src: &mut dyn Src) -> bool {
    let len = src.len();
    let n = len.min(4096);
    src.read_at(len - n, n as usize)
        .is_some_and(|tail| contains(&tail, b"%%EOF"))
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A scratch directory unique to this test process.
    fn scratch_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("hoso-filetype-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn write(name: &str, data: &[u8]) -> std::path::PathBuf {
        let p = scratch_dir().join(name);
        let mut f = File::create(&p).unwrap();
        f.write_all(data).unwrap();
        p
    }

    fn check_bytes(name: &str, data: &[u8]) -> Result<Kind, String> {
        let p = write(name, data);
        let r = check(&p);
        let _ = std::fs::remove_file(&p);
        r
    }

    // --- tiny synthetic files -------------------------------------------

    fn pdf() -> Vec<u8> {
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
    }

    fn ftyp(major: &[u8; 4], compat: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compat.len() as u32;
        let mut v = size.to_be_bytes().to_vec();
        v.extend(b"ftyp");
        v.extend(major);
        v.extend([0, 0, 0, 0]);
        for c in compat {
            v.extend(*c);
        }
        v.extend(8u32.to_be_bytes());
        v.extend(b"mdat");
        v
    }

    /// A stored-only ZIP with the given entries, central directory included.
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data) in entries {
            let off = out.len() as u32;
            let mut h = Vec::new();
            h.extend(b"PK\x03\x04");
            h.extend(20u16.to_le_bytes()); // version
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(0u16.to_le_bytes()); // method: stored
            h.extend([0u8; 8]); // time, date, crc (not checked here)
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(name.as_bytes());
            out.extend(&h);
            out.extend(*data);
            cd.extend(b"PK\x01\x02");
            cd.extend(20u16.to_le_bytes());
            cd.extend(20u16.to_le_bytes());
            cd.extend([0u8; 12]); // flags, method, time, date, crc
            cd.extend((data.len() as u32).to_le_bytes());
            cd.extend((data.len() as u32).to_le_bytes());
            cd.extend((name.len() as u16).to_le_bytes());
            cd.extend([0u8; 12]); // extra, comment, disk, int attr, ext attr
            cd.extend(off.to_le_bytes());
            cd.extend(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend(&cd);
        out.extend(b"PK\x05\x06");
        out.extend([0u8; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((cd.len() as u32).to_le_bytes());
        out.extend(cd_off.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    fn docx() -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ])
    }

    fn xlsx() -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ])
    }

    fn odf(mime: &str) -> Vec<u8> {
        zip(&[
            ("mimetype", mime.as_bytes()),
            ("content.xml", b"<office:document-content/>"),
        ])
    }

    /// A minimal OLE2 compound file: header, one FAT sector, one directory
    /// sector holding Root Entry and the given streams.
    fn cfb(streams: &[&str]) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        h[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
        h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
        h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        h[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // FAT sectors
        h[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // first dir sector
        h[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            h[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        // Sector 0: FAT.  Sector 0 is FAT itself, sector 1 the directory.
        let mut fat = vec![0xFFu8; 512];
        fat[0..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        fat[4..8].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        // Sector 1: directory (4 entries of 128 bytes).
        let mut dir = vec![0u8; 512];
        let entry = |name: &str, typ: u8, left: u32, right: u32, child: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            e[66] = typ;
            e[68..72].copy_from_slice(&left.to_le_bytes());
            e[72..76].copy_from_slice(&right.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e
        };
        const NONE: u32 = 0xFFFF_FFFF;
        let child = if streams.is_empty() { NONE } else { 1 };
        dir[..128].copy_from_slice(&entry("Root Entry", 5, NONE, NONE, child));
        for (i, s) in streams.iter().take(3).enumerate() {
            let right = if i + 1 < streams.len().min(3) {
                i as u32 + 2
            } else {
                NONE
            };
            let at = 128 * (i + 1);
            dir[at..at + 128].copy_from_slice(&entry(s, 2, NONE, right, NONE));
        }
        let mut out = h;
        out.extend(fat);
        out.extend(dir);
        out
    }

    #[test]
    fn detects_each_kind_from_synthetic_heads() {
        let cases: Vec<(Vec<u8>, Kind)> = vec![
            (pdf(), Kind::Pdf),
            (docx(), Kind::Docx),
            (xlsx(), Kind::Xlsx),
            (cfb(&["WordDocument", "1Table"]), Kind::Doc),
            (cfb(&["Workbook"]), Kind::Xls),
            (
                odf("application/vnd.oasis.opendocument.spreadsheet"),
                Kind::Ods,
            ),
            (odf("application/vnd.oasis.opendocument.text"), Kind::Odt),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec(), Kind::Jpeg),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), Kind::Png),
            (b"GIF89a\x01\0\x01\0".to_vec(), Kind::Gif),
            (ftyp(b"heic", &[b"mif1", b"heic"]), Kind::Heic),
            (
                ftyp(b"isom", &[b"isom", b"iso2", b"avc1", b"mp41"]),
                Kind::Mp4,
            ),
            (ftyp(b"qt  ", &[b"qt  "]), Kind::Mov),
            (b"\0\0\0\x08wide\0\0\0\x08mdat".to_vec(), Kind::Mov),
            (b"ID3\x04\0\0\0\0\0\0".to_vec(), Kind::Mp3),
            (b"\xFF\xFB\x90\x64\0\0\0\0".to_vec(), Kind::Mp3),
            (b"RIFF\x24\0\0\0WAVEfmt ".to_vec(), Kind::Wav),
            (ftyp(b"M4A ", &[b"M4A ", b"mp42", b"isom"]), Kind::M4a),
            (b"RIFF\x24\0\0\0AVI LIST".to_vec(), Kind::Avi),
            ("Tiêu chí,Giá trị\n1,2\n".as_bytes().to_vec(), Kind::Text),
            (zip(&[("a.txt", b"hello")]), Kind::Zip),
            (b"Rar!\x1a\x07\x01\0".to_vec(), Kind::Other),
            (vec![0u8, 1, 2, 3, 0, 0, 0xFE, 0x10], Kind::Other),
        ];
        for (i, (data, want)) in cases.iter().enumerate() {
            assert_eq!(detect(data, ""), *want, "case {i}");
        }
    }

    #[test]
    fn check_accepts_matching_files() {
        let cases: Vec<(&str, Vec<u8>, Kind)> = vec![
            ("a.pdf", pdf(), Kind::Pdf),
            ("a.docx", docx(), Kind::Docx),
            ("a.XLSX", xlsx(), Kind::Xlsx),
            ("a.xlsm", xlsx(), Kind::Xlsx),
            ("a.doc", cfb(&["WordDocument"]), Kind::Doc),
            ("a.xls", cfb(&["Book"]), Kind::Xls),
            (
                "a.ods",
                odf("application/vnd.oasis.opendocument.spreadsheet"),
                Kind::Ods,
            ),
            (
                "a.odt",
                odf("application/vnd.oasis.opendocument.text"),
                Kind::Odt,
            ),
            ("a.jpg", b"\xFF\xD8\xFF\xE1\0\0Exif".to_vec(), Kind::Jpeg),
            ("a.jpeg", b"\xFF\xD8\xFF\xDB".to_vec(), Kind::Jpeg),
            ("a.png", b"\x89PNG\r\n\x1a\n".to_vec(), Kind::Png),
            ("a.gif", b"GIF87a".to_vec(), Kind::Gif),
            ("a.heic", ftyp(b"mif1", &[b"heic"]), Kind::Heic),
            ("a.mp4", ftyp(b"mp42", &[b"isom"]), Kind::Mp4),
            ("a.m4v", ftyp(b"M4V ", &[b"M4V "]), Kind::Mp4),
            ("a.mp4", ftyp(b"qt  ", &[]), Kind::Mp4), // QuickTime in .mp4: fine
            ("a.mov", ftyp(b"qt  ", &[]), Kind::Mov),
            ("a.mp3", b"ID3\x03\0".to_vec(), Kind::Mp3),
            ("a.wav", b"RIFF\0\0\0\0WAVE".to_vec(), Kind::Wav),
            ("a.m4a", ftyp(b"M4A ", &[]), Kind::M4a),
            ("a.avi", b"RIFF\0\0\0\0AVI ".to_vec(), Kind::Avi),
            ("a.txt", b"plain ascii\n".to_vec(), Kind::Text),
            ("a.md", "# Hồ sơ\n".as_bytes().to_vec(), Kind::Text),
            ("a.csv", b"\xEF\xBB\xBFa,b\n".to_vec(), Kind::Text),
            ("a.toml", b"[xa]\nten = \"A\"\n".to_vec(), Kind::Text),
            ("a.zip", zip(&[("x", b"y")]), Kind::Zip),
            ("a.zip", docx(), Kind::Zip),
            ("a.xyz", b"\0\0\0".to_vec(), Kind::Other),
            ("noext", b"whatever".to_vec(), Kind::Other),
        ];
        for (name, data, want) in cases {
            assert_eq!(check_bytes(name, &data), Ok(want), "{name}");
        }
    }

    #[test]
    fn mislabeled_files_name_what_they_are() {
        let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec();
        assert_eq!(
            check_bytes("bien-ban.pdf", &jpeg),
            Err("tệp có đuôi .pdf nhưng nội dung không phải PDF (là ảnh JPEG) — xuất lại đúng định dạng"
                .to_string())
        );
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("a.docx", cfb(&["WordDocument"]), "(là tài liệu Word cũ .doc)"),
            ("a.doc", docx(), "(là tài liệu Word .docx)"),
            ("a.xlsx", docx(), "không phải bảng tính Excel .xlsx (là tài liệu Word .docx)"),
            ("a.docx", xlsx(), "(là bảng tính Excel .xlsx)"),
            ("a.xlsm", docx(), "không phải bảng tính Excel .xlsm"),
            ("a.docx", zip(&[("a.txt", b"x")]), "(là tệp nén ZIP)"),
            ("a.odt", odf("application/vnd.oasis.opendocument.spreadsheet"), "(là bảng tính OpenDocument .ods)"),
            ("a.xls", cfb(&["WordDocument"]), "(là tài liệu Word cũ .doc)"),
            ("a.docx", cfb(&["EncryptedPackage", "EncryptionInfo"]), "gỡ mật khẩu"),
            ("a.doc", b"<html><body>Bao cao</body></html>".to_vec(), "(là trang web HTML)"),
            ("a.doc", b"{\\rtf1\\ansi hello}".to_vec(), "(là văn bản RTF)"),
            ("a.xls", b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".to_vec(), "Excel 2003"),
            ("a.jpg", b"\x89PNG\r\n\x1a\n".to_vec(), "(là ảnh PNG)"),
            ("a.png", b"\xFF\xD8\xFF\xE0".to_vec(), "(là ảnh JPEG)"),
            ("a.heic", b"\xFF\xD8\xFF\xE0".to_vec(), "không phải ảnh HEIC (là ảnh JPEG)"),
            ("a.mp4", b"RIFF\0\0\0\0AVI ".to_vec(), "(là video AVI)"),
            ("a.mp3", b"RIFF\0\0\0\0WAVE".to_vec(), "(là âm thanh WAV)"),
            ("a.pdf", b"Rar!\x1a\x07\x00".to_vec(), "(là tệp nén RAR)"),
            ("a.pdf", vec![0, 1, 2, 3, 0xFE, 0, 7], "(không nhận ra định dạng)"),
            ("a.csv", xlsx(), "không phải văn bản thuần (là bảng tính Excel .xlsx)"),
            ("a.txt", pdf(), "(là PDF)"),
            ("a.zip", pdf(), "không phải tệp nén ZIP (là PDF)"),
            ("a.pdf", b"Hello, this is text".to_vec(), "(là văn bản thuần)"),
        ];
        for (name, data, want) in cases {
            match check_bytes(name, &data) {
                Err(e) => {
                    assert!(e.contains(want), "{name}: {e}");
                    assert!(e.starts_with("tệp có đuôi ."), "{name}: {e}");
                }
                Ok(k) => panic!("{name}: accepted as {k:?}"),
            }
        }
    }

    #[test]
    fn zero_byte_file() {
        for name in ["a.pdf", "a.txt", "a.xyz"] {
            assert_eq!(check_bytes(name, b""), Err("tệp rỗng (0 byte)".to_string()));
        }
    }

    #[test]
    fn text_must_be_utf8() {
        // "Hồ sơ" in Windows-1258 and a TCVN3-ish byte soup.
        for (name, data) in [
            ("a.csv", b"H\xf4 s\xf5,1\n".to_vec()),
            ("a.txt", b"\xff\xfeH\0o\0".to_vec()),
            ("a.md", b"H\0o\0 \0s\0".to_vec()),
        ] {
            let e = check_bytes(name, &data).unwrap_err();
            assert!(e.contains("UTF-8"), "{name}: {e}");
            assert!(e.contains("lưu lại"), "{name}: {e}");
        }
        // A multi-byte character cut by the 64 KiB head is fine.
        let mut big = vec![b'a'; HEAD_LEN - 1];
        big.extend("ồ".as_bytes());
        big.extend(b" end\n");
        assert_eq!(check_bytes("big.txt", &big), Ok(Kind::Text));
        // But an invalid byte is not.
        let mut bad = vec![b'a'; 100];
        bad.push(0xC3);
        bad.push(b'x');
        assert!(check_bytes("bad.txt", &bad).is_err());
    }

    #[test]
    fn truncated_containers_are_reported() {
        let mut p = pdf();
        p.truncate(p.len() - 8);
        let e = check_bytes("a.pdf", &p).unwrap_err();
        assert!(e.contains("cắt cụt"), "{e}");
        let mut d = docx();
        d.truncate(d.len() - 30);
        let e = check_bytes("a.docx", &d).unwrap_err();
        assert!(e.contains("cắt cụt"), "{e}");
    }

    #[test]
    fn large_docx_uses_central_directory() {
        // "word/" appears only after 100 KiB of other entries, beyond the
        // head; the central directory at the end still tells.
        let filler = vec![b'z'; 100 * 1024];
        let big = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("docProps/thumbnail.jpeg", &filler),
            ("word/document.xml", b"<w:document/>"),
        ]);
        assert_eq!(check_bytes("big.docx", &big), Ok(Kind::Docx));
        assert!(check_bytes("big.xlsx", &big)
            .unwrap_err()
            .contains("Word .docx"));
        // The head alone cannot tell, and says ZIP.
        assert_eq!(detect(&big[..HEAD_LEN], "docx"), Kind::Zip);
    }

    #[test]
    fn prefixed_zip_still_found() {
        // E.g. a self-extracting archive: a stub before the ZIP data.
        let mut z = b"MZ stub before the archive".to_vec();
        z.extend(xlsx());
        assert_eq!(
            zip_kind(&z, &mut SliceSrc(&z)).kind,
            Kind::Xlsx,
            "central directory offsets are relative to the archive"
        );
    }

    #[test]
    fn ole_without_reachable_directory_uses_extension() {
        let full = cfb(&["Workbook"]);
        let head = &full[..512];
        assert_eq!(detect(head, "xls"), Kind::Xls);
        assert_eq!(detect(head, "doc"), Kind::Doc);
        assert_eq!(detect(head, "pdf"), Kind::Other);
    }

    #[test]
    fn media_and_document_predicates() {
        for k in [
            Kind::Jpeg,
            Kind::Png,
            Kind::Gif,
            Kind::Heic,
            Kind::Mp4,
            Kind::Mov,
        ] {
            assert!(is_media(k) && !is_document(k));
        }
        for k in [Kind::Mp3, Kind::Wav, Kind::M4a, Kind::Avi] {
            assert!(is_media(k) && !is_document(k));
        }
        for k in [
            Kind::Pdf,
            Kind::Docx,
            Kind::Xlsx,
            Kind::Doc,
            Kind::Xls,
            Kind::Ods,
            Kind::Odt,
        ] {
            assert!(is_document(k) && !is_media(k));
        }
        for k in [Kind::Text, Kind::Zip, Kind::Other] {
            assert!(!is_document(k) && !is_media(k));
        }
    }

    #[test]
    fn io_error_is_err() {
        assert!(check(Path::new("/nonexistent/hoso/a.pdf")).is_err());
        // A directory named like a file.
        let d = scratch_dir().join("dir.pdf");
        std::fs::create_dir_all(&d).unwrap();
        assert!(check(&d).is_err());
        let _ = std::fs::remove_dir(&d);
    }

    /// Mutated synthetic files and random bytes: never a panic.
    #[test]
    fn fuzz_mutations_never_panic() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let bases = vec![
            pdf(),
            docx(),
            xlsx(),
            cfb(&["WordDocument", "1Table", "Data"]),
            odf("application/vnd.oasis.opendocument.text"),
            ftyp(b"heic", &[b"mif1"]),
            b"RIFF\0\0\0\0WAVE".to_vec(),
        ];
        for base in &bases {
            for _ in 0..300 {
                let mut d = base.clone();
                for _ in 0..(1 + rnd() % 4) {
                    let len = d.len().max(1) as u64;
                    match rnd() % 4 {
                        0 => {
                            let i = (rnd() % len) as usize;
                            if let Some(x) = d.get_mut(i) {
                                *x = (rnd() % 256) as u8;
                            }
                        }
                        1 => d.truncate((rnd() % len) as usize),
                        2 => {
                            // Overwrite a little-endian u32 (offsets, sizes).
                            let i = (rnd() % len) as usize;
                            let v = (rnd() as u32).to_le_bytes();
                            for (j, b) in v.iter().enumerate() {
                                if let Some(x) = d.get_mut(i + j) {
                                    *x = *b;
                                }
                            }
                        }
                        _ => {
                            let i = (rnd() % len) as usize;
                            if i <= d.len() {
                                d.insert(i, (rnd() % 256) as u8);
                            }
                        }
                    }
                }
                for ext in ["pdf", "docx", "doc", "xls", "txt", ""] {
                    let _ = detect(&d, ext);
                }
            }
        }
        // A few through the file path too.
        for (i, base) in bases.iter().enumerate() {
            let mut d = base.clone();
            let n = d.len();
            d[n / 2] ^= 0xFF;
            let _ = check_bytes(&format!("fz{i}.docx"), &d);
            let _ = check_bytes(&format!("fz{i}.doc"), &d[..n / 3]);
        }
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn random_heads_never_panic(
                data in proptest::collection::vec(any::<u8>(), 0..2048),
                ext in "(pdf|docx|doc|xls|xlsx|txt|mp4|zip|)",
            ) {
                let _ = detect(&data, &ext);
            }

            #[test]
            fn magic_prefixed_garbage_never_panics(
                magic in prop_oneof![
                    Just(b"PK\x03\x04".to_vec()),
                    Just(b"PK\x05\x06".to_vec()),
                    Just(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec()),
                    Just(b"\0\0\0\x18ftyp".to_vec()),
                    Just(b"RIFF".to_vec()),
                    Just(b"MZ".to_vec()),
                ],
                rest in proptest::collection::vec(any::<u8>(), 0..1500),
            ) {
                let mut d = magic;
                d.extend(rest);
                let _ = detect(&d, "doc");
                let _ = detect(&d, "");
            }
        }
    }
}
