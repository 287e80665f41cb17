//! The list forms of the seeds (mẫu biểu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5) as data, from
//! `forms/list-forms.toml`: title, columns and the words that find them, footers, measures, and the
//! tables of a multi-table form. `inputs::listform` reads an officer's sheet against these.

use crate::text::fold;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub key: String,
    /// The seed's header; `A|B` is a two-row header (group A, sub-column B).
    pub header: String,
    pub kind: ColumnKind,
    #[serde(rename = "match")]
    pub matches: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl ColumnSpec {
    /// Whether a sheet's header cell names this column: one of `matches` as whole words of the
    /// folded header, and none of `exclude`.
    pub fn matches_header(&self, header: &str) -> bool {
        let h = format!(" {} ", fold(header));
        self.matches.iter().any(|m| h.contains(&format!(" {m} ")))
            && !self.exclude.iter().any(|m| h.contains(&format!(" {m} ")))
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Text,
    Yesno,
    Email,
    Named,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    pub key: String,
    pub column: String,
    #[serde(default)]
    pub among: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub rate: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSpec {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub evidence_only: bool,
    pub footer: Vec<String>,
    pub total: Vec<String>,
    pub signatures: Vec<Vec<String>>,
    /// Confirmation lines under the signatures (Mẫu 4.1: "Xác nhận của Doanh nghiệp", "VNPT:", …).
    #[serde(default)]
    pub confirmation: Vec<String>,
    pub columns: Vec<ColumnSpec>,
    pub measures: Vec<MeasureSpec>,
    /// Forms with several tables on one sheet (Mẫu 4.1), each with its title and columns.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
}

#[derive(Deserialize)]
pub struct FormsFile {
    forms: Vec<FormSpec>,
}

/// `forms/list-forms.toml`.
pub static LIST_FORMS: crate::forms::Table<FormsFile> = crate::forms::Table::new("list-forms.toml");

/// The list-form library from `forms/list-forms.toml`.
pub fn specs() -> &'static [FormSpec] {
    &LIST_FORMS.get().forms
}

pub fn spec(code: &str) -> Option<&'static FormSpec> {
    specs().iter().find(|s| s.code == code)
}

/// The list-form code a file name stands for: `mau-1.4.xlsx`, `Mẫu số 1.4.csv`, `mau_1.4`, `Mau 1.4`.
pub fn code_from_file_name(name: &str) -> Option<&'static str> {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let f = fold(stem); // "mau so 1 4"
    let rest = f.strip_prefix("mau")?.trim_start();
    let rest = rest.strip_prefix("so").map(str::trim_start).unwrap_or(rest);
    let mut parts = rest.split(' ');
    let a = parts.next()?;
    let b = parts.next()?;
    if a.is_empty()
        || b.is_empty()
        || !a.chars().all(|c| c.is_ascii_digit())
        || !b.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let code = format!("{a}.{b}");
    specs()
        .iter()
        .find(|s| s.code == code)
        .map(|s| s.code.as_str())
}

/// One table of a multi-table form, word for word from the seed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The seed's title line ("1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng").
    pub title: String,
    /// Phrases (without diacritics) that identify the title row in an officer's sheet.
    #[serde(rename = "match")]
    pub matches: Vec<String>,
    pub columns: Vec<ColumnSpec>,
}
