//! A scanner for the shape nearly every NDJSON receipt has: one flat JSON
//! object whose values are strings without escapes, small unsigned
//! integers, `true`, `false` or `null`. It finds the known fields' values
//! where they lie, borrowed from the line, in one pass over its bytes,
//! without `serde_json`'s generic visiting (about half the reading time in
//! the profile of the reconcile path, BENCHMARKS.md).
//!
//! It reads only what it is sure of. Anything else (an escape, a control
//! character, a nested value, a sign, a fraction, an exponent, a number of
//! twenty digits, an unexpected byte, a line that is not one object) gives
//! `None`, and the line goes to `serde_json` as before: what is accepted,
//! what is refused and with which message stay `serde_json`'s own. Where
//! the scanner does read a line, it reads exactly the [`Fields`] that
//! `serde_json`'s strict parse reads (the property tests below and the
//! `callback_scan` fuzz target compare the two on the same bytes).

use super::field::{Fields, Schema, Value};

/// A position in one line's text.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    /// Whether the text has no control character at all (whitespace
    /// included): then no string can hold one, and a string ends at the
    /// first quote or backslash, found eight bytes at a time.
    plain: bool,
}

impl<'a> Cursor<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    #[inline]
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    #[inline]
    fn advance(&mut self, bytes: usize) {
        self.at = self.at.saturating_add(bytes);
    }

    /// Skips JSON's whitespace: space, tab, line feed, carriage return
    /// (compact lines have none: one test).
    #[inline]
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.advance(1);
        }
    }

    /// Takes `byte` if it is next.
    #[inline]
    fn take(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.advance(1))
    }

    /// The string that begins here: its text between the quotes, when it
    /// has no escape and no control character (either leaves the line to
    /// `serde_json`).
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.take(b'"')?;
        let rest = self.rest();
        let length = if self.plain {
            quote_or_backslash(rest)?
        } else {
            rest.iter()
                .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)?
        };
        if rest.get(length) != Some(&b'"') {
            return None;
        }
        let start = self.at;
        self.advance(length.saturating_add(1));
        self.text.get(start..start.saturating_add(length))
    }

    /// `word` (`true`, `false`, `null`), if it is next.
    #[inline]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.rest()
            .starts_with(word)
            .then(|| self.advance(word.len()))
    }

    /// An unsigned integer of at most 19 digits (every one fits a `u64`),
    /// without a leading zero, a fraction or an exponent.
    #[inline]
    fn unsigned(&mut self) -> Option<u64> {
        let rest = self.rest();
        let digits = rest
            .iter()
            .position(|byte| !byte.is_ascii_digit())
            .unwrap_or(rest.len());
        let leading_zero = digits > 1 && rest.first() == Some(&b'0');
        if digits == 0 || digits > 19 || leading_zero {
            return None;
        }
        if matches!(rest.get(digits), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let mut number = 0_u64;
        for &digit in rest.get(..digits)? {
            number = number
                .checked_mul(10)?
                .checked_add(u64::from(digit.wrapping_sub(b'0')))?;
        }
        self.advance(digits);
        Some(number)
    }

    /// The value that begins here, as [`Value`] gives it.
    #[inline]
    fn value(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b't' => self.literal(b"true").map(|()| Value::Other("a boolean")),
            b'f' => self.literal(b"false").map(|()| Value::Other("a boolean")),
            b'n' => self.literal(b"null").map(|()| Value::Other("null")),
            b'0'..=b'9' => self.unsigned().map(Value::Unsigned),
            _ => None,
        }
    }
}

/// Where the first `"` or `\\` of `bytes` is, eight bytes at a time: a
/// string of a receipt is short (a serial number, a code, a time), too
/// short for `memchr`'s vectors to pay for their set-up.
#[inline]
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    // The high bit of each zero byte of `word` (and perhaps of bytes above
    // the lowest zero byte, never below it).
    let zeros = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0_usize;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let found = zeros(word ^ QUOTES) | zeros(word ^ BACKSLASHES);
        if found != 0 {
            let byte = usize::try_from(found.trailing_zeros() / 8).ok()?;
            return Some(offset.saturating_add(byte));
        }
        offset = offset.saturating_add(8);
    }
    let tail = chunks
        .remainder()
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\')?;
    Some(offset.saturating_add(tail))
}

