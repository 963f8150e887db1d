//! Dates: parsing the many ways pages write a date into ISO 8601, and keeping only plausible ones.
//!
//! A date is accepted only between 1995-01-01 (before the web had articles to date) and the end
//! of tomorrow (a page cannot be published in the future of its crawl; one day of slack covers
//! time zones). Output is `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS+HH:MM` when the source gives a
//! time with an offset.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc};
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

/// Month names and abbreviations in the languages the web writes most, lower-case.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("okt", 10),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("ene", 1),
    ("dic", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("gen", 1),
    ("mag", 5),
    ("giu", 6),
    ("lug", 7),
    ("ago", 8),
    ("set", 9),
    ("ott", 10),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("fev", 2),
    ("out", 10),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("oktober", 10),
    ("mrt", 3),
    // Swedish, Danish, Norwegian
    ("augusti", 8),
    ("maj", 5),
    ("juni", 6),
    ("desember", 12),
    ("december", 12),
    // Polish (genitive, as dates write them)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Czech (genitive)
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Russian (genitive)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Finnish (partitive)
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    // Indonesian
    ("januari", 1),
    ("pebruari", 2),
    ("agustus", 8),
    ("desember", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let lower = lower.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == lower).map(|&(_, m)| m)
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

static ISO_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^\d])
        (\d{4})-(\d{1,2})-(\d{1,2})
        (?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?
        (?:[^\d]|$)",
    )
    .ok()
});

static YMD_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{4})([/.])(\d{1,2})[/.](\d{1,2})(?:[^\d]|$)").ok());

static DMY_NUM_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?:[^\d]|$)").ok()
});

static TEXT_DMY_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}\d])(\d{{1,2}})(?:st|nd|rd|th|er|e|º|\.)?\s*(?:de\s+|of\s+|-)?({})\.?(?:\s*,\s*|\s+de\s+|\s+|-)(\d{{4}})(?:[^\d]|$)",
        month_alternation()
    ))
    .ok()
});

static TEXT_MDY_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}])({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{{4}})(?:[^\d]|$)",
        month_alternation()
    ))
    .ok()
});

static CJK_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})").ok());

static TIMESTAMP_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{10}|\d{13})\s*$").ok());

static COMPACT_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:\d{6})?\s*$").ok());

/// A date found in a string, with a time and offset when the string had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The calendar date.
    pub date: NaiveDate,
    /// Time of day and UTC offset, when both were given.
    pub time: Option<(NaiveTime, FixedOffset)>,
}

impl Found {
    fn instant(&self) -> Option<DateTime<FixedOffset>> {
        let (t, off) = self.time?;
        self.date.and_time(t).and_local_timezone(off).single()
    }

    /// Whether both carry a time and name the same instant (whatever their offsets).
    pub fn same_instant(&self, other: &Found) -> bool {
        matches!((self.instant(), other.instant()), (Some(a), Some(b)) if a == b)
    }

    /// Whether the time is given in UTC.
    pub fn is_utc(&self) -> bool {
        self.time.is_some_and(|(_, off)| off.local_minus_utc() == 0)
    }

