//! The assessment as an SVG chart (feature `svg`).

use plotters::coord::types::RangedCoordf64;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters_backend::DrawingErrorKind;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Assessment, MonthAssessment};
use crate::compensation::Tier;
use crate::error::{ChartError, Error};

/// Chart size in pixels, and the height of the chart above the footer.
const SIZE: (u32, u32) = (800, 500);
const PLOT_HEIGHT: u32 = 420;

impl Assessment {
    /// An SVG chart: one bar per Service Month, as high as its
    /// availability and coloured by its verdict (meets the standard, the
    /// first tier owed, a lower tier owed, no traffic), with what is owed
    /// written on the bar, partial months drawn lighter and starred, and
    /// the policy's standard and tier bounds (95% and 90% for this
    /// agreement) as lines. Months are judged each on its own, so no line
    /// joins them. A footer gives the term's compensation split by claim
    /// status, each month's failure budgets and the months whose verdict
    /// depends on rejected input. Numbers become floating point only here,
    /// to be drawn; every decision was made exactly before.
    ///
    /// # Errors
    ///
    /// [`ChartError`] if drawing fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use rust_decimal::dec;
    /// use sms_sla::assess::{Assessor, MonthlyFees};
    /// use sms_sla::calendar::ChinaMainland;
    /// use sms_sla::traffic::{AccountKind, Announcements, MessageRecord, Outcome, Recipient};
    /// use sms_sla::{Money, MonthlyServiceFee, SlaPolicy, Term};
    ///
    /// let term = Term::from_months(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), 1)?;
    /// let mut assessor = Assessor::new(&SlaPolicy::tencent_sms(), term, AccountKind::Ordinary, Announcements::new())?;
    /// assessor.ledger_mut().add(&MessageRecord::new(Utc.with_ymd_and_hms(2025, 4, 2, 1, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// let fees = MonthlyFees::new().with(term.service_months().next().unwrap(), MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?))?;
    /// let assessment = assessor.finish(&fees, &Money::new(dec!(0.045), "CNY")?, &ChinaMainland::new(), term.last_day())?;
    /// let svg = assessment.to_svg()?;
    /// assert!(svg.starts_with("<svg") && svg.contains("standard 95%"));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn to_svg(&self) -> Result<String, Error> {
        let ChartData {
            bars,
            levels,
            bottom,
            x_range: (x_first, x_last),
            labels,
        } = self.chart_data();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            root.fill(&WHITE).map_err(chart_error)?;
            let (plot, footer) = root.split_vertically(PLOT_HEIGHT);
            let style = ("sans-serif", 12).into_text_style(&footer);
            for (line, y) in self.footer().iter().zip((4_i32..).step_by(15)) {
                footer
                    .draw_text(line, &style, (12, y))
                    .map_err(chart_error)?;
            }
            let mut chart = ChartBuilder::on(&plot)
                .caption(
                    format!("Service availability, term {}", self.term),
                    ("sans-serif", 20),
                )
                .margin(12)
                .x_label_area_size(36)
                .y_label_area_size(56)
                .build_cartesian_2d(x_first..x_last, bottom..112.0)
                .map_err(chart_error)?;
            axes(&mut chart, &labels).map_err(chart_error)?;
            // One bar per Service Month, coloured by its verdict: months are
            // judged each on its own, so no line joins them.
            for bar in &bars {
                draw_bar(&mut chart, bar, bottom).map_err(chart_error)?;
            }
            for (index, (label, level)) in (0_u8..).zip(&levels) {
                let color = if index == 0 { BLACK } else { RED };
                draw_level(&mut chart, label, *level, (x_first, x_last), color)
                    .map_err(chart_error)?;
            }
            legend(&mut chart).map_err(chart_error)?;
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperMiddle)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()
                .map_err(chart_error)?;
            root.present().map_err(chart_error)?;
        }
        Ok(svg)
    }

    /// The footer's lines: claims, budgets and verdicts that depend on
    /// rejected input.
    fn footer(&self) -> Vec<String> {
        let mut lines = vec![format!("as of {}: {}", self.as_of, self.claims)];
        if self
            .months
            .iter()
            .any(|month| month.service_month.is_partial())
        {
            lines.push(
                "* a partial Service Month (the term starts or ends inside it), drawn lighter"
                    .to_owned(),
            );
        }
        let budgets: Vec<String> = self
            .months
            .iter()
            .filter_map(|month| {
                let first = month.budgets.first()?;
                Some(format!(
                    "{}-{:02}: {}",
                    month.service_month.year(),
                    month.service_month.month().number_from_month(),
                    first
                ))
            })
            .collect();
        if !budgets.is_empty() {
            lines.push(format!("failure budgets: {}", budgets.join("; ")));
        }
        for month in self
            .months
            .iter()
            .filter(|m| m.bounds.depends_on_rejected())
        {
            lines.push(format!("{}: {}", month.service_month, month.bounds));
        }
        lines
    }

    /// The bars, threshold lines, axis bottom and month labels.
    fn chart_data(&self) -> ChartData {
        let schedule = self.policy.schedule();
        let mut levels: Vec<(String, Decimal)> = vec![(
            format!("standard {}", schedule.standard()),
            schedule.standard().percent(),
        )];
        for tier in schedule
            .tiers()
            .iter()
            .filter(|tier| tier.lower_bound().percent() > Decimal::ZERO)
        {
            let rate = tier
                .rate()
                .checked_mul(Decimal::ONE_HUNDRED)
                .unwrap_or_default()
                .normalize();
            levels.push((
                format!("{rate}% tier from {}", tier.lower_bound()),
                tier.lower_bound().percent(),
            ));
        }
        // The lowest bar or line, less a margin, sets the axis.
        let lowest = self
            .months
            .iter()
            .filter_map(|month| month.availability.percent())
            .chain(levels.iter().map(|&(_, y)| y))
            .min()
            .unwrap_or(Decimal::ONE_HUNDRED);
        let bottom = lowest
            .checked_sub(Decimal::from(5))
            .unwrap_or_default()
            .floor()
            .max(Decimal::ZERO);
        // Decimals become floats only here, as drawing coordinates; the
        // verdict each colour shows was decided exactly before.
        let float = |value: Decimal| value.to_f64().unwrap_or(0.0);
        let first_tier = schedule.tiers().first().map(Tier::rate);
        let bars = (0_u32..)
            .zip(&self.months)
            .map(|(index, month)| bar(month, index, first_tier))
            .collect();
        let half = Decimal::new(5, 1);
        let count = Decimal::from(self.months.len().max(1));
        ChartData {
            bars,
            x_range: (
                float(Decimal::ZERO.checked_sub(half).unwrap_or_default()),
                float(count.checked_sub(half).unwrap_or(count)),
            ),
            levels: levels
                .into_iter()
                .map(|(label, y)| (label, float(y)))
                .collect(),
            bottom: float(bottom),
            labels: self
                .months
                .iter()
                .map(|month| {
                    // A partial month is starred; the footer says why.
                    format!(
                        "{}-{:02}{}",
                        month.service_month.year(),
                        month.service_month.month().number_from_month(),
                        if month.service_month.is_partial() {
                            "*"
                        } else {
                            ""
                        }
                    )
                })
                .collect(),
        }
    }
}