/// The known fields of the one flat object `text` holds, as `serde_json`
/// reads them into [`Fields`]; `None` when the line is not of the shape
/// this scanner reads (see the module's documentation).
pub(super) fn object<const N: usize>(text: &str, schema: Schema<N>) -> Option<Fields<'_, N>> {
    // One pass the compiler vectorises, so that each string's end is
    // found eight bytes at a time instead of tested byte by byte.
    let plain = text.bytes().min().is_none_or(|least| least >= 0x20);
    let mut cursor = Cursor { text, at: 0, plain };
    let mut fields = Fields {
        values: [const { None }; N],
        repeated: None,
    };
    cursor.skip_whitespace();
    cursor.take(b'{')?;
    cursor.skip_whitespace();
    if cursor.take(b'}').is_none() {
        loop {
            let key = cursor.string()?;
            cursor.skip_whitespace();
            cursor.take(b':')?;
            cursor.skip_whitespace();
            let value = cursor.value()?;
            let known = (schema.position)(key)
                .and_then(|index| fields.values.get_mut(index).zip(schema.names.get(index)));
            if let Some((slot, name)) = known
                && slot.replace(value).is_some()
                && fields.repeated.is_none()
            {
                fields.repeated = Some(name);
            }
            cursor.skip_whitespace();
            match cursor.peek()? {
                b',' => {
                    cursor.advance(1);
                    cursor.skip_whitespace();
                }
                b'}' => {
                    cursor.advance(1);
                    break;
                }
                _ => return None,
            }
        }
    }
    cursor.skip_whitespace();
    (cursor.at == text.len()).then_some(fields)
}

#[cfg(any(test, fuzzing))]
/// What `serde_json` reads from `text` as one object of `schema`'s fields
/// (the reading the scanner stands in for): `None` when it is not JSON, or
/// not an object.
fn by_serde_json<const N: usize>(text: &str, schema: Schema<N>) -> Option<Fields<'_, N>> {
    use serde::de::DeserializeSeed as _;

    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fields = super::field::FieldsSeed { schema }
        .deserialize(&mut deserializer)
        .ok()?
        .ok()?;
    deserializer.end().ok().map(|()| fields)
}

