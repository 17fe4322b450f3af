//! The State Council's holiday notices for 2004-2026, as data ([D12](crate::_documentation::design#d12)).
//!
//! One entry per calendar year: the blocks of days off (by holiday, first
//! and last day inclusive, weekends inside a block included) and the
//! weekend days worked instead (调休 make-up days). Days are `(month, day)`.
//! Each entry cites the notice it transcribes. A notice sometimes reaches
//! into the previous December (the next New Year's arrangements); those
//! days sit under the year they fall in, with the later notice cited.
//! The December 2026 arrangements of a 2027 notice are not known yet:
//! load a corrected 2026 with the 2027 schedule when it is announced.

/// The holidays of the State Council's notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    NewYearsDay,
    SpringFestival,
    TombSweepingDay,
    LabourDay,
    DragonBoatFestival,
    MidAutumnFestival,
    NationalDay,
    /// 3 September 2015, the 70th anniversary of the victory of 1945.
    VictoryDay,
}

/// A day of the year: `(month, day)`.
pub(super) type Day = (u32, u32);

/// One calendar year's days off and make-up working days.
pub(super) struct Notice {
    pub(super) year: i32,
    /// Blocks of days off: the holiday, its first and last day.
    pub(super) days_off: &'static [(Holiday, Day, Day)],
    /// Weekend days worked.
    pub(super) make_up_days: &'static [Day],
}

