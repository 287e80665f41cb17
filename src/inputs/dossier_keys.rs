//! hoso.toml's keys as written, by serde derive. Each key is kept whatever its type (a
//! `toml::Value`) and each table whatever it holds, so that every mistyped key gets its own message,
//! not the first one alone; the keys no struct names are collected by `serde_ignored`, in the order
//! the warnings have always had (top-level keys, then `[co_quan]`, `[don_vi]`, `[van_ban]`,
//! `[nguoi_ky]`, each sorted).

use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::marker::PhantomData;
use toml::Value;

/// The top level of hoso.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct File {
    pub bo_tieu_chi: Option<Value>,
    pub nam: Option<Value>,
    pub cap: Option<Value>,
    pub quy_trinh: Option<Value>,
    pub nhom_xa: Option<Value>,
    pub bo_tieu_chi_thon: Option<Value>,
    pub don_vi: Section<UnitKeys>,
    pub van_ban: Section<DocKeys>,
    pub nguoi_ky: Section<SignerKeys>,
    pub co_quan: Section<AgencyKeys>,
}

/// `[don_vi]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnitKeys {
    pub tinh: Option<Value>,
    pub huyen: Option<Value>,
    pub xa: Option<Value>,
    pub loai: Option<Value>,
    pub co_quan: Option<Value>,
    pub so_thon: Option<Value>,
    pub ma_dinh_danh: Option<Value>,
}

/// `[van_ban]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocKeys {
    pub so: Option<Value>,
    pub ngay: Option<Value>,
    pub dia_danh: Option<Value>,
    pub noi_nhan: Option<Value>,
    pub kinh_gui: Option<Value>,
}

/// `[nguoi_ky]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignerKeys {
    pub tham_quyen: Option<Value>,
    pub chuc_vu: Option<Value>,
    pub ho_ten: Option<Value>,
}

/// `[co_quan]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgencyKeys {
    pub chu_quan: Option<Value>,
    pub ten: Option<Value>,
}

/// A table of hoso.toml: left out, a table, or a value of another type (told as such).
#[derive(Debug, Default)]
pub enum Section<T> {
    #[default]
    Absent,
    Table(T),
    NotATable,
}

impl<T: Default> Section<T> {
    /// The table's keys (none when it is absent or not a table); `Err` when it is not a table.
    pub fn keys(self) -> Result<T, T> {
        match self {
            Section::Absent => Ok(T::default()),
            Section::Table(t) => Ok(t),
            Section::NotATable => Err(T::default()),
        }
    }
}

/// How toml presents a date to serde: a one-key map with this key (toml_datetime's private name).
const DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Section<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SectionVisitor(PhantomData))
    }
}

struct SectionVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SectionVisitor<T> {
    type Value = Section<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Section<T>, A::Error> {
        // The first key tells a table from a date; it is handed back to the table's reader, and
        // `serde_ignored` (which wraps `map`) has seen it, so unknown keys keep their path.
        let first = map.next_key::<String>()?;
        if first.as_deref() == Some(DATETIME_KEY) {
            map.next_value::<Value>()?;
            return Ok(Section::NotATable);
        }
        let keys = T::deserialize(de::value::MapAccessDeserializer::new(Peeked { first, map }))?;
        Ok(Section::Table(keys))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Section<T>, A::Error> {
        // Read as values, not ignored: the items of a mistyped table are not unknown keys.
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Section::NotATable)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Section<T>, E> {
        Ok(Section::NotATable)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Section<T>, E> {
        Ok(Section::NotATable)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Section<T>, E> {
        Ok(Section::NotATable)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Section<T>, E> {
        Ok(Section::NotATable)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Section<T>, E> {
        Ok(Section::NotATable)
    }
}

/// A map whose first key was already read.
struct Peeked<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Peeked<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(k) => seed.deserialize(k.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// The tables whose unknown keys are told, in the order they are told.
const TABLES: [&str; 4] = ["co_quan", "don_vi", "van_ban", "nguoi_ky"];

/// Where an unknown key sorts: top-level keys first, then each table's, by name.
fn rank(path: &serde_ignored::Path) -> (usize, String) {
    use serde_ignored::Path;
    match path {
        Path::Map {
            parent: Path::Root,
            key,
        } => (0, key.clone()),
        Path::Map {
            parent:
                Path::Map {
                    parent: Path::Root,
                    key: table,
                },
            key,
        } => {
            let at = TABLES
                .iter()
                .position(|t| t == table)
                .unwrap_or(TABLES.len());
            (at + 1, format!("{table}.{key}"))
        }
        other => (TABLES.len() + 1, other.to_string()),
    }
}

/// hoso.toml's text → its keys and the keys hoso does not know (`table.key` inside a table).
pub fn read(text: &str) -> Result<(File, Vec<String>), Problem> {
    let mut unknown = Vec::new();
    let file = serde_ignored::deserialize(toml::Deserializer::new(text), |p| {
        unknown.push(rank(&p));
    })
    .map_err(|e| {
        let line = e.span().map(|s| {
            let start = s.start.min(text.len());
            let before = text.get(..start).unwrap_or(text);
            let n = before.matches('\n').count();
            (n + 1, text.lines().nth(n).unwrap_or_default())
        });
        m::toml_syntax(e.message().trim(), line)
    })?;
    unknown.sort();
    Ok((file, unknown.into_iter().map(|(_, k)| k).collect()))
}
