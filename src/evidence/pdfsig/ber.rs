//! A minimal BER reader for the CMS in a PDF's `/Contents`: definite-length TLVs walked
//! tolerantly (an odd certificate or CRL must not make a good signature look broken), and BER
//! with indefinite lengths (as some Java signing tools write) rewritten as DER, which `der` cannot
//! read. Bounded in depth; `None` on anything malformed, never a panic.

/// Deepest nesting accepted (real CMS is < 20 deep).
const MAX_DEPTH: usize = 64;

/// Header of one TLV: (identifier bytes, content length or None for
/// indefinite, header length).
fn header(input: &[u8]) -> Option<(&[u8], Option<usize>, usize)> {
    let first = *input.first()?;
    let mut i = 1;
    if first & 0x1f == 0x1f {
        // High tag number: continuation bytes with bit 8 set.
        loop {
            let b = *input.get(i)?;
            i += 1;
            if b & 0x80 == 0 {
                break;
            }
            if i > 6 {
                return None;
            }
        }
    }
    let id = &input[..i];
    let l = *input.get(i)?;
    i += 1;
    let len = if l < 0x80 {
        Some(usize::from(l))
    } else if l == 0x80 {
        if first & 0x20 == 0 {
            return None; // indefinite length only for constructed
        }
        None
    } else {
        let n = usize::from(l & 0x7f);
        if n > 4 {
            return None;
        }
        let mut v = 0usize;
        for _ in 0..n {
            v = v
                .checked_mul(256)?
                .checked_add(usize::from(*input.get(i)?))?;
            i += 1;
        }
        Some(v)
    };
    Some((id, len, i))
}

/// One definite-length TLV: (first identifier byte, content, whole TLV).
pub type Tlv<'a> = (u8, &'a [u8], &'a [u8]);

/// The definite-length TLV at the start of `input`.
pub fn tlv(input: &[u8]) -> Option<Tlv<'_>> {
    let (id, len, h) = header(input)?;
    let len = len?;
    let end = h.checked_add(len)?;
    let content = input.get(h..end)?;
    Some((id[0], content, &input[..end]))
}

/// All TLVs of a definite-length content, in order.
pub fn children(mut input: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let t = tlv(input)?;
        input = &input[t.2.len()..];
        out.push(t);
    }
    Some(out)
}

/// Re-encodes the first TLV of `input` as DER-style definite lengths
/// (indefinite lengths resolved, constructed OCTET STRINGs joined);
/// anything after it (the zero padding of /Contents) is ignored.
pub fn to_der(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    convert(input, 0, &mut out)?;
    Some(out)
}

fn push_header(out: &mut Vec<u8>, id: &[u8], len: usize) {
    out.extend_from_slice(id);
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Converts one TLV at the start of `input`, appending to `out`;
/// returns how many input bytes it used.
fn convert(input: &[u8], depth: usize, out: &mut Vec<u8>) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let (id, len, h) = header(input)?;
    let constructed = id[0] & 0x20 != 0;
    if !constructed {
        let end = h.checked_add(len?)?;
        out.extend_from_slice(input.get(..end)?);
        return Some(end);
    }
    // Constructed: convert the children into a scratch buffer.
    let mut body = Vec::new();
    let used = match len {
        Some(l) => {
            let end = h.checked_add(l)?;
            let content = input.get(h..end)?;
            let mut i = 0;
            while i < content.len() {
                i += convert(&content[i..], depth + 1, &mut body)?;
            }
            end
        }
        None => {
            let mut i = h;
            loop {
                let rest = input.get(i..)?;
                if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                    break i + 2;
                }
                i += convert(rest, depth + 1, &mut body)?;
            }
        }
    };
    if id == [0x24] {
        // Constructed OCTET STRING: join the (now primitive) segments.
        let mut joined = Vec::new();
        for (t, content, _) in children(&body)? {
            if t != 0x04 {
                return None;
            }
            joined.extend_from_slice(content);
        }
        push_header(out, &[0x04], joined.len());
        out.extend_from_slice(&joined);
    } else {
        push_header(out, id, body.len());
        out.extend_from_slice(&body);
    }
    Some(used)
}

/// The content of the SEQUENCE at the start of `input`.
pub fn sequence(input: &[u8]) -> Option<&[u8]> {
    let (t, body, _) = tlv(input)?;
    (t == 0x30).then_some(body)
}

/// The content of `t` when its (first identifier byte) tag is `tag`.
pub fn content<'a>(t: Option<&Tlv<'a>>, tag: u8) -> Option<&'a [u8]> {
    t.filter(|t| t.0 == tag).map(|t| t.1)
}
