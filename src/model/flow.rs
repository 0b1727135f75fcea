//! Flow metrics from the items' `history`: cumulative flow per day, throughput per week,
//! WIP against limits, and cycle time (median and 85th percentile, interpolated linearly).
//! Pure: "now" comes in. SAFe's six flow metrics build on these in `flow_metrics`.
//!
//! An item is in the column of its latest history entry at or before a moment; items without
//! history count from the moment nothing else is known (they are left out of the past).

use super::board::Board;
use super::item::Item;

const DAY: i64 = 86_400;

/// The item's history as (time, column index), oldest first; unknown columns and unreadable
/// times are skipped.
pub fn moves(board: &Board, item: &Item) -> Vec<(i64, usize)> {
    let mut out = Vec::new();
    moves_into(board, item, &mut out);
    out
}

/// [`moves`] into `out` (cleared first), so a pass over many items reuses one buffer.
pub fn moves_into(board: &Board, item: &Item, out: &mut Vec<(i64, usize)>) {
    out.clear();
    out.extend(item.history.iter().filter_map(|m| Some((m.at.unix(), board.column_index(&m.column)?))));
    out.sort_by_key(|(t, _)| *t);
}

/// The Monday (UTC, 00:00) of the week `t` falls in. 1970-01-01 was a Thursday: Mondays are
/// 4 days later in the cycle.
pub fn week_start(t: i64) -> i64 {
    (t.div_euclid(DAY) - (t.div_euclid(DAY) + 3).rem_euclid(7)) * DAY
}

/// The last `weeks` weeks up to `now`'s, oldest first, each with a count of 0.
pub fn empty_weeks(now: i64, weeks: usize) -> Vec<(i64, usize)> {
    let this_week = week_start(now);
    (0..weeks).rev().map(|w| (this_week - w as i64 * 7 * DAY, 0)).collect()
}

/// One day of the cumulative flow diagram: how many items were in each column at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowDay {
    /// Start of the day (UTC), seconds since 1970.
    pub day: i64,
    pub counts: Vec<usize>,
}

/// Cumulative flow from the first recorded day to `now`'s day, one entry per day.
pub fn cumulative_flow(board: &Board, now: i64) -> Vec<FlowDay> {
    let histories: Vec<Vec<(i64, usize)>> = board.items.iter().map(|i| moves(board, i)).collect();
    let Some(first) = histories.iter().filter_map(|h| h.first()).map(|(t, _)| *t).min() else { return Vec::new() };
    let (first_day, last_day) = (first.div_euclid(DAY) * DAY, now.div_euclid(DAY) * DAY);
    let mut days = Vec::new();
    let mut day = first_day;
    while day <= last_day {
        let end = day + DAY;
        let mut counts = vec![0; board.columns.len()];
        for history in &histories {
            if let Some((_, col)) = history.iter().rev().find(|(t, _)| *t < end) {
                counts[*col] += 1;
            }
        }
        days.push(FlowDay { day, counts });
        day = end;
    }
    days
}

/// When the item first reached the done column, if it did.
pub fn finished_at(board: &Board, item: &Item) -> Option<i64> {
    let done = board.done_column();
    moves(board, item).into_iter().find(|(_, c)| *c == done).map(|(t, _)| t)
}

/// When the item first left the first column (work started), if it did.
pub fn started_at(board: &Board, item: &Item) -> Option<i64> {
    moves(board, item).into_iter().find(|(_, c)| *c != 0).map(|(t, _)| t)
}

/// Items finished per week (weeks start on Monday), for the `weeks` weeks up to `now`.
pub fn throughput(board: &Board, now: i64, weeks: usize) -> Vec<(i64, usize)> {
    let monday = week_start;
    let mut out = empty_weeks(now, weeks);
    for item in &board.items {
        if let Some(t) = finished_at(board, item)
            && let Some(slot) = out.iter_mut().find(|(start, _)| *start == monday(t))
        {
            slot.1 += 1;
        }
    }
    out
}

/// Cycle times in days (fractional) of the finished items, from starting to first reaching done.
pub fn cycle_times(board: &Board) -> Vec<f64> {
    board
        .items
        .iter()
        .filter_map(|i| Some((started_at(board, i)?, finished_at(board, i)?)))
        .filter(|(start, end)| end >= start)
        .map(|(start, end)| (end - start) as f64 / DAY as f64)
        .collect()
}

