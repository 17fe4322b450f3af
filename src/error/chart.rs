//! Errors of charts (feature `svg`).

use super::IoError;

/// Errors of charts (feature `svg`): what the drawing library reported, by
/// kind.
///
/// A variant of [`Error::Chart`](super::Error::Chart); its message is the
/// [`Error`](super::Error)'s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The SVG text could not be written; the I/O error is the
    /// [`source`](std::error::Error::source).
    #[error("the chart could not be drawn: its svg could not be written")]
    #[non_exhaustive]
    Write {
        /// The I/O error.
        source: IoError,
    },

    /// No font could lay out the chart's text.
    #[error("the chart could not be drawn: no font could lay out its text")]
    Font,

    /// The chart's parts do not fit its drawing area.
    #[error("the chart could not be drawn: its parts do not fit the drawing area")]
    Layout,
}