    /// ISO 8601: the date alone, or date, time and offset.
    pub fn iso(&self) -> String {
        match self.time {
            Some((t, off)) => {
                let dt = self.date.and_time(t);
                match dt.and_local_timezone(off).single() {
                    Some(d) => d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                    None => self.date.format("%Y-%m-%d").to_string(),
                }
            }
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Whether `d` is a plausible publication date: from 1995 up to the day after the crawl date
/// (see [`with_crawl_date`]), or up to tomorrow when there is none.
pub fn plausible(d: NaiveDate) -> bool {
    let today = Utc::now().date_naive();
    let latest = CRAWL_DATE.with(Cell::get).map_or(today, |c| c.min(today));
    let next_day = latest.succ_opt().unwrap_or(latest);
    d.year() >= 1995 && d <= next_day
}

thread_local! {
    /// The crawl date of the page being extracted on this thread, if the caller gave one.
    static CRAWL_DATE: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

/// Runs `f` with `crawl` as the latest plausible date (one day of slack for time zones):
/// a page cannot be published after it was crawled. `None` keeps the bound at today.
pub fn with_crawl_date<T>(crawl: Option<NaiveDate>, f: impl FnOnce() -> T) -> T {
    /// Puts the previous value back, even if `f` unwinds.
    struct Restore(Option<NaiveDate>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CRAWL_DATE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CRAWL_DATE.with(|c| c.replace(crawl)));
    f()
}

/// The day of a crawl time: an ISO 8601 date or date-time (`2024-05-01T10:00:00Z`, as in a
/// `WARC-Date`) or a 14-digit archive timestamp (`20240501100000`); `None` if it is neither.
pub fn crawl_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc).date_naive());
    }
    let head = s.get(..10)?;
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Some(d);
    }
    NaiveDate::parse_from_str(s.get(..8)?, "%Y%m%d").ok()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then_some(date)
}

fn offset(s: &str) -> Option<FixedOffset> {
    if s == "Z" {
        return FixedOffset::east_opt(0);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Parses a machine-readable date (an attribute or a `<meta>` value): ISO 8601 first, then the
/// other formats of [`parse_text`].
pub fn parse_machine(s: &str) -> Option<Found> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return parse_text(s, false);
    }
    if let Some(c) = TIMESTAMP_RE.as_ref().and_then(|re| re.captures(s)) {
        let mut n: i64 = c[1].parse().ok()?;
        if c[1].len() == 13 {
            n /= 1000;
        }
        let dt = DateTime::from_timestamp(n, 0)?;
        let date = dt.date_naive();
        return plausible(date).then_some(Found {
            date,
            time: Some((dt.time(), FixedOffset::east_opt(0)?)),
        });
    }
    if let Some(c) = COMPACT_RE.as_ref().and_then(|re| re.captures(s)) {
        return ymd(&c[1], &c[2], &c[3]).map(|date| Found { date, time: None });
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        let date = dt.date_naive();
        return plausible(date).then_some(Found {
            date,
            time: Some((dt.time(), *dt.offset())),
        });
    }
    parse_text(s, false)
}

/// Finds the first plausible date written in `s`, in any of the supported formats: ISO
/// (`2021-08-27`, with an optional time and offset), `2021/08/27`, `27.08.2021`, `08/27/2021`
/// (month first when `month_first`, or when the day cannot be a month), `27 August 2021`,
/// `August 27th, 2021`, `27 de agosto de 2021`, `2021年8月27日` and their kin in a dozen languages.
pub fn parse_text(s: &str, month_first: bool) -> Option<Found> {
    // Every format has a four-digit year: most strings have none and skip the seven regexes.
    if !has_digit_run(s, 4) {
        return None;
    }
    // The earliest match in the string wins, whatever its format.
    let mut best: Option<(usize, Found)> = None;
    let mut consider = |pos: usize, f: Option<Found>| {
        if let Some(f) = f
            && best.is_none_or(|(p, _)| pos < p)
        {
            best = Some((pos, f));
        }
    };
    for c in ISO_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let pos = c.get(1).map_or(0, |m| m.start());
        let f = ymd(&c[1], &c[2], &c[3]).map(|date| {
            let time = match (c.get(4), c.get(5), c.get(7)) {
                (Some(h), Some(m), Some(z)) => {
                    let sec = c.get(6).and_then(|x| x.as_str().parse().ok()).unwrap_or(0);
                    h.as_str()
                        .parse()
                        .ok()
                        .zip(m.as_str().parse().ok())
                        .and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, sec))
                        .zip(offset(z.as_str()))
                }
                _ => None,
            };
            Found { date, time }
        });
        if f.is_some() {
            consider(pos, f);
            break;
        }
    }
    for c in YMD_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let f = ymd(&c[1], &c[3], &c[4]).map(|date| Found { date, time: None });
        if f.is_some() {
            consider(c.get(1).map_or(0, |m| m.start()), f);
            break;
        }
    }
    for c in DMY_NUM_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let (a, sep, b, y) = (&c[1], &c[2], &c[3], &c[4]);
        let (an, bn): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
        // Dots mean day first everywhere; slashes are ambiguous.
        let day_first = sep == "." || an > 12 || (!month_first && bn <= 12);
        let f = if day_first {
            ymd(y, b, a)
        } else {
            ymd(y, a, b)
        }
        .map(|date| Found { date, time: None });
        if f.is_some() {
            consider(c.get(1).map_or(0, |m| m.start()), f);
            break;
        }
    }
    for c in TEXT_DMY_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let f = month_number(&c[2])
            .and_then(|m| ymd(&c[3], &m.to_string(), &c[1]))
            .map(|date| Found { date, time: None });
        if f.is_some() {
            consider(c.get(1).map_or(0, |m| m.start()), f);
            break;
        }
    }
    for c in TEXT_MDY_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let f = month_number(&c[1])
            .and_then(|m| ymd(&c[3], &m.to_string(), &c[2]))
            .map(|date| Found { date, time: None });
        if f.is_some() {
            consider(c.get(1).map_or(0, |m| m.start()), f);
            break;
        }
    }
    for c in CJK_RE.iter().flat_map(|re| re.captures_iter(s)) {
        let f = ymd(&c[1], &c[2], &c[3]).map(|date| Found { date, time: None });
        if f.is_some() {
            consider(c.get(1).map_or(0, |m| m.start()), f);
            break;
        }
    }
    best.map(|(_, f)| f)
}