#[cfg(any(test, fuzzing))]
/// Compares the scanner with `serde_json` on `text`, for each schema a
/// line of Tencent's is read with: `Err` describing the first difference.
/// Where the scanner reads a line, `serde_json` must read the same fields
/// from it.
pub(super) fn agrees_with_serde_json(text: &str) -> Result<(), String> {
    fn check<const N: usize>(text: &str, schema: Schema<N>) -> Result<(), String> {
        match object(text, schema) {
            None => Ok(()),
            Some(scanned) => match by_serde_json(text, schema) {
                Some(parsed) if parsed == scanned => Ok(()),
                parsed => Err(format!(
                    "{text:?}: the scanner read {scanned:?}, serde_json {parsed:?}"
                )),
            },
        }
    }
    check(text, super::read::CALLBACK)?;
    check(text, super::read::PULL)?;
    check(text, super::read::SEND)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tencent::read::CALLBACK;

    const RECEIPT: &str = r#"{"user_receive_time":"2024-04-02 08:03:04","nationcode":"86","mobile":"13800138000","report_status":"FAIL","errmsg":"MK:0001","description":"用户短信未送达","sid":"2433:10000000000000000"}"#;

    /// The shape Tencent writes is read by the scanner, not left to
    /// `serde_json`: otherwise the differential checks below would compare
    /// nothing.
    #[test]
    fn tencent_s_receipt_is_scanned_as_serde_json_reads_it() {
        let scanned = object(RECEIPT, CALLBACK).expect("a receipt of the common shape");
        assert_eq!(Some(scanned), by_serde_json(RECEIPT, CALLBACK));
        let spaced =
            " { \"sid\" : \"s1\" ,\t\"n\": 12 , \"b\": true, \"z\": null, \"f\": false }\r";
        assert!(object(spaced, CALLBACK).is_some());
        assert_eq!(agrees_with_serde_json(spaced), Ok(()));
    }

    /// What the scanner leaves to `serde_json`: every form it is not sure
    /// of, valid JSON or not.
    #[test]
    fn other_shapes_are_left_to_serde_json() {
        for text in [
            r#"{"sid":"a\"b"}"#,
            r#"{"sid":"a\u0041"}"#,
            "{\"sid\":\"a\tb\"}",
            r#"{"n":-1}"#,
            r#"{"n":1.5}"#,
            r#"{"n":1e3}"#,
            r#"{"n":01}"#,
            r#"{"n":12345678901234567890}"#,
            r#"{"o":{}}"#,
            r#"{"a":[]}"#,
            r#"[{"sid":"s"}]"#,
            r#"{"sid":"s",}"#,
            r#"{"sid":"s"} x"#,
            r#"{"sid":"s""#,
            r#"{"sid" "s"}"#,
            r#"{"t":tru}"#,
            r#"{"t":truex}"#,
            "\u{a0}{}",
            "\u{feff}{}",
            "",
        ] {
            assert_eq!(object(text, CALLBACK), None, "{text}");
            assert_eq!(agrees_with_serde_json(text), Ok(()), "{text}");
        }
    }

    /// The known field given twice is noted as `serde_json`'s reading notes
    /// it, and the last value kept.
    #[test]
    fn a_repeated_field_is_noted_as_serde_json_notes_it() {
        let text = r#"{"sid":"a","x":1,"errmsg":"E","sid":"b","errmsg":"F"}"#;
        let scanned = object(text, CALLBACK).expect("scanned");
        assert_eq!(scanned.repeated, Some("sid"));
        assert_eq!(scanned.values[4], Some(Value::Str("b")));
        assert_eq!(Some(scanned), by_serde_json(text, CALLBACK));
    }

    /// Pieces of lines: keys known and unknown, values of every JSON kind
    /// with the forms the scanner leaves alone among them, whitespace, and
    /// bytes that break the syntax.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            key(),
            plain_value(),
            prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                " ",
                "\t",
                "\r",
                "\n",
                "\"",
                "\\",
                "\"s\\\"d\"",
                "\"s\\u0069d\"",
                "\"a\u{1}b\"",
                "01",
                "18446744073709551615",
                "18446744073709551616",
                "-",
                "-0",
                "-3",
                "1.5",
                "1e5",
                "1E+2",
                ".5",
                "tru",
                "nul",
                "\u{feff}",
                "\u{a0}",
                "x",
            ]),
        ]
    }

    /// Keys without escapes, known to a schema or not.
    fn key() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"sid\"",
            "\"errmsg\"",
            "\"report_status\"",
            "\"user_receive_time\"",
            "\"description\"",
            "\"SerialNo\"",
            "\"Code\"",
            "\"UserReceiveTime\"",
            "\"x\"",
            "\"\"",
            "\"用户\"",
        ])
    }

    /// Values of the shape the scanner reads.
    fn plain_value() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"2433:1\"",
            "\"用户短信送达成功\"",
            "\"\"",
            "\"2024-04-02 08:03:04\"",
            "0",
            "7",
            "9999999999999999999",
            "1712016184",
            "true",
            "false",
            "null",
        ])
    }

    /// `{key: value, ...}` with `spaces` around every token.
    fn object_text(members: &[(&str, &str)], spaces: &str) -> String {
        let body: Vec<String> = members
            .iter()
            .map(|(key, value)| format!("{key}{spaces}:{spaces}{value}"))
            .collect();
        format!(
            "{spaces}{{{spaces}{}{spaces}}}{spaces}",
            body.join(&format!("{spaces},{spaces}"))
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        /// Eight bytes at a time finds what a byte at a time finds.
        #[test]
        fn quote_or_backslash_is_the_first_of_either(
            bytes in prop::collection::vec(prop::sample::select(vec![b'"', b'\\', b'a', 0x80, 0xff, 0x00, 0x21, 0x5d, 0xa2]), 0..40),
        ) {
            let expected = bytes.iter().position(|&byte| byte == b'"' || byte == b'\\');
            prop_assert_eq!(quote_or_backslash(&bytes), expected);
        }

        /// Any line built of those pieces: where the scanner reads it,
        /// `serde_json` reads the same fields.
        #[test]
        fn scanner_reads_what_serde_json_reads(pieces in prop::collection::vec(piece(), 0..24)) {
            let text: String = pieces.concat();
            prop_assert_eq!(agrees_with_serde_json(&text), Ok(()));
        }

        /// Objects of keys and values of every kind: always read as
        /// `serde_json` reads them.
        #[test]
        fn objects_are_read_as_serde_json_reads_them(
            members in prop::collection::vec((key(), piece()), 0..8),
            spaces in prop::sample::select(vec!["", " ", "\t", "\r\n "]),
        ) {
            let text = object_text(&members, spaces);
            prop_assert_eq!(agrees_with_serde_json(&text), Ok(()));
        }

        /// Objects of the shape the scanner is for are read by it, not
        /// left to `serde_json`.
        #[test]
        fn objects_of_the_common_shape_are_scanned(
            members in prop::collection::vec((key(), plain_value()), 0..8),
            spaces in prop::sample::select(vec!["", " ", "\t", "\r\n "]),
        ) {
            let text = object_text(&members, spaces);
            prop_assert!(object(&text, CALLBACK).is_some(), "{}", text);
            prop_assert_eq!(agrees_with_serde_json(&text), Ok(()));
        }
    }
}