/// One month's bar: where it stands, its colour by verdict, its caption.
fn bar(month: &MonthAssessment, index: u32, first_tier: Option<Decimal>) -> Bar {
    // Decimals become floats only here, as drawing coordinates; the verdict
    // each colour shows was decided exactly before.
    let float = |value: Decimal| value.to_f64().unwrap_or(0.0);
    let half_width = Decimal::new(35, 2);
    let x = Decimal::from(index);
    let percent = month.availability.percent();
    let top = percent.unwrap_or(Decimal::ONE_HUNDRED);
    let rate = month.compensation.rate();
    let color = match percent {
        None => NO_TRAFFIC,
        Some(_) if rate.is_zero() => MEETS,
        // The first tier below the standard, or a lower one.
        Some(_) if first_tier == Some(rate) => FIRST_TIER,
        Some(_) => LOWER_TIER,
    };
    let caption = match percent {
        None => "no traffic".to_owned(),
        Some(percent) if rate.is_zero() => format!("{percent}%"),
        Some(percent) => format!("{percent}%: {}", month.compensation.amount()),
    };
    Bar {
        left: float(x.checked_sub(half_width).unwrap_or_default()),
        right: float(x.checked_add(half_width).unwrap_or_default()),
        top: float(top),
        caption_at: float(top.checked_add(Decimal::new(12, 1)).unwrap_or(top)),
        color,
        partial: month.service_month.is_partial(),
        caption,
    }
}

/// The chart's area of months by availability.
type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What plotters reports when drawing into an SVG string fails.
type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// The axes: the months along x, availability in percent up y.
fn axes(chart: &mut Plot<'_, '_>, labels: &[String]) -> Result<(), DrawError> {
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(labels.len())
        .x_label_formatter(&|x| {
            // Bars stand at whole x; their labels are the months.
            format!("{:.0}", x.round())
                .parse::<usize>()
                .ok()
                .and_then(|i| labels.get(i))
                .cloned()
                .unwrap_or_default()
        })
        // The space above 100% holds the legend, not values.
        .y_label_formatter(&|y| {
            if *y > 100.0 {
                String::new()
            } else {
                format!("{y:.0}")
            }
        })
        .y_desc("availability (%)")
        .draw()
}

