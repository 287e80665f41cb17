//! A few lexing helpers for the PDF objects hoso reads: its own typst output (to add signature
//! fields) and signature dictionaries (to name signers). Tolerant: `None` on anything unexpected,
//! never a panic.

pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

pub(crate) fn is_delim(b: u8) -> bool {
    is_ws(b) || b"()<>[]{}/%".contains(&b)
}

pub(crate) fn skip_ws(d: &[u8], mut i: usize) -> usize {
    while i < d.len() && is_ws(d[i]) {
        i += 1;
    }
    i
}

pub(crate) fn int_at(d: &[u8], i: usize) -> Option<(u64, usize)> {
    let i = skip_ws(d, i);
    let mut j = i;
    while j < d.len() && d[j].is_ascii_digit() {
        j += 1;
    }
    let n = std::str::from_utf8(d.get(i..j)?).ok()?.parse().ok()?;
    Some((n, j))
}

/// The position of the `)` closing the literal string that opens with `(` at `i` (nested
/// parentheses and backslash escapes honoured), or `d.len()` when it is not closed.
fn string_end(d: &[u8], i: usize) -> usize {
    let mut nest = 0usize;
    let mut k = i;
    while k < d.len() {
        match d[k] {
            b'\\' => k += 1,
            b'(' => nest += 1,
            b')' => {
                nest -= 1;
                if nest == 0 {
                    return k;
                }
            }
            _ => {}
        }
        k += 1;
    }
    d.len()
}

/// The end (exclusive) of the dictionary starting with `<<` at `i`, strings skipped.
pub(crate) fn dict_end(d: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = i;
    while k < d.len() {
        match d[k] {
            b'(' => k = string_end(d, k),
            b'<' if d.get(k + 1) == Some(&b'<') => {
                depth += 1;
                k += 1;
            }
            b'>' if d.get(k + 1) == Some(&b'>') => {
                depth = depth.checked_sub(1)?;
                k += 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            b'%' => {
                while k < d.len() && d[k] != b'\n' && d[k] != b'\r' {
                    k += 1;
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// The position just after key `/name` at the top level of `dict` (nested dictionaries skipped).
pub(crate) fn key_pos(dict: &[u8], name: &str) -> Option<usize> {
    let key = format!("/{name}");
    let kb = key.as_bytes();
    let mut k = 2; // inside the outer "<<"
    while k + kb.len() <= dict.len() {
        if dict[k] == b'<' && dict.get(k + 1) == Some(&b'<') {
            k = dict_end(dict, k)?;
            continue;
        }
        if dict[k] == b'(' {
            // A string value (it may hold "/name" or "<<"): skipped whole.
            k = string_end(dict, k) + 1;
            continue;
        }
        if dict[k..].starts_with(kb) && dict.get(k + kb.len()).is_none_or(|&b| is_delim(b)) {
            return Some(k + kb.len());
        }
        k += 1;
    }
    None
}

/// `/name N 0 R` → N.
pub(crate) fn dict_ref(dict: &[u8], name: &str) -> Option<u64> {
    let (n, j) = int_at(dict, key_pos(dict, name)?)?;
    let (_, j) = int_at(dict, j)?;
    (dict.get(skip_ws(dict, j)) == Some(&b'R')).then_some(n)
}

/// The raw text of the value of `/name` when it is an array `[...]` (no nesting needed here).
pub(crate) fn dict_array<'a>(dict: &'a [u8], name: &str) -> Option<(usize, &'a [u8])> {
    let i = skip_ws(dict, key_pos(dict, name)?);
    if dict.get(i) != Some(&b'[') {
        return None;
    }
    let end = dict[i..].iter().position(|&b| b == b']')? + i;
    Some((i, &dict[i + 1..end]))
}

/// The bytes of a hex string's body (between `<` and `>`): other bytes (whitespace) skipped, an
/// odd final digit padded with 0 as the PDF spec says.
pub(crate) fn hex_decode(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|c| (c[0] << 4) | c.get(1).copied().unwrap_or(0))
        .collect()
}

pub(crate) fn refs_in(array: &[u8]) -> Vec<u64> {
    let text = String::from_utf8_lossy(array);
    let t: Vec<&str> = text.split_whitespace().collect();
    t.windows(3)
        .filter(|w| w[2] == "R" && w[1] == "0")
        .filter_map(|w| w[0].parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_inside_nested_dicts_and_strings_are_not_top_level() {
        let d = b"<</A <</Pages 9 0 R>> /T (x /Pages 8 0 R) /Pages 2 0 R>>";
        assert_eq!(dict_ref(d, "Pages"), Some(2));
        assert_eq!(dict_ref(b"<</PagesX 3 0 R>>", "Pages"), None);
        assert_eq!(
            dict_array(b"<</Kids [3 0 R 4 0 R]>>", "Kids").map(|(_, a)| refs_in(a)),
            Some(vec![3, 4])
        );
        assert_eq!(hex_decode(b"4 1f\n4"), vec![0x41, 0xf4]);
        assert_eq!(hex_decode(b"abc"), vec![0xab, 0xc0]);
    }

    /// Every lexer on `d`: never a panic, and every position it gives lies inside `d`.
    fn lex_all(d: &[u8], name: &str) -> Result<(), TestCaseError> {
        if let Some(e) = dict_end(d, 0) {
            prop_assert!(e <= d.len());
        }
        if let Some(p) = key_pos(d, name) {
            prop_assert!(p <= d.len());
        }
        if let Some((i, a)) = dict_array(d, name) {
            prop_assert!(i < d.len() && a.len() < d.len());
            let _ = refs_in(a);
        }
        let _ = dict_ref(d, name);
        for i in [0, d.len() / 2, d.len()] {
            prop_assert!(skip_ws(d, i) <= d.len().max(i));
            if let Some((_, j)) = int_at(d, i) {
                prop_assert!(j <= d.len());
            }
        }
        let digits = d.iter().filter(|b| b.is_ascii_hexdigit()).count();
        prop_assert_eq!(hex_decode(d).len(), digits.div_ceil(2));
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_lex_within_bounds(
            d in proptest::collection::vec(any::<u8>(), 0..400),
            name in "(Pages|Kids|T|V|ByteRange|Contents)",
        ) {
            lex_all(&d, &name)?;
        }

        #[test]
        fn mutated_dictionaries_lex_within_bounds(
            at in 0usize..120,
            b in prop_oneof![Just(b'('), Just(b')'), Just(b'<'), Just(b'>'), Just(b'\\'), Just(b'%'), any::<u8>()],
            cut in 0usize..120,
        ) {
            let mut d = b"<</Type /Sig /T (Ng\\(u\\)oi <<) /V 12 0 R /Kids [3 0 R 4 0 R] /A <</Pages 9 0 R>> % c\n/ByteRange [0 10 20 30]>>".to_vec();
            let n = d.len();
            d[at % n] = b;
            d.truncate(n - cut % n);
            for name in ["T", "V", "Kids", "Pages", "ByteRange"] {
                lex_all(&d, name)?;
            }
        }
    }
}
