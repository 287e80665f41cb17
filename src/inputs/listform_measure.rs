//! What a list form measures: for each of the spec's measures, the count of "yes" rows over the
//! footer's total (or over the rows, or over the rows that have another column), or a count of
//! rows; typed rates that disagree and rows that cannot be told are warned.

use super::{shown, Footer, ListForm, MeasureResult};
use crate::criteria::listforms::{ColumnKind, FormSpec, MeasureSpec};
use crate::number::{format_q, Q};
use crate::problem::messages::inputs as m;
use crate::text::{has_email, yes_no};
use num_traits::Signed;

/// Every measure of the spec, in order, into `lf.measures` (with their problems).
pub(super) fn all(spec: &FormSpec, lf: &mut ListForm, footer: &Footer) {
    for ms in &spec.measures {
        let Some(ck) = spec.columns.iter().position(|c| c.key == ms.column) else {
            continue;
        };
        let Some(ci) = lf.column_index[ck] else {
            let column = shown(&spec.columns[ck]);
            lf.errors
                .push(m::form_column_missing(&spec.code, &lf.file, &column));
            continue;
        };
        if ms.kind.as_deref() == Some("count") {
            count(spec, lf, ms, footer);
        } else {
            rate(spec, lf, ms, (ck, ci), footer);
        }
    }
}

/// A count of the rows (Mẫu 4.5: public points); a total line that differs is warned.
fn count(spec: &FormSpec, lf: &mut ListForm, ms: &MeasureSpec, footer: &Footer) {
    let n = lf.rows.len();
    if let Some((t, row)) = footer.total {
        if t != Q::from_integer(n as i128) {
            let p = m::form_count_differs(&spec.code, &lf.file, &format_q(&t, 2), n);
            lf.warnings.push(p.row(row + 1));
        }
    }
    lf.measures.push(MeasureResult {
        key: ms.key.clone(),
        num: Q::from_integer(n as i128),
        den: Q::from_integer(1),
        is_count: true,
    });
}

/// A rate of "yes" rows of column `ck` (sheet column `ci`), in percent.
fn rate(
    spec: &FormSpec,
    lf: &mut ListForm,
    ms: &MeasureSpec,
    (ck, ci): (usize, usize),
    footer: &Footer,
) {
    // The column the rate is counted among (Mẫu 3.3: smartphones), and where it stands.
    let among = ms
        .among
        .as_ref()
        .and_then(|a| spec.columns.iter().position(|c| &c.key == a))
        .map(|k| (k, lf.column_index[k]));
    let among = match among {
        Some((ak, None)) => {
            let column = &spec.columns[ak].header;
            lf.errors
                .push(m::form_base_column_missing(&spec.code, &lf.file, column));
            return;
        }
        Some((ak, Some(ai))) => Some((ak, ai)),
        None => None,
    };
    let (num, base) = count_yes(spec, lf, (ck, ci), among);
    let den = match (among.is_some(), footer.total) {
        (false, Some((t, row))) => {
            if t < Q::from_integer(num as i128) {
                let column = shown(&spec.columns[ck]);
                let total = format_q(&t, 2);
                let p = m::form_total_below_count(&spec.code, &lf.file, &total, num, &column);
                lf.errors.push(p.row(row + 1));
            }
            t
        }
        _ => Q::from_integer(base as i128),
    };
    if den == Q::from_integer(0) {
        lf.errors.push(m::form_no_rows(&spec.code, &lf.file));
        return;
    }
    let computed = Q::from_integer(num as i128) * Q::from_integer(100) / den;
    for (label, typed, row) in &footer.typed_rates {
        if !ms.rate.iter().any(|r| label.starts_with(r)) {
            continue;
        }
        if (*typed - computed).abs() > Q::new(1, 100) {
            let (typed, computed) = (format_q(typed, 2), format_q(&computed, 2));
            let p = m::form_rate_differs(
                &spec.code,
                &lf.file,
                row + 1,
                &typed,
                &computed,
                (num, &format_q(&den, 2)),
            );
            lf.warnings.push(p);
        }
    }
    lf.measures.push(MeasureResult {
        key: ms.key.clone(),
        num: Q::from_integer(num as i128),
        den,
        is_count: false,
    });
}

/// The rows saying yes in column `ck`, and the rows counted (those saying yes in `among`'s column,
/// when there is one). Cells that cannot be told, and yes without `among`, are warned.
fn count_yes(
    spec: &FormSpec,
    lf: &mut ListForm,
    (ck, ci): (usize, usize),
    among: Option<(usize, usize)>,
) -> (usize, usize) {
    let cspec = &spec.columns[ck];
    let (mut num, mut base) = (0, 0);
    for r in &lf.rows {
        let cell = |j: usize| r.cells.get(j).map(String::as_str).unwrap_or("");
        let row = r.sheet_row + 1;
        let yes = cell_yes(cspec.kind, cell(ci)).unwrap_or_else(|bad| {
            let column = shown(cspec);
            let p = m::form_cell_unclear(&spec.code, &lf.file, row, &bad, &column);
            lf.warnings.push(p);
            false
        });
        let counted = match among {
            Some((ak, ai)) => cell_yes(spec.columns[ak].kind, cell(ai)).unwrap_or(false),
            None => true,
        };
        if counted {
            base += 1;
            num += usize::from(yes);
        } else if yes {
            if let Some((ak, _)) = among {
                let (column, base) = (&cspec.header, &spec.columns[ak].header);
                let p = m::form_row_inconsistent(&spec.code, &lf.file, row, column, base);
                lf.warnings.push(p);
            }
        }
    }
    (num, base)
}

/// Reads a cell of a yes/no-like column; `Err(text)` when it cannot be told.
fn cell_yes(kind: ColumnKind, text: &str) -> Result<bool, String> {
    match kind {
        ColumnKind::Email => Ok(has_email(text)),
        ColumnKind::Named => Ok(match yes_no(text) {
            Some(b) => b,
            None => !text.trim().is_empty(),
        }),
        ColumnKind::Yesno => yes_no(text).ok_or_else(|| text.to_string()),
        ColumnKind::Text => Ok(!text.trim().is_empty()),
    }
}