/// One Service Month's bar, lighter when the month is partial, with its
/// caption above it.
fn draw_bar(chart: &mut Plot<'_, '_>, bar: &Bar, bottom: f64) -> Result<(), DrawError> {
    let fill = if bar.partial {
        bar.color.mix(0.55).filled()
    } else {
        bar.color.filled()
    };
    chart.draw_series(std::iter::once(Rectangle::new(
        [(bar.left, bottom), (bar.right, bar.top)],
        fill,
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        bar.caption.clone(),
        (bar.left, bar.caption_at),
        ("sans-serif", 11).into_font(),
    )))?;
    Ok(())
}

/// A level across the chart (the standard, a tier's bound), labelled in
/// the legend.
fn draw_level(
    chart: &mut Plot<'_, '_>,
    label: &str,
    level: f64,
    (x_first, x_last): (f64, f64),
    color: RGBColor,
) -> Result<(), DrawError> {
    chart
        .draw_series(LineSeries::new(
            [(x_first, level), (x_last, level)],
            color.stroke_width(1),
        ))?
        .label(label)
        .legend(move |(x, y)| PathElement::new([(x, y), (x.saturating_add(16), y)], color));
    Ok(())
}

/// The verdict colours in the legend.
fn legend<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (label, color) in [
        ("meets the standard", MEETS),
        ("first tier owed", FIRST_TIER),
        ("lower tier owed", LOWER_TIER),
        ("no traffic", NO_TRAFFIC),
    ] {
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label(label)
            .legend(move |(x, y)| {
                Rectangle::new(
                    [
                        (x, y.saturating_sub(5)),
                        (x.saturating_add(12), y.saturating_add(5)),
                    ],
                    color.filled(),
                )
            });
    }
    Ok(())
}

/// What the chart draws.
struct ChartData {
    bars: Vec<Bar>,
    levels: Vec<(String, f64)>,
    bottom: f64,
    /// The x axis, half a bar's slot either side of the months.
    x_range: (f64, f64),
    labels: Vec<String>,
}

/// One Service Month's bar.
struct Bar {
    left: f64,
    right: f64,
    /// The availability in percent; 100 without traffic (drawn grey).
    top: f64,
    /// Where the caption goes, just above the bar.
    caption_at: f64,
    color: RGBColor,
    /// A partial month is drawn lighter and starred.
    partial: bool,
    /// The percentage, and what is owed when something is.
    caption: String,
}

/// The verdict colours.
const MEETS: RGBColor = RGBColor(46, 139, 87);
const FIRST_TIER: RGBColor = RGBColor(230, 145, 0);
const LOWER_TIER: RGBColor = RGBColor(200, 40, 40);
const NO_TRAFFIC: RGBColor = RGBColor(170, 170, 170);

/// The chart's error for what plotters reported.
fn chart_error(err: DrawError) -> Error {
    Error::Chart(match err {
        DrawingAreaErrorKind::BackendError(DrawingErrorKind::DrawingError(err)) => {
            ChartError::Write { source: err.into() }
        }
        DrawingAreaErrorKind::BackendError(DrawingErrorKind::FontError(_)) => ChartError::Font,
        DrawingAreaErrorKind::SharingError | DrawingAreaErrorKind::LayoutError => {
            ChartError::Layout
        }
    })
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    /// Each kind of drawing error plotters reports becomes its typed rule,
    /// with its pinned message (a chart drawn into a string never meets
    /// one, so they are made here).
    #[test]
    fn drawing_errors_keep_their_kind() {
        let write = chart_error(DrawingAreaErrorKind::BackendError(
            DrawingErrorKind::DrawingError(std::io::Error::other("disk gone")),
        ));
        assert_eq!(
            write.to_string(),
            "the chart could not be drawn: its svg could not be written"
        );
        assert_eq!(
            write.source().map(ToString::to_string).as_deref(),
            Some("disk gone")
        );
        let font = chart_error(DrawingAreaErrorKind::BackendError(
            DrawingErrorKind::FontError(Box::new(std::io::Error::other("no glyphs"))),
        ));
        assert_eq!(font, Error::Chart(ChartError::Font));
        assert_eq!(
            font.to_string(),
            "the chart could not be drawn: no font could lay out its text"
        );
        for err in [
            DrawingAreaErrorKind::SharingError,
            DrawingAreaErrorKind::LayoutError,
        ] {
            let err = chart_error(err);
            assert_eq!(err, Error::Chart(ChartError::Layout));
            assert_eq!(
                err.to_string(),
                "the chart could not be drawn: its parts do not fit the drawing area"
            );
        }
    }
}
