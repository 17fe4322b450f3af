//! Exact decimal arithmetic: a result `Decimal` would have to round is an
//! error instead.

use rust_decimal::Decimal;

use crate::error::{Error, MoneyError};

fn inexact(left: Decimal, operation: &'static str, right: Decimal) -> Error {
    Error::Money(MoneyError::InexactArithmetic {
        left,
        operation,
        right,
    })
}

/// `left + right`, or an error if `Decimal` would round it.
pub(crate) fn add(left: Decimal, right: Decimal) -> Result<Decimal, Error> {
    left.checked_add(right)
        .filter(|sum| sum.scale() == left.scale().max(right.scale()))
        .ok_or_else(|| inexact(left, "+", right))
}

/// `left - right`, or an error if `Decimal` would round it.
pub(crate) fn sub(left: Decimal, right: Decimal) -> Result<Decimal, Error> {
    left.checked_sub(right)
        .filter(|difference| difference.scale() == left.scale().max(right.scale()))
        .ok_or_else(|| inexact(left, "-", right))
}

/// `left * right`, or an error if `Decimal` would round it: the product
/// keeps every digit exactly when its scale is the sum of the scales.
pub(crate) fn mul(left: Decimal, right: Decimal) -> Result<Decimal, Error> {
    let scale = left.scale().saturating_add(right.scale());
    left.checked_mul(right)
        .filter(|product| {
            product.scale() == scale || (product.is_zero() && scale <= Decimal::MAX_SCALE)
        })
        .ok_or_else(|| inexact(left, "*", right))
}

/// `(q, r)` with `q = floor(dividend / divisor)` and `r = dividend - q *
/// divisor`, for a non-negative dividend and a positive divisor,
/// exactly: `q * divisor <= dividend < (q + 1) * divisor`.
pub(crate) fn floor_div_rem(dividend: Decimal, divisor: Decimal) -> Result<(u64, Decimal), Error> {
    if let Some(result) = floor_div_rem_integers(dividend, divisor) {
        return result;
    }
    let quotient = floor_div(dividend, divisor)?;
    let remainder = sub(dividend, mul(Decimal::from(quotient), divisor)?)?;
    Ok((quotient, remainder))
}

/// The fast path of [`floor_div_rem`]: both operands as integers at a
/// common scale, one 128-bit division. `None` when they do not fit.
pub(super) fn floor_div_rem_integers(
    dividend: Decimal,
    divisor: Decimal,
) -> Option<Result<(u64, Decimal), Error>> {
    let scale = dividend.scale().max(divisor.scale());
    let widen = |d: Decimal| {
        let factor = 10_u128.checked_pow(scale.checked_sub(d.scale())?)?;
        u128::try_from(d.mantissa()).ok()?.checked_mul(factor)
    };
    let (numerator, denominator) = (widen(dividend)?, widen(divisor)?);
    let quotient = numerator.checked_div(denominator)?;
    let remainder = numerator.checked_rem(denominator)?;
    let remainder =
        Decimal::try_from_i128_with_scale(i128::try_from(remainder).ok()?, scale).ok()?;
    Some(
        u64::try_from(quotient)
            .map(|quotient| (quotient, remainder))
            .map_err(|_| inexact(dividend, "/", divisor)),
    )
}

/// `floor(dividend / divisor)` for a non-negative dividend and a
/// positive divisor, exactly: the quotient is corrected by exact
/// multiplication so that `q * divisor <= dividend < (q + 1) * divisor`.
pub(super) fn floor_div(dividend: Decimal, divisor: Decimal) -> Result<u64, Error> {
    let overflow = || inexact(dividend, "/", divisor);
    let estimate = dividend.checked_div(divisor).ok_or_else(overflow)?.floor();
    let mut quotient = u64::try_from(estimate).map_err(|_| overflow())?;
    // Decimal division rounds its 28th digit, so the floor may be one
    // off in either direction; two exact checks settle it.
    if mul(Decimal::from(quotient), divisor)? > dividend {
        quotient = quotient.checked_sub(1).ok_or_else(overflow)?;
    } else if let Some(next) = quotient.checked_add(1)
        && mul(Decimal::from(next), divisor)? <= dividend
    {
        quotient = next;
    }
    Ok(quotient)
}
