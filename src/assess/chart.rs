//! The assessment as an SVG chart (feature `svg`).

use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Assessment;
use crate::Error;

/// Chart size in pixels, and the height of the chart above the footer.
const SIZE: (u32, u32) = (800, 500);
const PLOT_HEIGHT: u32 = 420;

impl Assessment {
    /// An SVG chart of each Service Month's availability against the
    /// policy's standard and tier bounds (95% and 90% for this agreement),
    /// with a footer: the term's compensation split by claim status, each
    /// month's failure budgets, and the months whose verdict depends on
    /// rejected input. Months without traffic have no point. Numbers become
    /// floating point only here, to be drawn; every decision was made
    /// exactly before.
    ///
    /// # Errors
    ///
    /// [`Error::Chart`] if drawing fails.
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
    /// assessor.add(&MessageRecord::new(Utc.with_ymd_and_hms(2025, 4, 2, 1, 0, 0).unwrap(), Recipient::Valid, Outcome::Delivered));
    /// let fees = MonthlyFees::new().with(term.service_months().next().unwrap(), MonthlyServiceFee::new(Money::new(dec!(10), "CNY")?))?;
    /// let assessment = assessor.finish(&fees, &Money::new(dec!(0.045), "CNY")?, &ChinaMainland::new(), term.last_day())?;
    /// let svg = assessment.to_svg()?;
    /// assert!(svg.starts_with("<svg") && svg.contains("standard 95%"));
    /// # Ok::<(), sms_sla::Error>(())
    /// ```
    pub fn to_svg(&self) -> Result<String, Error> {
        let chart_error = |err: &dyn std::fmt::Display| Error::Chart {
            reason: err.to_string(),
        };
        let ChartData {
            points,
            levels,
            bottom,
            labels,
        } = self.chart_data();
        let months = i32::try_from(labels.len()).unwrap_or(i32::MAX).max(1);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            root.fill(&WHITE).map_err(|err| chart_error(&err))?;
            let (plot, footer) = root.split_vertically(PLOT_HEIGHT);
            let style = ("sans-serif", 12).into_text_style(&footer);
            for (line, y) in self.footer().iter().zip((4_i32..).step_by(15)) {
                footer
                    .draw_text(line, &style, (12, y))
                    .map_err(|err| chart_error(&err))?;
            }
            let mut chart = ChartBuilder::on(&plot)
                .caption(
                    format!("Service availability, term {}", self.term),
                    ("sans-serif", 20),
                )
                .margin(12)
                .x_label_area_size(36)
                .y_label_area_size(56)
                .build_cartesian_2d(-1..months, bottom..100.5)
                .map_err(|err| chart_error(&err))?;
            chart
                .configure_mesh()
                .x_labels(labels.len().saturating_add(2))
                .x_label_formatter(&|index| {
                    usize::try_from(*index)
                        .ok()
                        .and_then(|i| labels.get(i))
                        .cloned()
                        .unwrap_or_default()
                })
                .y_desc("availability (%)")
                .draw()
                .map_err(|err| chart_error(&err))?;
            for (index, (label, level)) in (0_u8..).zip(&levels) {
                let color = if index == 0 { GREEN } else { RED };
                chart
                    .draw_series(LineSeries::new(
                        [(-1, *level), (months, *level)],
                        color.stroke_width(1),
                    ))
                    .map_err(|err| chart_error(&err))?
                    .label(label.clone())
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x.saturating_add(16), y)], color)
                    });
            }
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    BLUE.stroke_width(2),
                ))
                .map_err(|err| chart_error(&err))?
                .label("availability")
                .legend(|(x, y)| PathElement::new([(x, y), (x.saturating_add(16), y)], BLUE));
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&point| Circle::new(point, 4, BLUE.filled())),
                )
                .map_err(|err| chart_error(&err))?;
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::LowerLeft)
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()
                .map_err(|err| chart_error(&err))?;
            root.present().map_err(|err| chart_error(&err))?;
        }
        Ok(svg)
    }

    /// The footer's lines: claims, budgets and verdicts that depend on
    /// rejected input.
    fn footer(&self) -> Vec<String> {
        let mut lines = vec![format!("as of {}: {}", self.as_of, self.claims)];
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

    /// The points, threshold lines, axis bottom and month labels.
    fn chart_data(&self) -> ChartData {
        let percents: Vec<(i32, Decimal)> = (0_i32..)
            .zip(&self.months)
            .filter_map(|(index, month)| Some((index, month.availability.percent()?)))
            .collect();
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
        // The lowest point or line, less a margin, sets the axis.
        let lowest = percents
            .iter()
            .map(|&(_, y)| y)
            .chain(levels.iter().map(|&(_, y)| y))
            .min()
            .unwrap_or(Decimal::ONE_HUNDRED);
        let bottom = lowest
            .checked_sub(Decimal::from(5))
            .unwrap_or_default()
            .floor()
            .max(Decimal::ZERO);
        // Decimals become floats only here, as drawing coordinates.
        let float = |value: Decimal| value.to_f64().unwrap_or(0.0);
        ChartData {
            points: percents
                .iter()
                .map(|&(index, y)| (index, float(y)))
                .collect(),
            levels: levels
                .into_iter()
                .map(|(label, y)| (label, float(y)))
                .collect(),
            bottom: float(bottom),
            labels: self
                .months
                .iter()
                .map(|month| {
                    format!(
                        "{}-{:02}",
                        month.service_month.year(),
                        month.service_month.month().number_from_month()
                    )
                })
                .collect(),
        }
    }
}

/// What the chart draws.
struct ChartData {
    points: Vec<(i32, f64)>,
    levels: Vec<(String, f64)>,
    bottom: f64,
    labels: Vec<String>,
}
