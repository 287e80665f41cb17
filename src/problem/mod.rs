//! Typed problems: what is wrong with a dossier, where (indicator, file relative to the dossier, row
//! and cell of a sheet) and what to do, created where the problem is found and carried up as values.
//! The wording of every message lives in `messages/`, one file per stage, so it can be reviewed in
//! one place; `oserr` words the operating system's errors the way an officer can act on them.

pub mod messages;
pub mod oserr;

use serde::Serialize;

/// Whether a problem stops the dossier (`Error`) or is only told (`Warning`; `--nghiem-ngat` turns
/// every warning into an error).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Severity {
    #[serde(rename = "loi")]
    Error,
    #[serde(rename = "canh_bao")]
    Warning,
}

/// One problem of a dossier. `text()` is the line people read ("so-lieu.csv, dòng 4: mã "9.9" không
/// có trong bộ tiêu chí … — sửa lại mã …"); the fields let a program (the web page, `check --json`)
/// place it without reading the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// The indicator concerned, if any.
    pub indicator: Option<String>,
    /// The dossier file or folder concerned, relative to the dossier, `/`-separated.
    pub file: Option<String>,
    /// The row of a sheet (as the spreadsheet program numbers it, from 1), or a line of a text file.
    pub row: Option<usize>,
    /// The cell or column of a sheet, as the officer sees it ("C5", or a column's header).
    pub cell: Option<String>,
    /// What is wrong, without the place.
    pub message: String,
    /// What to do about it, when the message does not already say it.
    pub fix: Option<String>,
    /// Whether `text()` starts with the place (file, row, cell). Most messages do; some name the
    /// file inside their own sentence.
    pub place_in_text: bool,
}

impl Problem {
    fn new(severity: Severity, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            indicator: None,
            file: None,
            row: None,
            cell: None,
            message: message.into(),
            fix: None,
            place_in_text: true,
        }
    }

    pub fn error(message: impl Into<String>) -> Problem {
        Problem::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Problem {
        Problem::new(Severity::Warning, message)
    }

    pub fn indicator(mut self, code: impl Into<String>) -> Problem {
        self.indicator = Some(code.into());
        self
    }

    pub fn indicator_opt(mut self, code: Option<String>) -> Problem {
        self.indicator = code;
        self
    }

    pub fn file(mut self, rel: impl Into<String>) -> Problem {
        self.file = Some(rel.into());
        self
    }

    pub fn file_opt(mut self, rel: Option<String>) -> Problem {
        self.file = rel;
        self
    }

    /// The file, unless the problem already names one (a stage that knows better set it).
    pub fn or_file(mut self, rel: Option<String>) -> Problem {
        if self.file.is_none() {
            self.file = rel;
        }
        self
    }

    /// The indicator, unless the problem already names one.
    pub fn or_indicator(mut self, code: Option<String>) -> Problem {
        if self.indicator.is_none() {
            self.indicator = code;
        }
        self
    }

    pub fn row(mut self, row: usize) -> Problem {
        self.row = Some(row);
        self
    }

    pub fn cell(mut self, cell: impl Into<String>) -> Problem {
        self.cell = Some(cell.into());
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Problem {
        self.fix = Some(fix.into());
        self
    }

    /// The file stays a field but the text does not start with it (the message names it itself).
    pub fn place_unsaid(mut self) -> Problem {
        self.place_in_text = false;
        self
    }

    /// The same problem as an error (`--nghiem-ngat`).
    pub fn as_error(mut self) -> Problem {
        self.severity = Severity::Error;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// "so-lieu.csv, dòng 4, ô C4" — the place as people read it, if any.
    pub fn place(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        let mut s = file.to_string();
        if let Some(r) = self.row {
            s.push_str(&format!(", dòng {r}"));
        }
        if let Some(c) = &self.cell {
            s.push_str(&format!(", ô {c}"));
        }
        Some(s)
    }

    /// The line people read: place, what is wrong, what to do.
    pub fn text(&self) -> String {
        let mut s = match (self.place_in_text, self.place()) {
            (true, Some(p)) => format!("{p}: {}", self.message),
            _ => self.message.clone(),
        };
        if let Some(f) = &self.fix {
            s.push_str(" — ");
            s.push_str(f);
        }
        s
    }

    /// Every field, for `hoso check --json` and the web page.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "muc_do": self.severity,
            "chi_tieu": self.indicator,
            "tep": self.file,
            "dong": self.row,
            "o": self.cell,
            "van_de": self.message,
            "cach_sua": self.fix,
            "noi_dung": self.text(),
        })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// `ket-qua.json` keeps the shape the next level reads (`chi_tieu`, `noi_dung`).
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Problem", 2)?;
        st.serialize_field("chi_tieu", &self.indicator)?;
        st.serialize_field("noi_dung", &self.text())?;
        st.end()
    }
}

/// The lines people read, in order (`ket-qua.json` keeps an indicator's problems as text).
pub fn texts(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(Problem::text).collect()
}

/// For `#[serde(serialize_with)]`: problems as their lines of text.
pub fn serialize_texts<S: serde::Serializer>(
    problems: &[Problem],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(problems.iter().map(Problem::text))
}

/// A command that could not run (exit 2), with its Vietnamese message.
#[derive(Debug)]
pub struct Fatal(pub String);

impl From<String> for Fatal {
    fn from(s: String) -> Fatal {
        Fatal(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_place_message_fix() {
        let p = Problem::error("mã \"9.9\" không có trong bộ tiêu chí x")
            .file("so-lieu.csv")
            .row(4)
            .fix("sửa lại mã");
        assert_eq!(
            p.text(),
            "so-lieu.csv, dòng 4: mã \"9.9\" không có trong bộ tiêu chí x — sửa lại mã"
        );
        let q = Problem::warning("Thiếu tệp").file("a.pdf").place_unsaid();
        assert_eq!(q.text(), "Thiếu tệp");
        assert_eq!(q.to_json()["tep"], "a.pdf");
        assert_eq!(q.to_json()["muc_do"], "canh_bao");
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"chi_tieu": null, "noi_dung": p.text()})
        );
        assert!(q.as_error().is_error());
    }

    #[test]
    fn cell_and_indicator_are_fields() {
        let p = Problem::error("ô trống")
            .indicator("1.4")
            .file("mau-1.4.xlsx")
            .row(7)
            .cell("C7");
        let j = p.to_json();
        assert_eq!(j["chi_tieu"], "1.4");
        assert_eq!(j["dong"], 7);
        assert_eq!(j["o"], "C7");
        assert_eq!(j["van_de"], "ô trống");
        assert_eq!(p.text(), "mau-1.4.xlsx, dòng 7, ô C7: ô trống");
    }
}