/// The built-in years, in order, one per year with no gaps.
pub(super) const NOTICES: &[Notice] = &[
    // 国务院办公厅关于2004年部分节假日安排的通知 (国办发明电〔2003〕53号), dated 2003-12-18
    // (number and date from the Shaanxi provincial government's reprint; no central copy found).
    Notice {
        year: 2004,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (1, 22), (1, 28)),
            (Holiday::LabourDay, (5, 1), (5, 7)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 17), (1, 18), (5, 8), (5, 9), (10, 9), (10, 10)],
    },
    // 国务院办公厅关于2005年部分节假日安排的通知 (国办发明电〔2004〕52号), dated 2004-12-17
    // (number and date from a law-database reprint; no central copy found).
    // Late December from the notice for 2006 (国办发明电〔2005〕35号, 2005-12-16): Saturday
    // 31 December 2005 is worked, the make-up day for the New Year's days off of 2-3 January 2006.
    Notice {
        year: 2005,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 9), (2, 15)),
            (Holiday::LabourDay, (5, 1), (5, 7)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(2, 5), (2, 6), (4, 30), (5, 8), (10, 8), (10, 9), (12, 31)],
    },
    // 国务院办公厅关于2006年部分节假日安排的通知 (国办发明电〔2005〕35号), dated 2005-12-16.
    // Late December from the notice for 2007: 国务院办公厅关于2007年部分节假日安排的通知.
    Notice {
        year: 2006,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (1, 29), (2, 4)),
            (Holiday::LabourDay, (5, 1), (5, 7)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[
            (1, 28),
            (2, 5),
            (4, 29),
            (4, 30),
            (9, 30),
            (10, 8),
            (12, 30),
            (12, 31),
        ],
    },
    // 国务院办公厅关于2007年部分节假日安排的通知 (国办发明电〔2006〕49号), dated 2006-12-14.
    // Late December from the notice for 2008: 国务院办公厅关于2008年部分节假日安排的通知.
    Notice {
        year: 2007,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 18), (2, 24)),
            (Holiday::LabourDay, (5, 1), (5, 7)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
            (Holiday::NewYearsDay, (12, 30), (12, 31)),
        ],
        make_up_days: &[
            (2, 17),
            (2, 25),
            (4, 28),
            (4, 29),
            (9, 29),
            (9, 30),
            (12, 29),
        ],
    },
    // 国务院办公厅关于2008年部分节假日安排的通知, published 2007-12-18.
    Notice {
        year: 2008,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (2, 6), (2, 12)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 3)),
            (Holiday::DragonBoatFestival, (6, 7), (6, 9)),
            (Holiday::MidAutumnFestival, (9, 13), (9, 15)),
            (Holiday::NationalDay, (9, 29), (10, 5)),
        ],
        make_up_days: &[(2, 2), (2, 3), (5, 4), (9, 27), (9, 28)],
    },
    // 国务院办公厅关于2009年部分节假日安排的通知, published 2008-12-10.
    Notice {
        year: 2009,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (1, 25), (1, 31)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 3)),
            (Holiday::DragonBoatFestival, (5, 28), (5, 30)),
            (Holiday::NationalDay, (10, 1), (10, 2)),
            (Holiday::MidAutumnFestival, (10, 3), (10, 3)),
            (Holiday::NationalDay, (10, 4), (10, 8)),
        ],
        make_up_days: &[(1, 4), (1, 24), (2, 1), (5, 31), (9, 27), (10, 10)],
    },
    // 国务院办公厅关于2010年部分节假日安排的通知, published 2009-12-08.
    Notice {
        year: 2010,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 13), (2, 19)),
            (Holiday::TombSweepingDay, (4, 3), (4, 5)),
            (Holiday::LabourDay, (5, 1), (5, 3)),
            (Holiday::DragonBoatFestival, (6, 14), (6, 16)),
            (Holiday::MidAutumnFestival, (9, 22), (9, 24)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[
            (2, 20),
            (2, 21),
            (6, 12),
            (6, 13),
            (9, 19),
            (9, 25),
            (9, 26),
            (10, 9),
        ],
    },
    // 国务院办公厅关于2011年部分节假日安排的通知, published 2010-12-10.
    // Late December from the notice for 2012: 国务院办公厅关于2012年部分节假日安排的通知.
    Notice {
        year: 2011,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 2), (2, 8)),
            (Holiday::TombSweepingDay, (4, 3), (4, 5)),
            (Holiday::LabourDay, (4, 30), (5, 2)),
            (Holiday::DragonBoatFestival, (6, 4), (6, 6)),
            (Holiday::MidAutumnFestival, (9, 10), (9, 12)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 30), (2, 12), (4, 2), (10, 8), (10, 9), (12, 31)],
    },
    // 国务院办公厅关于2012年部分节假日安排的通知, published 2011-12-06.
    Notice {
        year: 2012,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (1, 22), (1, 28)),
            (Holiday::TombSweepingDay, (4, 2), (4, 4)),
            (Holiday::LabourDay, (4, 29), (5, 1)),
            (Holiday::DragonBoatFestival, (6, 22), (6, 24)),
            (Holiday::MidAutumnFestival, (9, 30), (9, 30)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 21), (1, 29), (3, 31), (4, 1), (4, 28), (9, 29)],
    },
    // 国务院办公厅关于2013年部分节假日安排的通知, published 2012-12-10.
    Notice {
        year: 2013,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 9), (2, 15)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (4, 29), (5, 1)),
            (Holiday::DragonBoatFestival, (6, 10), (6, 12)),
            (Holiday::MidAutumnFestival, (9, 19), (9, 21)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[
            (1, 5),
            (1, 6),
            (2, 16),
            (2, 17),
            (4, 7),
            (4, 27),
            (4, 28),
            (6, 8),
            (6, 9),
            (9, 22),
            (9, 29),
            (10, 12),
        ],
    },
    // 国务院办公厅关于2014年部分节假日安排的通知, published 2013-12-11.
    Notice {
        year: 2014,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (1, 31), (2, 6)),
            (Holiday::TombSweepingDay, (4, 5), (4, 7)),
            (Holiday::LabourDay, (5, 1), (5, 3)),
            (Holiday::DragonBoatFestival, (6, 2), (6, 2)),
            (Holiday::MidAutumnFestival, (9, 8), (9, 8)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 26), (2, 8), (5, 4), (9, 28), (10, 11)],
    },
    // 国务院办公厅关于2015年部分节假日安排的通知, published 2014-12-16.
    // Also 国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知, published 2015-05-13 (3-5 September off, 6 September worked).
    Notice {
        year: 2015,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 18), (2, 24)),
            (Holiday::TombSweepingDay, (4, 5), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 1)),
            (Holiday::DragonBoatFestival, (6, 20), (6, 20)),
            (Holiday::DragonBoatFestival, (6, 22), (6, 22)),
            (Holiday::VictoryDay, (9, 3), (9, 5)),
            (Holiday::MidAutumnFestival, (9, 27), (9, 27)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 4), (2, 15), (2, 28), (9, 6), (10, 10)],
    },
    // 国务院办公厅关于2016年部分节假日安排的通知, published 2015-12-10.
    Notice {
        year: 2016,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (2, 7), (2, 13)),
            (Holiday::TombSweepingDay, (4, 4), (4, 4)),
            (Holiday::LabourDay, (5, 1), (5, 2)),
            (Holiday::DragonBoatFestival, (6, 9), (6, 11)),
            (Holiday::MidAutumnFestival, (9, 15), (9, 17)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(2, 6), (2, 14), (6, 12), (9, 18), (10, 8), (10, 9)],
    },
    // 国务院办公厅关于2017年部分节假日安排的通知, dated 2016-12-01.
    Notice {
        year: 2017,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 2)),
            (Holiday::SpringFestival, (1, 27), (2, 2)),
            (Holiday::TombSweepingDay, (4, 2), (4, 4)),
            (Holiday::LabourDay, (5, 1), (5, 1)),
            (Holiday::DragonBoatFestival, (5, 28), (5, 30)),
            (Holiday::NationalDay, (10, 1), (10, 3)),
            (Holiday::MidAutumnFestival, (10, 4), (10, 4)),
            (Holiday::NationalDay, (10, 5), (10, 8)),
        ],
        make_up_days: &[(1, 22), (2, 4), (4, 1), (5, 27), (9, 30)],
    },
    // 国务院办公厅关于2018年部分节假日安排的通知, published 2017-11-30.
    // Late December from the notice for 2019: 国务院办公厅关于2019年部分节假日安排的通知.
    Notice {
        year: 2018,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (2, 15), (2, 21)),
            (Holiday::TombSweepingDay, (4, 5), (4, 7)),
            (Holiday::LabourDay, (4, 29), (5, 1)),
            (Holiday::DragonBoatFestival, (6, 18), (6, 18)),
            (Holiday::MidAutumnFestival, (9, 24), (9, 24)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
            (Holiday::NewYearsDay, (12, 30), (12, 31)),
        ],
        make_up_days: &[
            (2, 11),
            (2, 24),
            (4, 8),
            (4, 28),
            (9, 29),
            (9, 30),
            (12, 29),
        ],
    },
    // 国务院办公厅关于2019年部分节假日安排的通知, published 2018-12-06.
    // Also 国务院办公厅关于调整2019年劳动节假期安排的通知, published 2019-03-22 (1-4 May off, 28 April and 5 May worked).
    Notice {
        year: 2019,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (2, 4), (2, 10)),
            (Holiday::TombSweepingDay, (4, 5), (4, 7)),
            (Holiday::LabourDay, (5, 1), (5, 4)),
            (Holiday::DragonBoatFestival, (6, 7), (6, 9)),
            (Holiday::MidAutumnFestival, (9, 13), (9, 15)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(2, 2), (2, 3), (4, 28), (5, 5), (9, 29), (10, 12)],
    },
    // 国务院办公厅关于2020年部分节假日安排的通知, published 2019-11-21.
    // Also 国务院办公厅关于延长2020年春节假期的通知, published 2020-01-27 (Spring Festival extended to 2 February).
    Notice {
        year: 2020,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (1, 24), (2, 2)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 5)),
            (Holiday::DragonBoatFestival, (6, 25), (6, 27)),
            (Holiday::NationalDay, (10, 1), (10, 8)),
        ],
        make_up_days: &[(1, 19), (4, 26), (5, 9), (6, 28), (9, 27), (10, 10)],
    },
    // 国务院办公厅关于2021年部分节假日安排的通知, published 2020-11-25.
    Notice {
        year: 2021,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 11), (2, 17)),
            (Holiday::TombSweepingDay, (4, 3), (4, 5)),
            (Holiday::LabourDay, (5, 1), (5, 5)),
            (Holiday::DragonBoatFestival, (6, 12), (6, 14)),
            (Holiday::MidAutumnFestival, (9, 19), (9, 21)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(2, 7), (2, 20), (4, 25), (5, 8), (9, 18), (9, 26), (10, 9)],
    },
    // 国务院办公厅关于2022年部分节假日安排的通知, published 2021-10-25.
    // Late December from the notice for 2023: 国务院办公厅关于2023年部分节假日安排的通知.
    Notice {
        year: 2022,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (1, 31), (2, 6)),
            (Holiday::TombSweepingDay, (4, 3), (4, 5)),
            (Holiday::LabourDay, (4, 30), (5, 4)),
            (Holiday::DragonBoatFestival, (6, 3), (6, 5)),
            (Holiday::MidAutumnFestival, (9, 10), (9, 12)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
            (Holiday::NewYearsDay, (12, 31), (12, 31)),
        ],
        make_up_days: &[(1, 29), (1, 30), (4, 2), (4, 24), (5, 7), (10, 8), (10, 9)],
    },
    // 国务院办公厅关于2023年部分节假日安排的通知, published 2022-12-08.
    // Late December from the notice for 2024: 国务院办公厅关于2024年部分节假日安排的通知.
    Notice {
        year: 2023,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 2)),
            (Holiday::SpringFestival, (1, 21), (1, 27)),
            (Holiday::TombSweepingDay, (4, 5), (4, 5)),
            (Holiday::LabourDay, (4, 29), (5, 3)),
            (Holiday::DragonBoatFestival, (6, 22), (6, 24)),
            (Holiday::MidAutumnFestival, (9, 29), (9, 29)),
            (Holiday::NationalDay, (9, 30), (10, 6)),
            (Holiday::NewYearsDay, (12, 30), (12, 31)),
        ],
        make_up_days: &[(1, 28), (1, 29), (4, 23), (5, 6), (6, 25), (10, 7), (10, 8)],
    },
    // 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号), dated 2023-10-25.
    Notice {
        year: 2024,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (2, 10), (2, 17)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 5)),
            (Holiday::DragonBoatFestival, (6, 10), (6, 10)),
            (Holiday::MidAutumnFestival, (9, 15), (9, 17)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[
            (2, 4),
            (2, 18),
            (4, 7),
            (4, 28),
            (5, 11),
            (9, 14),
            (9, 29),
            (10, 12),
        ],
    },
    // 国务院办公厅关于2025年部分节假日安排的通知, published 2024-11-12.
    Notice {
        year: 2025,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 1)),
            (Holiday::SpringFestival, (1, 28), (2, 4)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 5)),
            (Holiday::DragonBoatFestival, (5, 31), (6, 2)),
            (Holiday::NationalDay, (10, 1), (10, 5)),
            (Holiday::MidAutumnFestival, (10, 6), (10, 6)),
            (Holiday::NationalDay, (10, 7), (10, 8)),
        ],
        make_up_days: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    // 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04.
    Notice {
        year: 2026,
        days_off: &[
            (Holiday::NewYearsDay, (1, 1), (1, 3)),
            (Holiday::SpringFestival, (2, 15), (2, 23)),
            (Holiday::TombSweepingDay, (4, 4), (4, 6)),
            (Holiday::LabourDay, (5, 1), (5, 5)),
            (Holiday::DragonBoatFestival, (6, 19), (6, 21)),
            (Holiday::MidAutumnFestival, (9, 25), (9, 27)),
            (Holiday::NationalDay, (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];