/// The `p`-th percentile (0–100) by linear interpolation between closest ranks (the method of
/// spreadsheets' `PERCENTILE.INC`): the sorted values' 0-based rank `p/100 × (n − 1)`, and
/// between two ranks the straight line. The median of 1, 2, 3, 4 is 2.5; the 85th percentile
/// of 1 to 10 is 8.65. `None` for no values.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (p.clamp(0.0, 100.0) / 100.0) * (sorted.len() - 1) as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    Some(sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64))
}

/// Current WIP per column: (column name, count, limit).
pub fn wip(board: &Board) -> Vec<(String, usize, Option<u32>)> {
    board.columns.iter().enumerate().map(|(i, c)| (c.name.clone(), board.column_len(i), c.wip)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Level, Move, Time};

    fn at(day: u32, hour: i64) -> String {
        format!("2026-11-{day:02}T{hour:02}:00:00Z")
    }

    /// Seconds since 1970 of midnight UTC on `day` of `month` 2026.
    fn midnight(month: u32, day: u32) -> i64 {
        Time::parse(&format!("2026-{month:02}-{day:02}T00:00:00Z")).expect("a valid date").unix()
    }

    fn board() -> Board {
        let columns = ["Backlog", "Doing", "Done"].map(|c| Column::new(c, Some(2))).to_vec();
        let mut b = Board::new("t.ron", "T", Level::Team, columns);
        let item = |id: &str, moves: &[(u32, i64, &str)]| {
            let mut i = Item::new(id, id, moves.last().map(|m| m.2).unwrap_or("Backlog"));
            i.history = moves.iter().map(|(d, h, c)| Move { at: at(*d, *h).into(), column: (*c).into() }).collect();
            i
        };
        // Monday 2026-11-02 … Sunday 2026-11-15.
        b.items = vec![
            item("A", &[(2, 9, "Backlog"), (3, 9, "Doing"), (5, 9, "Done")]),
            item("B", &[(2, 10, "Backlog"), (4, 9, "Doing"), (10, 9, "Done")]),
            item("C", &[(3, 9, "Backlog"), (9, 12, "Doing")]),
            item("D", &[(6, 9, "Backlog")]),
            item("E", &[]),
        ];
        b.reindex();
        b
    }

    #[test]
    fn cumulative_flow_counts_each_day_end() {
        let b = board();
        let flow = cumulative_flow(&b, midnight(11, 10) + 20 * 3600);
        assert_eq!(flow.len(), 9, "2 Nov to 10 Nov");
        assert_eq!(flow[0].counts, [2, 0, 0]); // 2 Nov: A, B in Backlog
        assert_eq!(flow[1].counts, [2, 1, 0]); // 3 Nov: A doing; C arrives
        assert_eq!(flow[3].counts, [1, 1, 1]); // 5 Nov: A done, B doing, C backlog
        assert_eq!(flow[4].counts, [2, 1, 1]); // 6 Nov: D arrives
        assert_eq!(flow[8].counts, [1, 1, 2]); // 10 Nov: B done, C doing
    }

    #[test]
    fn throughput_per_week_and_cycle_time_percentiles() {
        let b = board();
        let now = midnight(11, 12);
        let weeks = throughput(&b, now, 3);
        let monday = |m, d| midnight(m, d);
        assert_eq!(weeks, [(monday(10, 26), 0), (monday(11, 2), 1), (monday(11, 9), 1)]);
        let mut cycle = cycle_times(&b);
        cycle.sort_by(f64::total_cmp);
        assert_eq!(cycle, [2.0, 6.0]);
        let one_to_ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&one_to_ten, 50.0), Some(5.5));
        assert!((percentile(&one_to_ten, 85.0).unwrap() - 8.65).abs() < 1e-9);
        assert_eq!(percentile(&[4.0, 1.0, 3.0, 2.0], 50.0), Some(2.5), "unsorted input");
        assert_eq!(percentile(&[7.0], 85.0), Some(7.0));
        assert_eq!(percentile(&one_to_ten, 0.0), Some(1.0));
        assert_eq!(percentile(&one_to_ten, 100.0), Some(10.0));
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(wip(&b)[1], ("Doing".to_string(), 1, Some(2)));
    }
}
