//! Width and alignment for the crate's `Display` impls: `{:>12}` pads the
//! whole text, as it does for `str`.

use core::fmt;

/// Writes what `body` writes, padded to the formatter's width and aligned
/// as it asks (`{:>12}`, `{:<8}`, `{:^20}`). Without a width, `body` writes
/// straight to the formatter; with one, the text is rendered once (keeping
/// the alternate flag) and padded.
pub(crate) fn padded(
    f: &mut fmt::Formatter<'_>,
    body: impl Fn(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    struct Render<B>(B);

    impl<B: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Render<B> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            (self.0)(f)
        }
    }

    if f.width().is_none() {
        return body(f);
    }
    let text = if f.alternate() {
        format!("{:#}", Render(&body))
    } else {
        Render(&body).to_string()
    };
    f.pad(&text)
}