/// Whether `s` has `n` numeric characters in a row. `char::is_numeric` takes in every
/// character the regexes' Unicode `\d` does (and a few more), so a string without such a run
/// cannot match a pattern that needs `\d{n}`.
fn has_digit_run(s: &str, n: usize) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if c.is_numeric() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

static URL_DATE_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\.|$)")
        .ok()
});

/// A date in a URL path, like `/2021/08/27/slug` or `/2021-08-27-slug`.
pub fn from_url(url: &str) -> Option<Found> {
    let c = URL_DATE_RE.as_ref()?.captures(url)?;
    ymd(&c[1], &c[2], &c[3]).map(|date| Found { date, time: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_without_four_digits_in_a_row_has_no_date() {
        assert!(has_digit_run("on 2021", 4));
        assert!(has_digit_run("٢٠٢١", 4));
        assert!(!has_digit_run("12 May 21", 4));
        assert_eq!(parse_text("12.05.21", false), None);
    }

    fn text(s: &str) -> Option<String> {
        parse_text(s, false).map(|f| f.iso())
    }

    #[test]
    fn every_pattern_compiles() {
        for re in [
            &ISO_RE,
            &YMD_RE,
            &DMY_NUM_RE,
            &TEXT_DMY_RE,
            &TEXT_MDY_RE,
            &CJK_RE,
            &TIMESTAMP_RE,
            &COMPACT_RE,
            &URL_DATE_RE,
        ] {
            assert!(re.is_some());
        }
    }

    #[test]
    fn iso_dates_keep_time_only_with_an_offset() {
        assert_eq!(
            parse_machine("2021-08-27T10:52:50+0100").map(|f| f.iso()),
            Some("2021-08-27T10:52:50+01:00".into())
        );
        assert_eq!(
            parse_machine("2019-01-03T07:00:02.000Z").map(|f| f.iso()),
            Some("2019-01-03T07:00:02+00:00".into())
        );
        assert_eq!(
            parse_machine("2018-04-05T06:00").map(|f| f.iso()),
            Some("2018-04-05".into())
        );
    }

    #[test]
    fn timestamps_rfc2822_and_compact_dates_parse() {
        assert_eq!(
            parse_machine("1500000000").map(|f| f.iso()),
            Some("2017-07-14T02:40:00+00:00".into())
        );
        assert_eq!(
            parse_machine("Tue, 1 Jul 2003 10:52:37 +0200").map(|f| f.iso()),
            Some("2003-07-01T10:52:37+02:00".into())
        );
        assert_eq!(
            parse_machine("20150724").map(|f| f.iso()),
            Some("2015-07-24".into())
        );
    }

    #[test]
    fn numeric_dates_follow_the_separator_and_the_hint() {
        assert_eq!(text("27.08.2021"), Some("2021-08-27".into()));
        assert_eq!(text("2021/08/27"), Some("2021-08-27".into()));
        assert_eq!(text("08/27/2021"), Some("2021-08-27".into()));
        assert_eq!(text("03/04/2021"), Some("2021-04-03".into()));
        assert_eq!(
            parse_text("03/04/2021", true).map(|f| f.iso()),
            Some("2021-03-04".into())
        );
    }

    #[test]
    fn written_dates_parse_in_many_languages() {
        for (s, want) in [
            ("Posted on January 5th, 2021 by Ann", "2021-01-05"),
            ("Sep. 3, 2019", "2019-09-03"),
            ("5 March 2020", "2020-03-05"),
            ("am 5. März 2020", "2020-03-05"),
            ("le 1er janvier 2018", "2018-01-01"),
            ("12 de diciembre de 2017", "2017-12-12"),
            ("3 de março de 2016", "2016-03-03"),
            ("21 gennaio 2015", "2015-01-21"),
            ("7 mei 2019", "2019-05-07"),
            ("14 lipca 2020", "2020-07-14"),
            ("1. listopadu 2021", "2021-11-01"),
            ("5 января 2020", "2020-01-05"),
            ("2016年3月9日", "2016-03-09"),
            ("2020년 5월 1일", "2020-05-01"),
        ] {
            assert_eq!(text(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn future_and_pre_web_dates_are_rejected() {
        assert_eq!(text("1994-12-31"), None);
        assert_eq!(text("March 3, 1989"), None);
        assert_eq!(text("2999-01-01"), None);
        let next_year = Utc::now().year() + 1;
        assert_eq!(text(&format!("{next_year}-06-01")), None);
        assert_eq!(text("1995-01-01"), Some("1995-01-01".into()));
    }

    #[test]
    fn dates_after_the_crawl_date_are_rejected() {
        let crawl = crawl_day("2020-03-10T23:59:59Z");
        assert_eq!(crawl, NaiveDate::from_ymd_opt(2020, 3, 10));
        with_crawl_date(crawl, || {
            assert_eq!(text("2020-03-09"), Some("2020-03-09".into()));
            assert_eq!(text("2020-03-11"), Some("2020-03-11".into()));
            assert_eq!(text("2020-03-12"), None);
            assert_eq!(text("June 1, 2021"), None);
        });
        assert_eq!(text("June 1, 2021"), Some("2021-06-01".into()));
    }

    #[test]
    fn crawl_times_parse_in_warc_iso_and_archive_forms() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1);
        for s in [
            "2024-05-01T10:00:00Z",
            "2024-05-01",
            "20240501100000",
            " 2024-05-01T10:00:00.123Z",
        ] {
            assert_eq!(crawl_day(s), day, "{s}");
        }
        assert_eq!(crawl_day("yesterday"), None);
        assert_eq!(crawl_day(""), None);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(text("2021-02-30"), None);
        assert_eq!(text("31.13.2020"), None);
        assert_eq!(text("no date here 12345"), None);
    }

    #[test]
    fn the_earliest_date_in_a_string_wins() {
        assert_eq!(
            text("Published March 3, 2020, updated 2021-01-01"),
            Some("2020-03-03".into())
        );
    }

    #[test]
    fn url_paths_carry_dates() {
        assert_eq!(
            from_url("https://ex.org/2021/08/27/a-post/").map(|f| f.iso()),
            Some("2021-08-27".into())
        );
        assert_eq!(
            from_url("https://ex.org/news/2019-01-03-title").map(|f| f.iso()),
            Some("2019-01-03".into())
        );
        assert_eq!(from_url("https://ex.org/p/123456789"), None);
    }
}
